/** The imported packs' filter, as the full stage last wrote it, and the check made of it. */
import { isTextFilter, type TextFilter, textMayMatchSliced } from '../core/gram-filter';
import { PACKS_KEY } from '../core/pack-layout';
import { PACK_FILTER_KEY, type Prefilter, packListSignature, type StoredPackFilter } from '../core/prefilter';
import type { PacksCheck, TextCheck } from './first-stage-handle';
import { ext as browser } from './runtime';
import { yieldToPage } from './scheduler';

/** The two keys the packs' filter is read with: the pack list, and the filter made for it. */
export const PACK_FILTER_KEYS = [PACKS_KEY, PACK_FILTER_KEY];

const EMPTY: Prefilter = { words: [], exact: [], patterns: [], always: false };

/**
 * The filter in what was read with PACK_FILTER_KEYS. An empty one for no packs; null when the
 * filter was made for another list (a pack imported or removed since) or is not a filter: the
 * full stage then reads the packs and writes the right one.
 */
export function packFilterIn(stored: Record<string, unknown>): TextFilter | null {
  const list = stored[PACKS_KEY];
  if (!Array.isArray(list) || list.length === 0) return EMPTY;
  const written = stored[PACK_FILTER_KEY] as StoredPackFilter | undefined;
  return written?.packs === packListSignature(list) && isTextFilter(written.filter) ? written.filter : null;
}

export const checkOf =
  (filter: TextFilter): TextCheck =>
  (text, skipped) =>
    textMayMatchSliced(filter, text, skipped, yieldToPage);

/** The packs' check, for the first stage (null: "maybe", see packFilterIn). */
export async function readPackCheck(): Promise<PacksCheck | null> {
  const stored = await browser.storage.local.get(PACK_FILTER_KEYS);
  const filter = packFilterIn(stored);
  return filter && { check: checkOf(filter), packs: packListSignature(stored[PACKS_KEY]) };
}
