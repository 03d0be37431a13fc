/**
 * Character classes for the matcher's word boundaries (DESIGN.md "Matching", issue 4).
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
 * case-folded character. The table is filled lazily (a Unicode-property regex per character
 * seen for the first time) because filling all 65,536 entries up front would cost milliseconds
 * at content-script start-up on every page.
 */

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

const WORD = /[\p{L}\p{M}\p{N}\p{Pc}]/u;
const COMBINING = /\p{M}/u;
// Script_Extensions rather than Script, so "ー" (Common, used only in kana) and the like count.
const NO_SPACES = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
const LATIN_OR_DIGIT = /[\p{N}\p{Pc}\p{sc=Latin}]/u;
const SPACE = /\s/;

function kindOf(ch: string): number {
  if (!WORD.test(ch)) return NONWORD;
  if (COMBINING.test(ch)) return MARK;
  if (NO_SPACES.test(ch)) return SOLO;
  if (LATIN_OR_DIGIT.test(ch)) return LATIN;
  return OTHER;
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

export function describeCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  const kind = kindOf(ch);
  const space = kind === NONWORD && SPACE.test(ch) ? SPACE_FLAG : 0;
  return (foldCodePoint(cp) << FOLD_SHIFT) | space | kind;
}

/** Packed info per UTF-16 unit, filled on first sight. */
export const UNIT_INFO = new Int32Array(0x10000);

/**
 * `describeCodePoint` for Latin-1 and General Punctuation, the units of nearly every Latin-script page,
 * worked out ahead (a unit test checks it against `describeCodePoint`): per unit, its kind plus SPACE_FLAG
 * as one hex digit; the fold is `toLowerCase`, which needs no table. Describing them at start-up
 * instead would compile the Unicode-property regexes above on every page, 3–6 ms before the
 * first mention is found (issue 9); now only a page with other characters pays that.
 */
export const PREFILLED: readonly (readonly [start: number, digits: string])[] = [
  [
    0x0000,
    '666666666eeeee666666666666666666e66666666666666655555555556666666555555555555555555555555556666565555555555555555555555555566666' +
      '66666666666666666666666666666666e66666666656666666556466655655565555555555555555555555565555555555555555555555555555555655555555',
  ],
  [
    0x2000,
    'eeeeeeeeeee66666666666666666666666666666ee66666e66666666666666655666666666666666666656666666666e6666666666666666',
  ],
];

for (const [start, digits] of PREFILLED) {
  for (let i = 0; i < digits.length; i++) {
    const unit = start + i;
    UNIT_INFO[unit] = (foldCodePoint(unit) << FOLD_SHIFT) | Number.parseInt(digits[i] as string, 16);
  }
}

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
