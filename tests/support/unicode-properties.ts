/**
 * The character classes of DESIGN.md "Matching", as Unicode-property regexes over one code
 * point: the definition the matcher's generated table (src/core/unicode-kinds.ts) and its slow
 * reference in the unit tests are both checked against.
 */
export const WORD = /^[\p{L}\p{M}\p{N}\p{Pc}]$/u;
export const MARK = /^\p{M}$/u;
// Script_Extensions rather than Script, so "ー" (Common, used only in kana) and the like count.
export const NO_SPACES =
  /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]$/u;
export const LATIN_OR_DIGIT = /^[\p{N}\p{Pc}\p{sc=Latin}]$/u;
export const SPACE = /^\s$/;
