/**
 * Finds every alias and claim cue in a text at once (DESIGN.md "Matching", issues 4 and 9).
 *
 * The cost must follow the text, not the number of patterns (10,000 aliases ≤ 1.3× of 10), and
 * stay close to a bare native pass over the page. A regex alternation fails the first goal
 * (irregexp tries the alternatives one by one at each position), and lowercasing or splitting
 * the page allocates per character. So:
 *
 * 1. The text is read once, a chunk at a time, with one typed-array load per UTF-16 unit
 *    (word-chars.ts). The folded characters of the current word are hashed on the fly, and
 *    every word end is written, with its hash, to a scratch buffer. This loop has no branch
 *    that depends on where words end: those are unpredictable, and mispredicting one cost
 *    more than the rest of the work on the word.
 * 2. Each recorded word end is tested against a bitset of the patterns' first-word hashes
 *    (~4% false hits at 10,000 patterns, none to speak of at 10); hits go to an
 *    open-addressing table of full hashes, and only its rare hits compare characters.
 *
 * Every match starts where a word starts, and the word there is exactly the pattern's first
 * word (its "key"), since the same boundary rules cut the text and the pattern. Matches do
 * not change where words are, so step 2 may run after step 1 has read the whole chunk.
 * Patterns may begin with punctuation ("#1 Phone"): the key is then the first word and the
 * match starts `lead` units before it. A pattern with no word character before its first
 * space can never match and is ignored.
 */
import {
  codePointInfo,
  FOLD_SHIFT,
  foldCodePoint,
  HIGH_SURROGATE,
  infoAt,
  joinsPrevious,
  KIND_MASK,
  LATIN,
  MARK,
  NONWORD,
  OTHER,
  SOLO,
  SPACE_FLAG,
  UNIT_INFO,
  unitInfo,
  widthAt,
} from './word-chars';

export interface PatternSpec {
  text: string;
  caseSensitive: boolean;
}

/** `pattern` indexes the specs given to createMatcher; `end` is exclusive; UTF-16 offsets. */
export interface Match {
  start: number;
  end: number;
  pattern: number;
}

export interface Matcher {
  /** Non-overlapping matches, left to right; at one start the longest wins, then the lowest index. */
  find(text: string): Match[];
  /** How many specs the matcher was built from (ignored ones included). */
  readonly size: number;
}

/**
 * Scanner state inside a word of a no-spaces script, where only a mark continues the word:
 * below NONWORD (it is a word) and equal to no kind the hot loop sees.
 */
const IN_SOLO = 0;
const GOLDEN = 0x9e3779b1 | 0;
/** Units per chunk: bounds the scratch buffers; large enough that the per-chunk work is noise. */
const CHUNK = 4096;
// Word ends of the current chunk (one can end at every unit, plus one at the end of the text).
// Shared by all matchers: find() runs to completion and calls nothing that could re-enter it.
const wordEnds = new Int32Array(CHUNK + 2);
const wordHashes = new Int32Array(CHUNK + 2);

/** Rotate-xor: a one-cycle dependency per character, where a multiply would take three. */
const step = (hash: number, fold: number) => ((hash << 5) | (hash >>> 27)) ^ fold;

/** What checking a candidate needs; built on first use, since most patterns never get one. */
interface Pattern {
  caseSensitive: boolean;
  /**
   * Words of the pattern, case-folded unless case-sensitive. Between two words the text may
   * have any run of whitespace or one hyphen.
   */
  parts: string[];
}

const NOT_ASCII = /[^\0-\x7f]/;

function foldString(s: string): string {
  if (!NOT_ASCII.test(s)) return s.toLowerCase(); // ASCII folds exactly like toLowerCase
  let out = '';
  for (const ch of s) out += String.fromCodePoint(foldCodePoint(ch.codePointAt(0) as number));
  return out;
}

function patternOf(text: string, caseSensitive: boolean): Pattern {
  const words = text.trim().split(/\s+/);
  return { caseSensitive, parts: caseSensitive ? words : words.map(foldString) };
}

/** Output of keyOf: [hash, lead, length]. */
const key = new Int32Array(3);

/**
 * Finds a pattern's key: its first word, cut and hashed exactly as the scanner cuts and hashes
 * words, after `lead` units of punctuation. Returns false when there is none (the first
 * whitespace-separated part has no word character). Runs for every pattern when a page's
 * content script starts, mostly before V8 has optimised anything, so it allocates nothing.
 */
function keyOf(text: string): boolean {
  const n = text.length;
  let at = 0;
  let info = 0;
  let width = 1;
  // Leading whitespace (the pattern is trimmed), then punctuation up to the key.
  for (; at < n; at += width) {
    const unit = text.charCodeAt(at);
    info = infoAt(text, at);
    width = unit < 0xd800 || unit > 0xdbff ? 1 : widthAt(text, at);
    if ((info & SPACE_FLAG) === 0) break;
  }
  const start = at;
  for (; at < n; at += width) {
    const unit = text.charCodeAt(at);
    info = infoAt(text, at);
    width = unit < 0xd800 || unit > 0xdbff ? 1 : widthAt(text, at);
    if ((info & SPACE_FLAG) !== 0) return false;
    if ((info & KIND_MASK) !== NONWORD) break;
  }
  if (at >= n) return false;
  const keyStart = at;
  const kind = info & KIND_MASK;
  const wordKind = kind === SOLO ? IN_SOLO : kind === MARK ? OTHER : kind;
  let hash = info >>> FOLD_SHIFT;
  for (at += width; at < n; at += width) {
    const unit = text.charCodeAt(at);
    info = infoAt(text, at);
    width = unit < 0xd800 || unit > 0xdbff ? 1 : widthAt(text, at);
    const next = info & KIND_MASK;
    if (next !== MARK && next !== wordKind) break;
    hash = step(hash, info >>> FOLD_SHIFT);
  }
  key[0] = hash;
  key[1] = keyStart - start;
  key[2] = at - keyStart;
  return true;
}

const isHyphen = (unit: number) => unit === 0x2d || unit === 0x2010 || unit === 0x2011;
const isSpace = (unit: number) => (unitInfo(unit) & SPACE_FLAG) !== 0;

/** Whether `part` (already folded) occurs at `at` ignoring case. */
function equalsFolded(text: string, at: number, part: string): boolean {
  for (let j = 0; j < part.length; ) {
    const info = unitInfo(text.charCodeAt(at + j));
    if (info !== HIGH_SURROGATE) {
      if (info >>> FOLD_SHIFT !== part.charCodeAt(j)) return false;
      j++;
      continue;
    }
    const cp = text.codePointAt(at + j) as number;
    const folded = cp > 0xffff ? codePointInfo(cp) >>> FOLD_SHIFT : cp;
    if (folded !== part.codePointAt(j)) return false;
    j += cp > 0xffff ? 2 : 1;
  }
  return true;
}

/** End of `pattern` matched at `start` (whose key is known to start a word), or -1. */
function matchAt(text: string, start: number, pattern: Pattern): number {
  const { parts } = pattern;
  let at = start;
  for (let k = 0; k < parts.length; k++) {
    if (k > 0) {
      // Past the end, charCodeAt gives NaN: looking that up made V8 drop its optimised
      // unitInfo (seen with --trace-deopt) whenever a flow ended in a phrase's first word.
      if (at >= text.length) return -1;
      const unit = text.charCodeAt(at);
      if (isHyphen(unit)) at++;
      else if (isSpace(unit)) {
        at++;
        while (at < text.length && isSpace(text.charCodeAt(at))) at++;
      } else return -1;
    }
    const part = parts[k] as string;
    if (at + part.length > text.length) return -1;
    if (pattern.caseSensitive ? !text.startsWith(part, at) : !equalsFolded(text, at, part)) return -1;
    at += part.length;
  }
  return joinsPrevious(text, at) ? -1 : at;
}

class HashedMatcher implements Matcher {
  readonly size: number;
  private readonly texts: string[];
  private readonly caseSensitive: Uint8Array;
  /** Per pattern: units of punctuation before its key, and the key's length. */
  private readonly keyLead: Int32Array;
  private readonly keyLength: Int32Array;
  /** Built on a pattern's first candidate. */
  private readonly patterns: (Pattern | undefined)[];
  /**
   * One bit per key hash: at most 32 KB, so it stays in L1 next to the text, and at least 26
   * bits per key, so an unrelated word passes by chance about 4% of the time.
   */
  private readonly keyBits: Int32Array;
  private readonly keyBitsShift: number;
  /**
   * Open addressing on the key hash, load factor ≤ 1/4: slot → first pattern with that hash
   * (index + 1, 0 = empty), then `nextInGroup` chains the rest in index order, so on equal
   * spans the lowest index wins.
   */
  private readonly slotHead: Int32Array;
  private readonly slotHash: Int32Array;
  private readonly slotShift: number;
  private readonly slotMask: number;
  private readonly nextInGroup: Int32Array;
  private readonly empty: boolean;

  constructor(specs: readonly PatternSpec[]) {
    const n = specs.length;
    this.size = n;
    this.texts = new Array<string>(n);
    this.caseSensitive = new Uint8Array(n);
    this.keyLead = new Int32Array(n);
    this.keyLength = new Int32Array(n);
    this.patterns = new Array<Pattern | undefined>(n);
    this.nextInGroup = new Int32Array(n);
    let bitsLog = 10;
    while (1 << bitsLog < n * 26 && bitsLog < 18) bitsLog++;
    this.keyBitsShift = 32 - bitsLog;
    this.keyBits = new Int32Array(1 << (bitsLog - 5));
    let slotsLog = 4;
    while (1 << slotsLog < n * 4) slotsLog++;
    this.slotShift = 32 - slotsLog;
    this.slotMask = (1 << slotsLog) - 1;
    this.slotHead = new Int32Array(1 << slotsLog);
    this.slotHash = new Int32Array(1 << slotsLog);
    // Locals: this loop runs cold, where every property access costs.
    const { keyBits, slotHead, slotHash, nextInGroup, slotMask } = this;
    let empty = true;
    // Backwards, so that prepending leaves every group in index order.
    for (let index = n - 1; index >= 0; index--) {
      const spec = specs[index] as PatternSpec;
      this.texts[index] = spec.text;
      this.caseSensitive[index] = spec.caseSensitive ? 1 : 0;
      if (!keyOf(spec.text)) continue;
      const hash = key[0] as number;
      this.keyLead[index] = key[1] as number;
      this.keyLength[index] = key[2] as number;
      let slot = Math.imul(hash, GOLDEN) >>> this.slotShift;
      while (slotHead[slot] !== 0 && slotHash[slot] !== hash) slot = (slot + 1) & slotMask;
      nextInGroup[index] = slotHead[slot] as number;
      slotHead[slot] = index + 1;
      slotHash[slot] = hash;
      const bit = Math.imul(hash, GOLDEN) >>> this.keyBitsShift;
      keyBits[bit >>> 5] = (keyBits[bit >>> 5] as number) | (1 << bit);
      empty = false;
    }
    this.empty = empty;
  }

  find(text: string): Match[] {
    const matches: Match[] = [];
    if (this.empty) return matches;
    const info = UNIT_INFO;
    const ends = wordEnds;
    const hashes = wordHashes;
    const n = text.length;
    // NONWORD between words, else the kind of the word being read (IN_SOLO for SOLO).
    let state = NONWORD;
    let hash = 0;
    let minStart = 0;
    let i = 0;
    while (i < n) {
      const chunkEnd = Math.min(n, i + CHUNK);
      let count = 0;
      while (i < chunkEnd) {
        // Hot loop: no calls (they would push state and hash out of registers) and no branch
        // on where words end. `same` is -1 while the word, or the run of non-word units, goes
        // on, else 0; the slot is written every time and kept only when a word ended here.
        for (; i < chunkEnd; i++) {
          const v = info[text.charCodeAt(i)] as number;
          const kind = v & KIND_MASK;
          if (kind < OTHER) break;
          const same = ((kind ^ state) - 1) >> 31;
          ends[count] = i;
          hashes[count] = hash;
          count -= ~same & ((state - NONWORD) >> 31);
          // step(hash & same, fold), written out: before V8 optimises this loop (most pages
          // are too short for that), a call per character costs as much as the rest of it.
          const kept = hash & same;
          hash = ((kept << 5) | (kept >>> 27)) ^ (v >>> FOLD_SHIFT);
          state = kind;
        }
        // Rare on most pages: marks, no-spaces scripts, surrogate pairs, first sightings.
        // Branchy, and it stays until a character the hot loop handles well.
        while (i < chunkEnd) {
          const unit = text.charCodeAt(i);
          let v = info[unit] as number;
          let kind = v & KIND_MASK;
          if (kind === LATIN) break;
          let width = 1;
          if (kind <= HIGH_SURROGATE) {
            v = unitInfo(unit);
            if (v === HIGH_SURROGATE) {
              const low = text.charCodeAt(i + 1);
              if (low >= 0xdc00 && low <= 0xdfff) {
                v = codePointInfo(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
                width = 2;
              } else v = (unit << FOLD_SHIFT) | NONWORD;
            }
            kind = v & KIND_MASK;
          }
          if ((kind === state && kind !== NONWORD) || (kind === MARK && state !== NONWORD)) {
            hash = step(hash, v >>> FOLD_SHIFT);
          } else if (kind !== state) {
            if (state !== NONWORD) {
              ends[count] = i;
              hashes[count++] = hash;
            }
            hash = v >>> FOLD_SHIFT;
            state = kind === SOLO ? IN_SOLO : kind === MARK ? OTHER : kind;
          }
          i += width;
        }
      }
      if (i >= n && state !== NONWORD) {
        ends[count] = n;
        hashes[count++] = hash;
      }
      minStart = this.matchWordEnds(text, count, minStart, matches);
    }
    return matches;
  }

  /** Tries the chunk's recorded word ends in order; returns where the next match may start. */
  private matchWordEnds(text: string, count: number, minStart: number, matches: Match[]): number {
    const keyBits = this.keyBits;
    const keyBitsShift = this.keyBitsShift;
    for (let k = 0; k < count; k++) {
      const hash = wordHashes[k] as number;
      const bit = Math.imul(hash, GOLDEN) >>> keyBitsShift;
      if (((keyBits[bit >>> 5] as number) & (1 << bit)) === 0) continue;
      const end = this.matchWordEnd(text, hash, wordEnds[k] as number, minStart, matches);
      if (end >= 0) minStart = end;
    }
    return minStart;
  }

  /**
   * A word whose hash may be a key ends at `wordEnd`: tries the patterns with that key. Pushes
   * the leftmost, then longest, match and returns its end, or -1.
   */
  private matchWordEnd(text: string, hash: number, wordEnd: number, minStart: number, matches: Match[]): number {
    let slot = Math.imul(hash, GOLDEN) >>> this.slotShift;
    let head = this.slotHead[slot] as number;
    while (head !== 0 && this.slotHash[slot] !== hash) {
      slot = (slot + 1) & this.slotMask;
      head = this.slotHead[slot] as number;
    }
    let bestStart = -1;
    let bestEnd = -1;
    let best = -1;
    for (let next = head; next !== 0; next = this.nextInGroup[next - 1] as number) {
      const index = next - 1;
      // The hash covers the whole word; a key that only ends it must not count.
      const keyStart = wordEnd - (this.keyLength[index] as number);
      const start = keyStart - (this.keyLead[index] as number);
      if (start < minStart || (bestStart >= 0 && start > bestStart)) continue;
      if (joinsPrevious(text, keyStart)) continue;
      const end = matchAt(text, start, this.pattern(index));
      if (end < 0) continue;
      // Equal spans keep the earlier pattern, which comes first in the group.
      if (bestStart < 0 || start < bestStart || end > bestEnd) {
        bestStart = start;
        bestEnd = end;
        best = index;
      }
    }
    if (best < 0) return -1;
    matches.push({ start: bestStart, end: bestEnd, pattern: best });
    return bestEnd;
  }

  private pattern(index: number): Pattern {
    let pattern = this.patterns[index];
    if (!pattern) {
      pattern = patternOf(this.texts[index] as string, this.caseSensitive[index] === 1);
      this.patterns[index] = pattern;
    }
    return pattern;
  }
}

export function createMatcher(patterns: readonly PatternSpec[]): Matcher {
  return new HashedMatcher(patterns);
}
