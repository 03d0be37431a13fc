/**
 * The content script's first stage: a compact filter that says whether a page's text could hold
 * a match at all, so a page that names no disputed entity never pays for the matcher, the marker
 * or the storage reads. It may only err towards "maybe": a "no" for text the matcher would find
 * something in is a bug (tests/unit/prefilter.test.ts checks every pattern).
 *
 * The matcher finds a pattern's words literally (case-folded unless the pattern is
 * case-sensitive), with only whitespace or a hyphen between them, within one run of text. A run
 * is contiguous in the page's `textContent`, so a pattern of several words is looked for as a
 * phrase there, by a regular expression over the text; it is only built when every word is in the
 * text, which one native `includes` per word answers (most patterns fail on their first word, the
 * one least likely on an ordinary page).
 *
 * Word boundaries at a pattern's two ends are not checked: in `textContent`, adjacent blocks run
 * together ("…AppleXiaomi…"), so a boundary cannot be seen there. Scripts and styles are in
 * `textContent` too (a user-agent parser names every phone maker): a pattern counts only if it
 * occurs more often in the whole text than in the skipped elements' texts (`skipped`). The one
 * case this misses is a word cut in two by a skipped element inside it ("Xiao<script>…</script>mi").
 *
 * Case-folded words are looked for in the text lower-cased by one native `toLowerCase`, which
 * differs from the matcher's per-character fold in two places only: "İ" (U+0130), whose lower
 * case is two units (the text replaces it first), and a word-final capital sigma, which becomes
 * "ς" where the fold gives "σ" (single words are cut at every sigma, phrases accept both).
 */

export interface Prefilter {
  /** What to look for: folded, or as written where `exact` says so. */
  words: string[];
  /** Per word: 1 when it is looked for as written (a case-sensitive pattern's), else 0. */
  exact: number[];
  /** Each pattern as the indexes of its words, the least likely on an ordinary page first. */
  patterns: number[][];
  /**
   * Per pattern: for several words, the source of a regular expression of the phrase (over the
   * text as written, or lower-cased for a case-folded pattern); "" for one word.
   */
  phrases: string[];
  /** Per pattern: 1 when it is looked for as written, else 0. */
  exactPhrase: number[];
  /** True when some pattern has no word to look for: every text is a candidate. */
  always: boolean;
}

/**
 * Where the imported packs' filter is kept in storage.local, with the pack list it was made
 * from: a filter made for another list counts as "maybe" (the full stage then writes the right
 * one).
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

/** The text as the folded words are written: lower case, "İ" as "i". */
export function lowerText(text: string): string {
  return (text.includes('\u0130') ? text.replaceAll('\u0130', 'i') : text).toLowerCase();
}

const UNKNOWN = 0;
const PRESENT = 1;
const ABSENT = 2;

/** Occurrences of `word` in `text`, overlapping ones too (so no part can hold more than the whole). */
function countWord(text: string, word: string): number {
  let count = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) count++;
  return count;
}

function countPhrase(text: string, phrase: RegExp): number {
  let count = 0;
  phrase.lastIndex = 0;
  for (let found = phrase.exec(text); found; found = phrase.exec(text)) {
    count++;
    phrase.lastIndex = found.index + 1;
  }
  return count;
}

/**
 * Whether `text` may hold a match of one of the filter's patterns. `skipped`, when given, returns
 * the texts of the elements the scan skips within it (scripts, styles…), read only when some
 * pattern is in the text: a pattern found only inside them does not count.
 */
export function mayMatch(filter: Prefilter, text: string, skipped?: () => readonly string[]): boolean {
  if (filter.always) return true;
  if (text.length === 0) return false;
  const { words, exact, patterns, phrases, exactPhrase } = filter;
  const seen = new Uint8Array(words.length);
  let lowered: string | undefined;
  const lower = () => {
    lowered ??= lowerText(text);
    return lowered;
  };
  let parts: readonly string[] | undefined;
  let lowerParts: readonly string[] | undefined;
  for (let p = 0; p < patterns.length; p++) {
    let all = true;
    for (const w of patterns[p] as number[]) {
      let state = seen[w] as number;
      if (state === UNKNOWN) {
        const haystack = exact[w] === 1 ? text : lower();
        state = haystack.includes(words[w] as string) ? PRESENT : ABSENT;
        seen[w] = state;
      }
      if (state === ABSENT) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    const asWritten = exactPhrase[p] === 1;
    const haystack = asWritten ? text : lower();
    const source = phrases[p] as string;
    const phrase = source ? new RegExp(source, 'g') : null;
    const count = (t: string) =>
      phrase ? countPhrase(t, phrase) : countWord(t, words[patterns[p]?.[0] as number] as string);
    const inText = count(haystack);
    if (inText === 0) continue;
    if (!skipped) return true;
    parts ??= skipped();
    if (!asWritten) lowerParts ??= parts.map(lowerText);
    const inParts = asWritten ? parts : (lowerParts as readonly string[]);
    let inSkipped = 0;
    for (const part of inParts) inSkipped += count(part);
    if (inText > inSkipped) return true;
  }
  return false;
}

/** Filters of several indexes as one (the bundled one and imported packs'). */
export function mergePrefilters(filters: readonly Prefilter[]): Prefilter {
  const merged: Prefilter = { words: [], exact: [], patterns: [], phrases: [], exactPhrase: [], always: false };
  for (const filter of filters) {
    const offset = merged.words.length;
    merged.words.push(...filter.words);
    merged.exact.push(...filter.exact);
    for (const pattern of filter.patterns) merged.patterns.push(pattern.map((w) => w + offset));
    merged.phrases.push(...filter.phrases);
    merged.exactPhrase.push(...filter.exactPhrase);
    merged.always ||= filter.always;
  }
  return merged;
}
