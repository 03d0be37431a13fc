/** The imported packs' part of the first stage's filter, as the full stage last wrote it. */
import { PACKS_KEY } from '../core/pack-layout';
import { PACK_FILTER_KEY, type Prefilter, packListSignature, type StoredPackFilter } from '../core/prefilter';
import { ext as browser } from './runtime';

/**
 * One read of the pack list and its filter. None for no packs (an empty filter); null when the
 * filter was made for another list (a pack imported or removed since): the full stage then runs
 * and writes the right one.
 */
export async function readPackFilter(): Promise<Prefilter | null> {
  const stored = await browser.storage.local.get([PACKS_KEY, PACK_FILTER_KEY]);
  const list = stored[PACKS_KEY];
  if (!Array.isArray(list) || list.length === 0) return EMPTY;
  const packs = stored[PACK_FILTER_KEY] as StoredPackFilter | undefined;
  return packs?.packs === packListSignature(list) ? packs.filter : null;
}

const EMPTY: Prefilter = { words: [], exact: [], patterns: [], always: false };
