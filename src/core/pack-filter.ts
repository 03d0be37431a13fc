/**
 * The imported packs' filter as storage keeps it: made by the background from the packs'
 * indexes, for the pack list it names (a filter made for another list is made again).
 */
import { isTextFilter, type TextFilter } from './gram-filter';
import { PACKS_KEY } from './pack-layout';
import { PACK_FILTER_KEY, type Prefilter, packListSignature, type StoredPackFilter } from './prefilter';

/** The two keys the packs' filter is read with: the pack list, and the filter made for it. */
export const PACK_FILTER_KEYS = [PACKS_KEY, PACK_FILTER_KEY];

const EMPTY: Prefilter = { words: [], exact: [], patterns: [], always: false };

/**
 * The filter in what was read with PACK_FILTER_KEYS. An empty one for no packs; null when the
 * filter was made for another list (a pack imported or removed since) or is not a filter.
 */
export function packFilterIn(stored: Record<string, unknown>): TextFilter | null {
  const list = stored[PACKS_KEY];
  if (!Array.isArray(list) || list.length === 0) return EMPTY;
  const written = stored[PACK_FILTER_KEY] as StoredPackFilter | undefined;
  return written?.packs === packListSignature(list) && isTextFilter(written.filter) ? written.filter : null;
}
