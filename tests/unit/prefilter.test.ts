import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { type TextFilter, textMayMatch } from '../../src/core/gram-filter';
import { createMatcher } from '../../src/core/matcher';
import { mayMatch, type Prefilter } from '../../src/core/prefilter';
import { aliasPatterns, compilePrefilter, packFilterOf, prefilterOf } from '../../src/core/prefilter-compile';
import { SPACE_FLAG, unitInfo } from '../../src/core/word-chars';
import { ORDINARY_TEXT, variants } from './support/pattern-variants';

const { index } = loadDataset();

const check = (filter: Prefilter, text: string, skipped?: string[]) =>
  mayMatch(filter, text, skipped && (() => skipped));

describe('the first stage filter', () => {
  const filter = prefilterOf(index);
  const aliases = aliasPatterns(index);

  it('lets through every bundled alias, in every form the matcher finds', () => {
    const matcher = createMatcher(aliases);
    let checked = 0;
    for (const pattern of aliases) {
      for (const text of variants(pattern)) {
        if (matcher.find(text).length === 0) continue;
        checked++;
        expect(check(filter, text), `${pattern.text} in ${JSON.stringify(text)}`).toBe(true);
      }
    }
    expect(aliases.length).toBeGreaterThan(50);
    expect(checked).toBeGreaterThan(aliases.length * 6);
  });

  it('rules out ordinary text that names no disputed entity', () => {
    const text = ORDINARY_TEXT;
    expect(createMatcher(aliases).find(text)).toEqual([]);
    expect(check(filter, text)).toBe(false);
  });

  it('lets ordinary text with some words of a phrase through no more than text with none', () => {
    // "Super" and "phones" are everywhere; "Super Micro" and "LG phones" are not.
    for (const text of [
      'A super deal on headphones and smartphones from every maker.',
      'The LG fridge and the new phones arrived; the micro oven is super.',
      'Mint tea in the browser tab; Microsoft and Mike Mills sell products online.',
    ]) {
      expect(createMatcher(aliases).find(text), text).toEqual([]);
      expect(check(filter, text), text).toBe(false);
    }
    expect(check(filter, 'Shares of Super Micro fell.')).toBe(true);
    expect(check(filter, 'Two LG phones and a fridge.')).toBe(true);
  });

  it('does not count a name that is only inside scripts and styles, and counts it once outside', () => {
    const script = 'var makers = ["Xiaomi", "Huawei"];';
    const page = `Weather for Tuesday.${script} Rain later.`;
    expect(check(filter, page, [script])).toBe(false);
    expect(check(filter, `${page} Xiaomi opened a store.`, [script])).toBe(true);
    expect(check(filter, page)).toBe(true); // without the skipped texts, it cannot rule it out
  });

  it('keeps a phrase that starts with a one-word name out: the name alone lets it through', () => {
    const small = compilePrefilter([
      { text: 'Xiaomi', caseSensitive: false },
      { text: 'Xiaomi Mi 4', caseSensitive: false },
      { text: 'Mi Mover', caseSensitive: true },
    ]);
    expect(small.patterns).toHaveLength(2);
    expect(check(small, 'my xiaomi mi 4')).toBe(true);
    expect(check(small, 'the Mi Mover app')).toBe(true);
    expect(check(small, 'the mi mover app')).toBe(false);
  });

  it('treats every separator the matcher accepts as one between the words of a phrase', () => {
    const spec = { text: 'Mi 4', caseSensitive: false };
    const small = compilePrefilter([spec]);
    const matcher = createMatcher([spec]);
    let separators = 0;
    for (let unit = 0; unit < 0x10000; unit++) {
      if ((unitInfo(unit) & SPACE_FLAG) === 0) continue;
      const text = `the Mi${String.fromCharCode(unit)}4 phone`;
      if (matcher.find(text).length === 0) continue;
      separators++;
      expect(check(small, text), `U+${unit.toString(16)}`).toBe(true);
    }
    expect(separators).toBeGreaterThan(10);
    expect(check(small, 'admin 45 minutes')).toBe(false);
  });

  it('finds patterns with a sigma whatever its form, and punctuation in patterns', () => {
    const specs = [
      { text: 'ΣΟΦΟΣ', caseSensitive: false },
      { text: '#1 Phone', caseSensitive: false },
      { text: 'C++', caseSensitive: true },
    ];
    const small = compilePrefilter(specs);
    const matcher = createMatcher(specs);
    for (const text of ['ο σοφος είπε', 'Ο ΣΟΦΟΣ ΕΙΠΕ', 'ο Σοφός', 'the #1 phone', 'in C++ code']) {
      if (matcher.find(text).length > 0) expect(check(small, text), text).toBe(true);
    }
    expect(matcher.find('Ο ΣΟΦΟΣ ΕΙΠΕ').length).toBe(1);
  });

  it("checks an imported pack's patterns in a filter of their own", () => {
    const pack: TextFilter = packFilterOf([
      { patterns: [{ text: 'Quuxcorp', caseSensitive: false }], targets: [{ disputes: [0], claims: [], signals: [] }] },
    ]);
    expect(check(filter, 'a QUUXCORP router')).toBe(false);
    expect(textMayMatch(pack, 'a QUUXCORP router')).toBe(true);
  });
});
