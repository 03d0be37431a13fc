/**
 * The content script's first stage: a compact filter that says whether a page's text could hold
 * a match at all, so a page that names no disputed entity never pays for the matcher, the marker
 * or the storage reads. It may only err towards "maybe": a "no" for text the matcher would find
 * something in is a bug (tests/unit/prefilter.test.ts checks every pattern). Imported packs with
 * many words are checked in one pass over the text instead (gram-filter.ts).
 *
 * The matcher finds a pattern's words literally (case-folded unless the pattern is
 * case-sensitive), with only whitespace or a hyphen between them, within one run of text. A run
 * is contiguous in the page's `textContent`, so a pattern of several words is looked for as a
 * phrase there: at each place its first word is, the next words must follow with only those
 * separators between. That is only tried when every word is in the text, which one native
 * `includes` per word answers; most patterns fail on a word that is in no ordinary page.
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
 * "ς" where the fold gives "σ" (the text's "ς" become "σ", as the fold has them).
 */
import type { TextFilter } from './gram-filter';

export interface Prefilter {
  /** What to look for: folded, or as written where `exact` says so. */
  words: string[];
  /** Per word: 1 when it is looked for as written (a case-sensitive pattern's), else 0. */
  exact: number[];
  /** Each pattern as the indexes of its words, in their order. */
  patterns: number[][];
  /** True when some pattern has no word to look for: every text is a candidate. */
  always: boolean;
}

/**
 * Where the imported packs' filter is kept in storage.local, with the pack list it was made
 * from: the background makes it again when it was made for another list.
 */
export const PACK_FILTER_KEY = 'pack-filter';

export interface StoredPackFilter {
  packs: string;
  filter: TextFilter;
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

/** The text as the folded words are written: lower case, "İ" as "i", every sigma "σ". */
export function lowerText(text: string): string {
  const lower = (text.includes('\u0130') ? text.replaceAll('\u0130', 'i') : text).toLowerCase();
  return lower.includes('ς') ? lower.replaceAll('ς', 'σ') : lower;
}

const UNKNOWN = 0;
const PRESENT = 1;
const ABSENT = 2;

/** Any whitespace the matcher allows between words is in JavaScript's `\s` (checked in the tests). */
const SPACE = /\s/;
const isHyphen = (unit: number) => unit === 0x2d || unit === 0x2010 || unit === 0x2011;

/** Where the phrase that starts at `at` with `words[0]` ends in `text`, or -1 if it does not. */
function phraseEnd(text: string, words: readonly string[], at: number): number {
  let end = at + (words[0] as string).length;
  for (let k = 1; k < words.length; k++) {
    if (isHyphen(text.charCodeAt(end))) end++;
    else if (SPACE.test(text.charAt(end))) {
      end++;
      while (end < text.length && SPACE.test(text.charAt(end))) end++;
    } else return -1;
    if (!text.startsWith(words[k] as string, end)) return -1;
    end += (words[k] as string).length;
  }
  return end;
}

/** The start of the separator that ends just before `end`, or -1 if none does. */
function separatorStart(text: string, end: number): number {
  if (isHyphen(text.charCodeAt(end - 1))) return end - 1;
  if (end === 0 || !SPACE.test(text.charAt(end - 1))) return -1;
  let start = end - 1;
  while (start > 0 && SPACE.test(text.charAt(start - 1))) start--;
  return start;
}

/** Whether the phrase `words` is in `text` with its word `k` at `at`. */
export function phraseAt(text: string, words: readonly string[], k: number, at: number): boolean {
  if (!text.startsWith(words[k] as string, at)) return false;
  if (k < words.length - 1 && phraseEnd(text, words.slice(k), at) < 0) return false;
  let start = at;
  for (let j = k - 1; j >= 0; j--) {
    const end = separatorStart(text, start);
    const word = words[j] as string;
    if (end < word.length || !text.startsWith(word, end - word.length)) return false;
    start = end - word.length;
  }
  return true;
}

/** Places the phrase starts in `text`, overlapping ones too (so no part holds more than the whole). */
function countPhrase(text: string, words: readonly string[]): number {
  let count = 0;
  const first = words[0] as string;
  for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
    if (words.length === 1 || phraseEnd(text, words, at) >= 0) count++;
  }
  return count;
}

/** A pattern as its words, and whether they are looked for as written. */
export interface Phrase {
  asWritten: boolean;
  words: readonly string[];
}

/** A filter of the given phrases, each word kept once per phrase. */
export function phraseFilter(phrases: Iterable<Phrase>, always = false): Prefilter {
  const filter: Prefilter = { words: [], exact: [], patterns: [], always };
  for (const { asWritten, words } of phrases) {
    const first = filter.words.length;
    filter.words.push(...words);
    filter.exact.push(...words.map(() => (asWritten ? 1 : 0)));
    filter.patterns.push(words.map((_, k) => first + k));
  }
  return filter;
}

/**
 * Calls `visit` with each pattern whose phrase is in `text`, and how often it is there, until
 * `visit` returns true; returns whether it did. Each word is searched
 * once, and a phrase only where all its words are.
 */
function visitPatternsIn(filter: Prefilter, text: string, visit: (phrase: Phrase, inText: number) => boolean): boolean {
  const { words, exact, patterns } = filter;
  const seen = new Uint8Array(words.length);
  let lowered: string | undefined;
  const lower = () => {
    lowered ??= lowerText(text);
    return lowered;
  };
  for (const pattern of patterns) {
    let all = true;
    for (const w of pattern) {
      let state = seen[w] as number;
      if (state === UNKNOWN) {
        state = (exact[w] === 1 ? text : lower()).includes(words[w] as string) ? PRESENT : ABSENT;
        seen[w] = state;
      }
      if (state === ABSENT) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    const asWritten = exact[pattern[0] as number] === 1;
    const phrase = pattern.map((w) => words[w] as string);
    const inText = countPhrase(asWritten ? text : lower(), phrase);
    if (inText > 0 && visit({ asWritten, words: phrase }, inText)) return true;
  }
  return false;
}

/** The phrases of `filter`'s patterns that are in `text`, skipped texts not counted. */
export function phrasesIn(filter: Prefilter, text: string): Phrase[] {
  const found: Phrase[] = [];
  if (text.length === 0) return found;
  visitPatternsIn(filter, text, (phrase) => {
    found.push(phrase);
    return false; // every one, not the first
  });
  return found;
}

/**
 * The patterns of `filter` whose phrase is in `text`, skipped texts not counted, as a filter of
 * their own: `mayMatch` of it, with the skipped texts, answers as `mayMatch` of the whole filter
 * would. The background finds these for a page's text (the packs' filter is megabytes), and the
 * page weighs the few found against its skipped texts.
 */
export const patternsIn = (filter: Prefilter, text: string): Prefilter =>
  filter.always ? phraseFilter([], true) : phraseFilter(phrasesIn(filter, text));

/** Whether what `patternsIn` found for a text names any pattern (none when nothing was found). */
export const namesAny = (found: Prefilter | undefined): found is Prefilter =>
  found !== undefined && (found.always || found.patterns.length > 0);

/**
 * Whether `text` may hold a match of one of the filter's patterns. `skipped`, when given, returns
 * the texts of the elements the scan skips within it (scripts, styles…), read only when some
 * pattern is in the text: a pattern found only inside them does not count.
 */
export function mayMatch(filter: Prefilter, text: string, skipped?: () => readonly string[]): boolean {
  if (filter.always) return true;
  if (text.length === 0) return false;
  let parts: readonly string[] | undefined;
  let lowerParts: readonly string[] | undefined;
  return visitPatternsIn(filter, text, ({ asWritten, words }, inText) => {
    if (!skipped) return true;
    parts ??= skipped();
    if (!asWritten) lowerParts ??= parts.map(lowerText);
    let inSkipped = 0;
    for (const part of asWritten ? parts : (lowerParts as readonly string[])) inSkipped += countPhrase(part, words);
    return inText > inSkipped;
  });
}

/** Whether a value has a word-by-word filter's shape (it crossed storage or a process boundary). */
export const isPrefilter = (value: unknown): value is Prefilter => {
  const f = value as Prefilter | null;
  if (typeof f !== 'object' || f === null || typeof f.always !== 'boolean') return false;
  const { words, exact, patterns } = f;
  if (!Array.isArray(words) || !Array.isArray(exact) || !Array.isArray(patterns)) return false;
  // Every pattern names words the filter has: a missing one would be searched as "undefined".
  const known = (w: unknown) => Number.isInteger(w) && (w as number) >= 0 && (w as number) < words.length;
  return (
    exact.length === words.length &&
    words.every((word) => typeof word === 'string') &&
    patterns.every((pattern) => Array.isArray(pattern) && pattern.length > 0 && pattern.every(known))
  );
};
