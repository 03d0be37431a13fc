/**
 * The filter for many patterns (imported packs), which the background runs over a page's text
 * (background/pack-patterns.ts). The word-by-word check of prefilter.ts scans the text once per
 * word, which is right for the bundled data's hundred words but costs about 20 µs per word on an
 * ordinary page: a pack of 1,000 disputes would add 20 ms to every page. This check costs one
 * pass over the text however many patterns there are:
 *
 * - Each pattern has a key: the first GRAM units of its longest word, as lowerText has them.
 * - One pass over the lowered text hashes the GRAM units at every position into a bitmap of
 *   the keys' hashes. A set bit is looked up in the sorted keys, and each pattern with that key
 *   is checked there as a phrase around its key word, as the matcher would find it.
 * - The patterns found are then checked as prefilter.ts does, so that a name only inside the
 *   skipped elements' texts does not count (on the page, for `textPatternsIn`).
 * - A pattern with no word of GRAM units ("LG G7") is checked word by word, as before.
 *
 * Like prefilter.ts it may only err towards "maybe"; its tests check every pattern in every
 * form the matcher finds.
 */
import {
  isPrefilter,
  lowerText,
  mayMatch,
  type Phrase,
  type Prefilter,
  patternsIn,
  phraseAt,
  phraseFilter,
  phrasesIn,
} from './prefilter';

export const GRAM = 4;

export interface GramFilter {
  /**
   * Bitmap of the keys' hashes, eight bits per unit stored as U+0100 plus the byte: read as it
   * is (no decoding), and no unit JSON escapes or storage could alter.
   */
  bits: string;
  /** The bitmap's size in bits, as a power of two (at most 20: see `hashUnit`). */
  log: number;
  /** The keyed patterns' keys, GRAM units each, sorted. */
  keys: string;
  /** Per keyed pattern, in the order of `keys`: where its entry starts in `phrases`. */
  starts: number[];
  /**
   * Per keyed pattern, a line: "=" (as written) or "~" (folded), its key word's index as one unit
   * from U+0100, then its words, a space between (a word holds no whitespace).
   */
  phrases: string;
  /** The patterns with no key, checked word by word. */
  short: Prefilter;
}

/**
 * Above this many words a pass over the text costs less than one search per word: in Chromium,
 * cold (as in a background just woken), the pass costs about 90 ns per unit of text and one
 * native search about 0.3 ns.
 */
export const WORDS_FOR_GRAMS = 256;

const SEP = ' ';
/** The key word's index is stored as one unit from here: never escaped in JSON, never a newline. */
const INDEX_BASE = 0x100;
const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * The rolling hash of the last GRAM units, one unit on: shifts and exclusive or only, which
 * run fast before the engine has optimised anything (a background just woken runs it cold).
 * With a mask of at most 20 bits a unit is shifted out after GRAM steps, so the hash is of
 * exactly the last GRAM units; four lower-case ASCII letters each keep their five
 * distinguishing bits.
 */
const hashUnit = (hash: number, unit: number, mask: number) => ((hash << 5) ^ unit) & mask;
const MAX_LOG = 20;

/** The key of a pattern's words (as the filter stores them), or null when no word has GRAM units. */
function keyOf(words: readonly string[]): { at: number; key: string } | null {
  let at = -1;
  for (let k = 0; k < words.length; k++) {
    if ((words[k] as string).length >= GRAM && (at < 0 || (words[k] as string).length > (words[at] as string).length))
      at = k;
  }
  if (at < 0) return null;
  const key = lowerText((words[at] as string).slice(0, GRAM));
  // A key cut inside a pair, or holding one, would not survive storage as one unit each.
  for (let i = 0; i < GRAM; i++) if (key.length !== GRAM || isSurrogate(key.charCodeAt(i))) return null;
  return { at, key };
}

/** The filter of `filter`'s patterns checked in one pass over the text. */
export function compileGramFilter(filter: Prefilter): GramFilter {
  const keyed: { key: string; entry: string }[] = [];
  const short: Prefilter = { words: [], exact: [], patterns: [], always: filter.always };
  const shortIds = new Map<number, number>();
  for (const pattern of filter.patterns) {
    const words = pattern.map((w) => filter.words[w] as string);
    const found = keyOf(words);
    const asWritten = filter.exact[pattern[0] as number] === 1;
    if (found) {
      const entry = `${asWritten ? '=' : '~'}${String.fromCharCode(INDEX_BASE + found.at)}${words.join(SEP)}`;
      keyed.push({ key: found.key, entry });
      continue;
    }
    short.patterns.push(
      pattern.map((w) => {
        let id = shortIds.get(w);
        if (id === undefined) {
          id = short.words.length;
          shortIds.set(w, id);
          short.words.push(filter.words[w] as string);
          short.exact.push(filter.exact[w] as number);
        }
        return id;
      }),
    );
  }
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // About 32 bits per key, so that few positions hit by chance.
  let log = 12;
  while (1 << log < keyed.length * 32 && log < MAX_LOG) log++;
  const mask = (1 << log) - 1;
  const bitmap = new Uint8Array(1 << (log - 3));
  for (const { key } of keyed) {
    let h = 0;
    for (let i = 0; i < GRAM; i++) h = hashUnit(h, key.charCodeAt(i), mask);
    bitmap[h >>> 3] = (bitmap[h >>> 3] as number) | (1 << (h & 7));
  }
  const starts: number[] = [];
  let offset = 0;
  for (const { entry } of keyed) {
    starts.push(offset);
    offset += entry.length + 1;
  }
  let bits = '';
  for (let i = 0; i < bitmap.length; i += 0x8000) {
    bits += String.fromCharCode(...Array.from(bitmap.subarray(i, i + 0x8000), (byte) => 0x100 + byte));
  }
  return {
    bits,
    log,
    keys: keyed.map((k) => k.key).join(''),
    starts,
    phrases: keyed.map((k) => k.entry).join('\n'),
    short,
  };
}

/** The keyed pattern `p`, read from its line. */
function entryOf({ starts, phrases }: GramFilter, p: number): { asWritten: boolean; at: number; words: string[] } {
  const start = starts[p] as number;
  const end = phrases.indexOf('\n', start);
  const line = phrases.slice(start, end < 0 ? phrases.length : end);
  return { asWritten: line[0] === '=', at: line.charCodeAt(1) - INDEX_BASE, words: line.slice(2).split(SEP) };
}

/** The first keyed pattern whose key is not below `key`. */
function firstWithKey(keys: string, key: string): number {
  let lo = 0;
  let hi = keys.length / GRAM;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys.slice(mid * GRAM, mid * GRAM + GRAM) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The keyed patterns in `text` (`lower` as lowerText has it), in one pass over it. */
function keyedIn(filter: GramFilter, text: string, lower: string): Set<number> {
  const { bits, keys } = filter;
  const mask = (1 << filter.log) - 1;
  const found = new Set<number>();
  let h = 0;
  for (let end = 0; end < lower.length; end++) {
    h = hashUnit(h, lower.charCodeAt(end), mask);
    if (end < GRAM - 1 || !((bits.charCodeAt(h >>> 3) >>> (h & 7)) & 1)) continue;
    const i = end - GRAM + 1;
    const key = lower.slice(i, end + 1);
    for (let p = firstWithKey(keys, key); p * GRAM < keys.length && keys.startsWith(key, p * GRAM); p++) {
      if (found.has(p)) continue;
      const { asWritten, at, words } = entryOf(filter, p);
      if (!phraseAt(asWritten ? text : lower, words, at, i)) continue;
      found.add(p);
    }
  }
  return found;
}

/** The patterns in `text`, skipped texts not counted, as a filter of their own (prefilter.ts's patternsIn). */
function gramPatternsIn(filter: GramFilter, text: string): Prefilter {
  if (filter.short.always) return phraseFilter([], true);
  const keyed = Array.from(keyedIn(filter, text, lowerText(text)), (p): Phrase => entryOf(filter, p));
  return phraseFilter([...phrasesIn(filter.short, text), ...keyed]);
}

/** Whether `text` may hold a match of one of the filter's patterns (see prefilter.ts's mayMatch). */
export const mayMatchGrams = (filter: GramFilter, text: string, skipped?: () => readonly string[]): boolean =>
  mayMatch(gramPatternsIn(filter, text), text, skipped);

/** A filter of either kind: word by word (few words) or in one pass (many). */
export type TextFilter = Prefilter | GramFilter;

const isGramFilter = (filter: TextFilter): filter is GramFilter => 'keys' in filter;

export function textMayMatch(filter: TextFilter, text: string, skipped?: () => readonly string[]): boolean {
  return isGramFilter(filter) ? mayMatchGrams(filter, text, skipped) : mayMatch(filter, text, skipped);
}

/**
 * The filter's patterns in `text`, skipped texts not counted: for the page to weigh against its
 * skipped texts with prefilter.ts's `mayMatch`, which then answers as `textMayMatch` would.
 */
export function textPatternsIn(filter: TextFilter, text: string): Prefilter {
  return isGramFilter(filter) ? gramPatternsIn(filter, text) : patternsIn(filter, text);
}

/** Whether a stored value has a filter's shape (storage can hold anything). */
export function isTextFilter(value: unknown): value is TextFilter {
  if (isPrefilter(value)) return true;
  const f = value as GramFilter | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    Number.isInteger(f.log) &&
    f.log >= 3 &&
    f.log <= MAX_LOG &&
    typeof f.bits === 'string' &&
    f.bits.length === 2 ** (f.log - 3) &&
    typeof f.keys === 'string' &&
    typeof f.phrases === 'string' &&
    Array.isArray(f.starts) &&
    f.starts.length * GRAM === f.keys.length &&
    // A cut or shifted filter would read the wrong lines, and miss names.
    (f.starts.length === 0 || (f.starts[0] === 0 && (f.starts.at(-1) as number) < f.phrases.length)) &&
    isPrefilter(f.short)
  );
}
