/** The imported packs' part of the first stage's filter, as the full stage last wrote it. */

import { isTextFilter, type TextFilter, textMayMatch } from '../core/gram-filter';
import { PACKS_KEY } from '../core/pack-layout';
import { PACK_FILTER_KEY, type Prefilter, packListSignature, type StoredPackFilter } from '../core/prefilter';
import type { TextCheck } from './first-stage-handle';
import { ext as browser } from './runtime';

/**
 * One read of the pack list and its filter. None for no packs (an empty filter); null when the
 * filter was made for another list (a pack imported or removed since) or is not a filter: the
 * full stage then runs and writes the right one.
 */
async function readPackFilter(): Promise<TextFilter | null> {
  const stored = await browser.storage.local.get([PACKS_KEY, PACK_FILTER_KEY]);
  const list = stored[PACKS_KEY];
  if (!Array.isArray(list) || list.length === 0) return EMPTY;
  const packs = stored[PACK_FILTER_KEY] as StoredPackFilter | undefined;
  return packs?.packs === packListSignature(list) && isTextFilter(packs.filter) ? packs.filter : null;
}

const EMPTY: Prefilter = { words: [], exact: [], patterns: [], always: false };

/** The packs' check, for the first stage (null: "maybe", see readPackFilter). */
export async function readPackCheck(): Promise<TextCheck | null> {
  const filter = await readPackFilter();
  return filter && ((text, skipped) => textMayMatch(filter, text, skipped));
}
