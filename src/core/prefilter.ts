/**
 * The content script's first stage: a compact filter that says whether a page's text could hold
 * a match at all, so a page that names no disputed entity never pays for the matcher, the marker
 * or the storage reads (issue 18). It may only err towards "maybe": a "no" for text the matcher
 * would find something in is a bug (tests/unit/prefilter.test.ts checks every pattern).
 *
 * The check runs on the page's text lower-cased by one native `toLowerCase`, then one native
 * `indexOf` per needle: for each pattern, the longest run of one of its words, folded as the
 * matcher folds (word-chars.ts). A word of a pattern is matched character for character, so
 * the run is in the text whenever the pattern is. Patterns whose words are all short ("Mi 4")
 * would make needles that every page contains; they go into one small regular expression of
 * whole patterns instead, with the matcher's separators (any whitespace or one hyphen).
 *
 * Whole-string `toLowerCase` differs from the matcher's per-character fold in two places only:
 * "İ" (U+0130), whose lower case is two units (the text replaces it first), and a word-final
 * capital sigma, which becomes "ς" where the fold gives "σ" (needles never hold a sigma).
 */

export interface Prefilter {
  /** Folded substrings; the text is a candidate if it holds any (within `edges`). */
  needles: string[];
  /** Per needle: WORD_START, WORD_END, both or neither. */
  edges: number[];
  /** Source of a regular expression over the lower-cased text, or "" for none. */
  short: string;
  /** True when some pattern has no usable needle: every text is a candidate. */
  always: boolean;
}

/** The needle must not follow (WORD_START) or be followed by (WORD_END) an ASCII word unit. */
export const WORD_START = 1;
export const WORD_END = 2;

/** a–z, 0–9, "_": these join the needle's first or last unit into a longer word. */
const joins = (unit: number) => (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || unit === 0x5f;

function holds(lower: string, needle: string, edges: number): boolean {
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
    if (edges & WORD_START && joins(lower.charCodeAt(at - 1))) continue;
    if (edges & WORD_END && joins(lower.charCodeAt(at + needle.length))) continue;
    return true;
  }
  return false;
}

/**
 * Where the imported packs' filter is kept in storage.local, with the pack list it was made
 * from: the first stage reads it together with that list, in one small read, and a filter made
 * for another list counts as "maybe" (the full stage then writes the right one).
 */
export const PACK_FILTER_KEY = 'pack-filter';

export interface StoredPackFilter {
  packs: string;
  filter: Prefilter;
}

/** What a pack filter was made for: each pack's id and import time, from the stored list. */
export function packListSignature(list: unknown): string {
  if (!Array.isArray(list)) return '';
  return list
    .map((meta) => {
      const { id, importedAt } = (meta ?? {}) as { id?: unknown; importedAt?: unknown };
      return `${String(id)}@${String(importedAt)}`;
    })
    .join('\n');
}

/** The page text as the needles are written: lower case, "İ" as "i". */
export function lowerText(text: string): string {
  return (text.includes('\u0130') ? text.replaceAll('\u0130', 'i') : text).toLowerCase();
}

/** Whether lower-cased text (see `lowerText`) may hold a match. */
export function mayMatch(filter: Prefilter, lower: string, shortRegex: RegExp | null): boolean {
  if (filter.always) return true;
  const { needles, edges } = filter;
  for (let i = 0; i < needles.length; i++) if (holds(lower, needles[i] as string, edges[i] as number)) return true;
  return shortRegex !== null && shortRegex.test(lower);
}

/** The regular expression for `filter.short`, or null. */
export const shortRegexOf = (filter: Prefilter): RegExp | null => (filter.short ? new RegExp(filter.short) : null);

/** Filters of several indexes as one (the bundled one and imported packs'). */
export function mergePrefilters(filters: readonly Prefilter[]): Prefilter {
  return {
    needles: filters.flatMap((f) => f.needles),
    edges: filters.flatMap((f) => f.edges),
    short: filters
      .map((f) => f.short)
      .filter(Boolean)
      .join('|'),
    always: filters.some((f) => f.always),
  };
}
