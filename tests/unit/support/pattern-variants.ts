import type { PatternSpec } from '../../../src/core/matcher';

/** Text that names no vendor, in any pack: what most pages are. */
export const ORDINARY_TEXT =
  'The council met on Tuesday to discuss the new bus timetable. Residents asked about parking, ' +
  'the library’s opening hours and a proposal to plant more trees along the high street.';

/** Every way the matcher accepts a pattern's words: cases, separators, Turkish capitals. */
export function variants(
  { text, caseSensitive }: PatternSpec,
  before = 'Before it, ',
  after = ', after it.',
): string[] {
  const words = text.trim().split(/\s+/);
  const cased = caseSensitive
    ? [words]
    : [
        words,
        words.map((w) => w.toUpperCase()),
        words.map((w) => w.toLowerCase()),
        words.map((w) => w.toUpperCase().replaceAll('I', 'İ')),
        words.map((w) => (w[0] ?? '').toUpperCase() + w.slice(1).toLowerCase()),
        words.map((w) => [...w].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('')),
      ];
  const separators = [' ', '\u00a0', '\n\t  ', '-', '\u2011', '\u3000'];
  return cased.flatMap((ws) => separators.map((sep) => `${before}${ws.join(sep)}${after}`));
}
