import { describe, expect, it } from 'vitest';
import { compileIndex } from '../../src/core/compile';
import {
  compileGramFilter,
  type GramFilter,
  isTextFilter,
  mayMatchGrams,
  textMayMatch,
  textPatternsIn,
} from '../../src/core/gram-filter';
import { createMatcher, type PatternSpec } from '../../src/core/matcher';
import { mayMatch } from '../../src/core/prefilter';
import { compilePrefilter, packFilterOf } from '../../src/core/prefilter-compile';
import { validateDataset } from '../../src/core/validate';
import { generatedPack, generatedVendors, SYLLABLES } from '../support/generated-pack';
import { seededRandom } from '../support/random';
import { ORDINARY_TEXT, variants } from './support/pattern-variants';

/** A pack's worth of generated names: one and several words, either case rule, and the odd forms. */
function generatedPatterns(count: number, seed: number): PatternSpec[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const word = (parts: number) => {
    let w = '';
    for (let i = 0; i < parts; i++) w += pick(SYLLABLES);
    return w[0]?.toUpperCase() + w.slice(1);
  };
  const specs: PatternSpec[] = [
    { text: 'LG G7', caseSensitive: false },
    { text: 'Mi 4', caseSensitive: true },
    { text: 'ΣΟΦΟΣ Labs', caseSensitive: false },
    { text: 'İzmirtel', caseSensitive: false },
    { text: 'Wi-Fi Quinbox', caseSensitive: false },
    { text: 'C++ Toolsmith', caseSensitive: true },
    { text: '𝔸strobyte', caseSensitive: false },
    { text: 'Ab Cd Efghij', caseSensitive: false },
    { text: 'Ab Cd Ef Gh Ij Kl Mn Op Qr St Uvwxyz', caseSensitive: false },
  ];
  while (specs.length < count) {
    const words = random() < 0.3 ? [word(2), word(1 + Math.floor(random() * 3))] : [word(2 + Math.floor(random() * 2))];
    specs.push({ text: words.join(' '), caseSensitive: random() < 0.2 });
  }
  return specs;
}

const patterns = generatedPatterns(3000, 18);
const words = compilePrefilter(patterns);
const grams = compileGramFilter(words);

describe('the first stage filter for many patterns', () => {
  it('is chosen for a pack with many words, and the word-by-word one for a few', () => {
    const target = { disputes: [0], claims: [], signals: [] };
    const many = packFilterOf([{ patterns, targets: patterns.map(() => target) }]);
    const few = packFilterOf([{ patterns: patterns.slice(0, 20), targets: patterns.slice(0, 20).map(() => target) }]);
    expect('keys' in many).toBe(true);
    expect('keys' in few).toBe(false);
    // "LG G7" and "Mi 4" have no word of four units; "𝔸strobyte" starts with a pair of units.
    expect(grams.short.patterns.length).toBe(3);
  });

  it('lets through every pattern in every form the matcher finds, and after text it runs into', () => {
    const matcher = createMatcher(patterns);
    let checked = 0;
    for (const pattern of patterns.slice(0, 400)) {
      for (const before of ['Before it, ', 'Weather']) {
        for (const text of variants(pattern, before)) {
          // The matcher reads the name's own run; the filter reads what the page's text has.
          const run = text.slice(before.length);
          if (matcher.find(run).length === 0) continue;
          checked++;
          expect(mayMatchGrams(grams, text), `${pattern.text} in ${JSON.stringify(text)}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(400 * 12);
  });

  it('answers as the word-by-word filter does, with and without skipped texts, and so do the patterns it finds', () => {
    const random = seededRandom(7);
    const filler = 'the of market phone quarter report zorlun tar-ala vex said silo brisk kel ost'.split(' ');
    for (let round = 0; round < 1500; round++) {
      const parts: string[] = [];
      const length = 5 + Math.floor(random() * 30);
      for (let i = 0; i < length; i++) {
        const r = random();
        if (r < 0.08) parts.push((patterns[Math.floor(random() * patterns.length)] as PatternSpec).text);
        else if (r < 0.12)
          parts.push(
            (
              (patterns[Math.floor(random() * patterns.length)] as PatternSpec).text.split(' ')[0] as string
            ).toLowerCase(),
          );
        else parts.push(filler[Math.floor(random() * filler.length)] as string);
      }
      const text = parts.join(random() < 0.5 ? ' ' : '');
      const skipped = random() < 0.5 ? [parts.slice(0, 3).join(' ')] : undefined;
      const expected = mayMatch(words, text, skipped && (() => skipped));
      expect(mayMatchGrams(grams, text, skipped && (() => skipped)), text).toBe(expected);
      // What the background answers a page: the patterns found, weighed there against its skipped texts.
      for (const filter of [grams, words]) {
        const found = textPatternsIn(filter, text);
        expect(mayMatch(found, text, skipped && (() => skipped)), `found in: ${text}`).toBe(expected);
        if (!mayMatch(words, text)) expect(found.patterns).toEqual([]);
      }
    }
  });

  it('rules out ordinary text, and a name found only in the skipped texts', () => {
    const text = ORDINARY_TEXT;
    expect(createMatcher(patterns).find(text)).toEqual([]);
    expect(mayMatchGrams(grams, text)).toBe(false);
    const name = (patterns[100] as PatternSpec).text;
    const script = `var brands = ["${name}"];`;
    expect(mayMatchGrams(grams, `${text}${script}`, () => [script])).toBe(false);
    expect(mayMatchGrams(grams, `${text}${script} ${name} said.`, () => [script])).toBe(true);
  });

  it('survives storage as it is: JSON, with every unit as written', () => {
    const stored = JSON.parse(JSON.stringify(grams)) as GramFilter;
    expect(stored).toEqual(grams);
    expect(isTextFilter(stored)).toBe(true);
    expect(mayMatchGrams(stored, 'Shares of 𝔸STROBYTE rose')).toBe(true);
    const junks = [
      null,
      'filter',
      [],
      { keys: 1 },
      { ...grams, short: null },
      { ...words, words: 'x' },
      { ...words, patterns: [[0, words.words.length]] },
      { ...words, exact: words.exact.slice(1) },
      { ...grams, starts: grams.starts.slice(1) },
      { ...grams, phrases: grams.phrases.slice(0, 100) },
      { ...grams, log: 21 },
      { ...grams, bits: grams.bits.slice(1) },
    ];
    for (const junk of junks) {
      expect(isTextFilter(junk), JSON.stringify(junk)?.slice(0, 40)).toBe(false);
    }
  });

  it("lets a generated pack's every vendor through, as the full stage writes its filter", () => {
    const pack = generatedPack(2000);
    expect(validateDataset(pack).ok).toBe(true);
    const filter = packFilterOf([compileIndex(pack)]);
    expect('keys' in filter).toBe(true);
    for (const name of generatedVendors(2000)) {
      expect(textMayMatch(filter, `Weather today.In other news,${name.toUpperCase()} said no.`), name).toBe(true);
    }
    expect(textMayMatch(filter, ORDINARY_TEXT)).toBe(false);
  });
});
