/**
 * Character classes for the matcher's word boundaries (DESIGN.md "Matching").
 *
 * Word characters are letters, marks, digits and connectors (\p{L}\p{M}\p{N}\p{Pc}). Two
 * adjacent word characters belong to the same word unless a boundary falls between them:
 * - scripts written without spaces (SOLO: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar)
 *   have a boundary between every character, so "小米MIUI系统" holds the word "MIUI";
 * - a Latin letter or digit next to a letter of another script is a boundary ("Xiaomiका");
 * - a combining mark belongs to the character before it (after a non-word character it
 *   starts a word, of the OTHER kind).
 *
 * Everything is packed into one number per character so the matcher's inner loop does a single
 * typed-array load per UTF-16 unit: bits 0–2 the kind, bit 3 "is whitespace", bits 4+ the
 * case-folded character. The table is filled lazily, on a character's first sighting, from
 * runs generated ahead (unicode-kinds.ts): filling all 65,536 entries up front would cost
 * milliseconds at content-script start-up on every page, and so would compiling the
 * Unicode-property regexes that define the kinds (tests/unit/word-chars.test.ts).
 */

import { KIND_RUNS } from './unicode-kinds';

// Kinds. Their order is part of the matcher's speed: the three its hot loop handles are the
// largest, so one comparison sends everything else to the slow path, and "not looked up yet"
// is 0, so the table needs no filling (and its untouched pages can stay uncommitted).

/** Not a word character (space, punctuation, symbol, emoji, control). */
export const NONWORD = 6;
/** Latin-script letter, or any digit or connector: these join into one word. */
export const LATIN = 5;
/** Letter of a script written with spaces other than Latin (Cyrillic, Devanagari, Hangul …). */
export const OTHER = 4;
/** Letter or digit of a script written without spaces: each is a word of its own. */
export const SOLO = 3;
/** Combining mark: continues whatever word precedes it. */
export const MARK = 2;
/** High surrogate: the kind belongs to the code point it starts (see `codePointInfo`). */
export const HIGH_SURROGATE = 1;
/** Not looked up yet. */
const UNKNOWN = 0;

export const KIND_MASK = 7;
export const SPACE_FLAG = 8;
export const FOLD_SHIFT = 4;

/** Start code point of each run of KIND_RUNS, and its info; decoded on the first lookup. */
let runStarts: Int32Array | null = null;
let runInfos: Uint8Array | null = null;
let runCount = 0;

function decodeRuns(): void {
  // JSON.parse is native. A loop over the characters of a denser encoding, run once per page
  // and so never optimised, took milliseconds of every page's start-up.
  const pairs = JSON.parse(KIND_RUNS) as number[];
  const count = pairs.length >> 1;
  const starts = new Int32Array(count);
  const infos = new Uint8Array(count);
  let start = 0;
  for (let run = 0; run < count; run++) {
    starts[run] = start;
    infos[run] = pairs[2 * run] as number;
    start += pairs[2 * run + 1] as number;
  }
  runStarts = starts;
  runInfos = infos;
  runCount = count;
}

/** Kind and SPACE_FLAG of a code point: a binary search over the runs. */
function runInfo(cp: number): number {
  if (!runStarts) decodeRuns();
  const starts = runStarts as Int32Array;
  let lo = 0;
  let hi = runCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= cp) lo = mid;
    else hi = mid - 1;
  }
  return (runInfos as Uint8Array)[lo] as number;
}

/**
 * Case folding for case-insensitive aliases: `toLowerCase`, one code point at a time, kept to
 * mappings that preserve UTF-16 length so offsets into the page text never shift. Two
 * adjustments: "İ" (whose lowercase is "i" + combining dot) folds to "i", so the Turkish
 * capitalisation "XİAOMİ" still matches, and final "ς" folds to "σ" like "Σ" does.
 */
export function foldCodePoint(cp: number): number {
  if (cp === 0x130) return 0x69;
  const ch = String.fromCodePoint(cp);
  const lower = ch.toLowerCase();
  if (lower.length !== ch.length) return cp;
  const folded = lower.codePointAt(0) as number;
  return folded === 0x3c2 ? 0x3c3 : folded;
}

/** Packed info of a code point: its fold, SPACE_FLAG and kind. */
export function describeCodePoint(cp: number): number {
  return (foldCodePoint(cp) << FOLD_SHIFT) | runInfo(cp);
}

/** Packed info per UTF-16 unit, filled on first sight. */
export const UNIT_INFO = new Int32Array(0x10000);

/** UNIT_INFO[unit], looked up first if need be. */
export function unitInfo(unit: number): number {
  let info = UNIT_INFO[unit] as number;
  if (info !== UNKNOWN) return info;
  if (unit >= 0xd800 && unit <= 0xdbff) info = HIGH_SURROGATE;
  else if (unit >= 0xdc00 && unit <= 0xdfff)
    info = (unit << FOLD_SHIFT) | NONWORD; // lone half
  else info = describeCodePoint(unit);
  UNIT_INFO[unit] = info;
  return info;
}

const astralInfo = new Map<number, number>();

/** Packed info for a code point outside the BMP (emoji, historic scripts, CJK extension B …). */
export function codePointInfo(cp: number): number {
  let info = astralInfo.get(cp);
  if (info === undefined) {
    info = describeCodePoint(cp);
    astralInfo.set(cp, info);
  }
  return info;
}

/** Info of the code point starting at `at`, for code outside the hot loop. */
export function infoAt(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  const info = unitInfo(unit);
  if (info !== HIGH_SURROGATE) return info;
  const low = text.charCodeAt(at + 1);
  if (low >= 0xdc00 && low <= 0xdfff) return codePointInfo(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
  return (unit << FOLD_SHIFT) | NONWORD; // lone high surrogate
}

/** UTF-16 units of the code point starting at `at`. */
export function widthAt(text: string, at: number): number {
  return (text.codePointAt(at) as number) > 0xffff ? 2 : 1;
}

const kindAt = (text: string, at: number) => infoAt(text, at) & KIND_MASK;

/** Start of the code point that ends at `at`. */
function previousAt(text: string, at: number): number {
  const low = text.charCodeAt(at - 1);
  const high = text.charCodeAt(at - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? at - 2 : at - 1;
}

/**
 * Whether the code point at `at` continues the word of the one before it, i.e. there is no word
 * boundary at `at`. Used only to check candidate matches, so it reads the text afresh.
 */
export function joinsPrevious(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const kind = kindAt(text, at);
  if (kind === NONWORD) return false;
  let before = previousAt(text, at);
  let base = kindAt(text, before);
  if (base === NONWORD) return false;
  if (kind === MARK) return true;
  // The word's kind is that of the letter its marks sit on; marks with no letter count as OTHER.
  while (base === MARK) {
    const earlier = before > 0 ? kindAt(text, previousAt(text, before)) : NONWORD;
    if (earlier === NONWORD) base = OTHER;
    else {
      before = previousAt(text, before);
      base = earlier;
    }
  }
  return base === kind && kind !== SOLO;
}
