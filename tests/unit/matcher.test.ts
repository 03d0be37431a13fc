import { describe, expect, it } from 'vitest';
import { createMatcher, type Match, type PatternSpec } from '../../src/core/matcher';
import { seededRandom } from '../support/random';
import { LATIN_OR_DIGIT, MARK, NO_SPACES, WORD } from '../support/unicode-properties';

const ci = (text: string): PatternSpec => ({ text, caseSensitive: false });
const cs = (text: string): PatternSpec => ({ text, caseSensitive: true });

/** The matched strings, for readable assertions. */
function found(patterns: PatternSpec[], text: string): string[] {
  return createMatcher(patterns)
    .find(text)
    .map((m) => text.slice(m.start, m.end));
}

// The founding dispute's aliases and cues; there is deliberately no bare "Mi" (DESIGN.md).
const FOUNDING = [ci('Xiaomi'), ci('Redmi'), cs('MIUI'), ci('Mi Mover'), ci('Mi 4'), ci('Xiaomi Mi 4')];

describe('word boundaries', () => {
  it.each([
    ["Xiaomi's phones", 'Xiaomi'],
    ['Xiaomi’s phones', 'Xiaomi'],
    ['a Xiaomi-backed firm', 'Xiaomi'],
    ['Xiaomi-owned', 'Xiaomi'],
    ['(Xiaomi)', 'Xiaomi'],
    ['made by Xiaomi.', 'Xiaomi'],
    ['"Xiaomi"', 'Xiaomi'],
  ])('matches the alias in %j', (text, alias) => {
    expect(found(FOUNDING, text)).toEqual([alias]);
  });

  it.each(['Ximi', 'MIUIX', 'XiaomiFan', 'MyXiaomi', 'Xiaomi_fan', 'Xiaomi2', 'xiaomí', 'Xiaomí'])(
    'does not match inside the word %j',
    (text) => {
      expect(found(FOUNDING, text)).toEqual([]);
    },
  );

  it('treats digits as word characters: "Mi 4" is not in "Mi 45"', () => {
    expect(found(FOUNDING, 'the Mi 45 and the Mi 4.')).toEqual(['Mi 4']);
    expect(createMatcher(FOUNDING).find('Mi 45 Mi 4')).toEqual([{ start: 6, end: 10, pattern: 4 }]);
  });

  it('finds a Latin alias next to Devanagari and Chinese', () => {
    expect(found(FOUNDING, 'शाओमी (Xiaomi) के फ़ोन')).toEqual(['Xiaomi']);
    expect(found(FOUNDING, 'शाओमी Xiaomi फ़ोन')).toEqual(['Xiaomi']);
    expect(found(FOUNDING, 'Xiaomiका फ़ोन')).toEqual(['Xiaomi']);
    expect(found(FOUNDING, '小米MIUI系统')).toEqual(['MIUI']);
    expect(found(FOUNDING, 'Xiaomi的手机')).toEqual(['Xiaomi']);
    expect(found(FOUNDING, '我的Redmi手机')).toEqual(['Redmi']);
  });

  it('finds aliases written in scripts without spaces anywhere in a run', () => {
    expect(found([ci('小米')], '我的小米手机和小米')).toEqual(['小米', '小米']);
    expect(found([ci('シャオミ')], 'シャオミのスマホ')).toEqual(['シャオミ']);
  });

  it('keeps words of spaced scripts whole', () => {
    expect(found([ci('Сяоми')], 'Сяомифон и Сяоми.')).toEqual(['Сяоми']);
    expect(createMatcher([ci('Сяоми')]).find('Сяомифон и Сяоми.')).toEqual([{ start: 11, end: 16, pattern: 0 }]);
  });

  it('does not take a longer word for an alias even when their hashes collide', () => {
    // The matcher hashes words by rotate-xor; this 64-letter prefix hashes to nothing, so the
    // whole word hashes like "Xiaomi". Only the boundary check can tell them apart.
    const half = `q${'z'.repeat(31)}`;
    expect(found(FOUNDING, `${half}${half}Xiaomi`)).toEqual([]);
    expect(found(FOUNDING, `${half}${half} Xiaomi`)).toEqual(['Xiaomi']);
  });

  it('does not end a match before a combining mark', () => {
    expect(found([ci('Xiaomi')], 'Xiaomi\u0301 Xiaomi')).toEqual(['Xiaomi']);
  });
});

describe('ambiguous short words', () => {
  it('leaves Spanish "mi" and the Michigan "MI" alone when only phrases exist', () => {
    expect(found(FOUNDING, 'Esta es mi casa. Mi cuenta, mi 4x4.')).toEqual([]);
    expect(found(FOUNDING, 'Detroit, MI 48201')).toEqual([]);
    expect(found(FOUNDING, 'MI')).toEqual([]);
  });
});

describe('case rules', () => {
  it('matches a case-sensitive alias in its exact case only', () => {
    expect(found(FOUNDING, 'MIUI miui Miui mIUI MIUI.')).toEqual(['MIUI', 'MIUI']);
  });

  it('matches a case-insensitive alias in any case', () => {
    expect(found(FOUNDING, 'XIAOMI xiaomi XiaoMi')).toEqual(['XIAOMI', 'xiaomi', 'XiaoMi']);
    expect(found([ci('Straße')], 'STRAẞE')).toEqual(['STRAẞE']);
  });

  it('folds Turkish dotted capital I and Greek final sigma', () => {
    expect(found(FOUNDING, 'XİAOMİ')).toEqual(['XİAOMİ']);
    expect(found([ci('ΣΑΣ')], 'σας Σας ΣΑΣ')).toEqual(['σας', 'Σας', 'ΣΑΣ']);
  });
});

describe('phrases', () => {
  it.each([
    ['Mi Mover', 'Mi Mover'],
    ['Mi\u00a0Mover', 'Mi\u00a0Mover'],
    ['Mi\n  Mover', 'Mi\n  Mover'],
    ['Mi\tMover', 'Mi\tMover'],
    ['Mi\u2009Mover', 'Mi\u2009Mover'],
    ['Mi-Mover', 'Mi-Mover'],
    ['Mi\u2010Mover', 'Mi\u2010Mover'],
    ['Mi\u2011Mover', 'Mi\u2011Mover'],
    ['MI MOVER', 'MI MOVER'],
  ])('"Mi Mover" matches %j', (text, expected) => {
    expect(found(FOUNDING, `the ${text} app`)).toEqual([expected]);
  });

  it.each(['MiMover', 'Mi--Mover', 'Mi - Mover', 'Mi_Mover', 'Mi Movers', 'XMi Mover', 'Mi.Mover'])(
    '"Mi Mover" does not match %j',
    (text) => {
      expect(found(FOUNDING, text)).toEqual([]);
    },
  );

  it('accepts extra whitespace inside the pattern itself', () => {
    expect(found([ci('  Mi \t Mover ')], 'Mi Mover')).toEqual(['Mi Mover']);
  });

  it('prefers the longest pattern at the leftmost start', () => {
    const text = 'Xiaomi Mi 4 and Xiaomi Mi 45, then Xiaomi';
    expect(createMatcher(FOUNDING).find(text)).toEqual([
      { start: 0, end: 11, pattern: 5 },
      { start: 16, end: 22, pattern: 0 },
      { start: 35, end: 41, pattern: 0 },
    ]);
  });

  it('prefers leftmost over longest, and never overlaps', () => {
    const patterns = [ci('Redmi Note'), ci('Note 4 Pro'), ci('Pro')];
    expect(found(patterns, 'Redmi Note 4 Pro')).toEqual(['Redmi Note', 'Pro']);
  });

  it('returns the lowest index among identical patterns', () => {
    const matcher = createMatcher([ci('Redmi'), cs('MIUI'), ci('miui'), cs('MIUI')]);
    expect(matcher.find('MIUI miui')).toEqual([
      { start: 0, end: 4, pattern: 1 },
      { start: 5, end: 9, pattern: 2 },
    ]);
  });

  it('supports patterns that start or end with punctuation', () => {
    expect(found([cs('#1 Phone'), ci('Yahoo!')], 'our #1 Phone, x#1 Phone, Yahoo!s')).toEqual([
      '#1 Phone',
      '#1 Phone',
      'Yahoo!',
    ]);
    expect(found([cs('C++')], 'C++ and C++17')).toEqual(['C++', 'C++']);
  });

  it('ignores patterns with no word character before the first space', () => {
    const matcher = createMatcher([ci(''), ci('   '), ci('& Co'), ci('Xiaomi')]);
    expect(matcher.size).toBe(4);
    expect(matcher.find('Smith & Co, Xiaomi')).toEqual([{ start: 12, end: 18, pattern: 3 }]);
  });
});

describe('long texts', () => {
  // The scanner works in chunks of a few thousand units; nothing may depend on where they fall.
  it('finds an alias or phrase at every offset around a chunk edge', () => {
    const matcher = createMatcher(FOUNDING);
    for (let at = 4080; at < 4110; at++) {
      for (const alias of ['Xiaomi', 'Mi\n Mover', '😀Xiaomi', 'Xiaomi\u0301', 'XiaomiFan', '小米MIUI']) {
        const text = `${'.'.repeat(at)}${alias} end`;
        const expected = createMatcher(FOUNDING)
          .find(alias)
          .map((m) => ({ ...m, start: m.start + at, end: m.end + at }));
        expect(matcher.find(text), `${alias} at ${at}`).toEqual(expected);
      }
    }
  });

  it('finds every one of many matches in a long text', () => {
    const text = 'Xiaomi and MIUI, then the Mi Mover. '.repeat(2000);
    const matches = createMatcher(FOUNDING).find(text);
    expect(matches).toHaveLength(6000);
    expect(matches.slice(-3)).toEqual([
      { start: text.length - 36, end: text.length - 30, pattern: 0 },
      { start: text.length - 25, end: text.length - 21, pattern: 2 },
      { start: text.length - 10, end: text.length - 2, pattern: 3 },
    ]);
  });
});

describe('offsets', () => {
  it('are offsets into the original text after astral characters', () => {
    const text = '😀😀 Xiaomi 🎉MIUI';
    expect(createMatcher(FOUNDING).find(text)).toEqual([
      { start: 5, end: 11, pattern: 0 },
      { start: 14, end: 18, pattern: 2 },
    ]);
  });

  it('are offsets into the original text after characters whose lowercase is longer', () => {
    const text = 'İstanbul Xiaomi İİ xiaomi';
    expect('İ'.toLowerCase()).toHaveLength(2); // the trap this test is about
    expect(createMatcher(FOUNDING).find(text)).toEqual([
      { start: 9, end: 15, pattern: 0 },
      { start: 19, end: 25, pattern: 0 },
    ]);
  });

  it('handles empty inputs', () => {
    expect(createMatcher(FOUNDING).find('')).toEqual([]);
    const none = createMatcher([]);
    expect(none.size).toBe(0);
    expect(none.find('Xiaomi')).toEqual([]);
  });

  it('finds a match that is the whole text or touches either end', () => {
    expect(createMatcher(FOUNDING).find('Xiaomi')).toEqual([{ start: 0, end: 6, pattern: 0 }]);
    expect(found(FOUNDING, 'Mi Mover')).toEqual(['Mi Mover']);
    expect(found(FOUNDING, 'Mi')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Slow reference: tries every pattern at every code point with a sticky regex, and decides word
// boundaries by reading Unicode properties afresh. Written for obviousness, not speed.

const codePointAt = (text: string, at: number) => String.fromCodePoint(text.codePointAt(at) as number);
function codePointBefore(text: string, at: number): [string, number] {
  const low = text.charCodeAt(at - 1);
  const high = text.charCodeAt(at - 2);
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return pair ? [text.slice(at - 2, at), at - 2] : [text.slice(at - 1, at), at - 1];
}

/** True when the code points on either side of `at` belong to one word. */
function joined(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const after = codePointAt(text, at);
  let [before, from] = codePointBefore(text, at);
  if (!WORD.test(before) || !WORD.test(after)) return false;
  if (MARK.test(after)) return true;
  // A mark belongs to the letter it follows; a mark with no letter before it counts as "other".
  while (MARK.test(before) && from > 0 && WORD.test(codePointBefore(text, from)[0])) {
    [before, from] = codePointBefore(text, from);
  }
  if (MARK.test(before)) return !LATIN_OR_DIGIT.test(after) && !NO_SPACES.test(after);
  if (NO_SPACES.test(before) || NO_SPACES.test(after)) return false;
  return LATIN_OR_DIGIT.test(before) === LATIN_OR_DIGIT.test(after);
}

function fold(ch: string): string {
  if (ch === 'İ') return 'i';
  const lower = ch.toLowerCase();
  if (lower === 'ς') return 'σ';
  return lower.length === ch.length ? lower : ch;
}
const foldAll = (s: string) => Array.from(s, fold).join('');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function referenceFind(patterns: readonly PatternSpec[], text: string): Match[] {
  const folded = foldAll(text);
  expect(folded).toHaveLength(text.length);
  const regexes = patterns.map((p) => {
    const words = p.text.trim().split(/\s+/);
    if (![...(words[0] as string)].some((ch) => WORD.test(ch))) return null;
    const source = words.map((w) => escapeRegExp(p.caseSensitive ? w : foldAll(w))).join('(?:\\s+|[-\\u2010\\u2011])');
    return new RegExp(source, 'y');
  });
  const matches: Match[] = [];
  let at = 0;
  while (at < text.length) {
    let best: Match | null = null;
    if (!joined(text, at)) {
      regexes.forEach((re, pattern) => {
        if (!re) return;
        re.lastIndex = at;
        const m = re.exec((patterns[pattern] as PatternSpec).caseSensitive ? text : folded);
        if (!m) return;
        const end = at + m[0].length;
        if (!joined(text, end) && (!best || end > best.end)) best = { start: at, end, pattern };
      });
    }
    if (best) {
      matches.push(best);
      at = (best as Match).end;
    } else at += codePointAt(text, at).length;
  }
  return matches;
}

describe('agreement with a slow reference', () => {
  const patterns: PatternSpec[] = [
    ...FOUNDING,
    ci('Redmi Note 4'),
    ci('小米'),
    cs('小米手机'),
    ci('ΣΑΣ'),
    ci('İstanbul'),
    cs('#1 Phone'),
    ci('Wi-Fi'),
    ci('शाओमी'),
    ci('Сяоми'),
    cs('Xiaomi'),
    cs('mi mover'),
    cs('4G'),
    ci('𝐗phone'),
    ci('ไทย'),
    ci('Note'),
    ci('Mi Mover Pro'),
  ];
  const noise = [
    'x',
    'X',
    'a',
    '4',
    '45',
    '_',
    "'",
    '’',
    '-',
    '‐',
    '‑',
    '--',
    ' ',
    '\u00a0',
    '\n',
    '\t',
    '  ',
    '\u3000',
    ',',
    '.',
    '(',
    ')',
    '#',
    'का',
    'के',
    'ि',
    '的',
    '手机',
    '系统',
    'é',
    '\u0301',
    'İ',
    'ı',
    '😀',
    '𝐗',
    'ΣΑΣ',
    'ς',
    'σ',
    'ー',
    'ไทย',
    'ั',
    'ş',
    'Ⅻ',
    '٣',
    'ع',
    'Fan',
    'My',
    's',
    '\u200b',
    '\u00ad',
    'Pro',
    'mi',
    'MI',
  ];
  const fragments = [...patterns.flatMap((p) => [p.text, ...p.text.split(' ')]), ...noise];

  function randomText(rand: () => number): string {
    let text = '';
    const parts = 1 + Math.floor(rand() * 14);
    for (let k = 0; k < parts; k++) {
      let piece = fragments[Math.floor(rand() * fragments.length)] as string;
      const r = rand();
      if (r < 0.15) piece = piece.toUpperCase();
      else if (r < 0.3) piece = piece.toLowerCase();
      else if (r < 0.4) piece = piece.replace(' ', rand() < 0.5 ? '-' : '\n ');
      text += piece;
    }
    return text;
  }

  it('agrees on 600 random texts mixing aliases, separators and several scripts', () => {
    const matcher = createMatcher(patterns);
    const rand = seededRandom(20170811);
    let total = 0;
    for (let k = 0; k < 600; k++) {
      const text = randomText(rand);
      const expected = referenceFind(patterns, text);
      expect(matcher.find(text), JSON.stringify(text)).toEqual(expected);
      total += expected.length;
    }
    expect(total).toBeGreaterThan(300); // the texts really exercise matches, not just misses
  });

  it("agrees on long texts, whose words and phrases cross the matcher's internal chunks", () => {
    const matcher = createMatcher(patterns);
    const rand = seededRandom(4096);
    for (let round = 0; round < 3; round++) {
      let text = '';
      while (text.length < 12000) text += `${randomText(rand)} `;
      expect(matcher.find(text)).toEqual(referenceFind(patterns, text));
    }
  });

  it('agrees with random subsets of the patterns', () => {
    const rand = seededRandom(9);
    for (let round = 0; round < 20; round++) {
      const subset = patterns.filter(() => rand() < 0.4);
      const matcher = createMatcher(subset);
      for (let k = 0; k < 30; k++) {
        const text = randomText(rand);
        expect(matcher.find(text), JSON.stringify([subset, text])).toEqual(referenceFind(subset, text));
      }
    }
  });

  it('agrees on the boundary between a Latin, Cyrillic or Han alias and every BMP character', () => {
    const aliases = [ci('ab'), ci('жы'), ci('米')];
    const matchers = aliases.map((a) => createMatcher([a]));
    const disagreements: string[] = []; // texts where the matcher and `joined` disagree
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const ch = String.fromCharCode(unit);
      aliases.forEach((alias, k) => {
        const matcher = matchers[k] as ReturnType<typeof createMatcher>;
        const before = ch + alias.text;
        const after = alias.text + ch;
        if (matcher.find(after).length > 0 === joined(after, alias.text.length)) disagreements.push(after);
        if (matcher.find(before).length > 0 === joined(before, ch.length)) disagreements.push(before);
      });
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
  });

  it('treats exactly the \\s characters and the three hyphens as phrase separators', () => {
    const matcher = createMatcher([cs('ab cd')]);
    const wrong: string[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const ch = String.fromCharCode(unit);
      const expected = /\s/.test(ch) || ch === '-' || ch === '\u2010' || ch === '\u2011';
      if ((matcher.find(`ab${ch}cd`).length === 1) !== expected) wrong.push(`U+${unit.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('many patterns', () => {
  it('finds planted matches among 10,000 patterns at the right offsets', () => {
    const rand = seededRandom(10000);
    const word = (min: number, spread: number) => {
      let w = '';
      const length = min + Math.floor(rand() * spread);
      for (let k = 0; k < length; k++) w += String.fromCharCode(97 + Math.floor(rand() * 26));
      return w;
    };
    const patterns: PatternSpec[] = [];
    while (patterns.length < 10000) {
      const text = rand() < 0.2 ? `${word(4, 9)} ${word(2, 6)}` : word(4, 9);
      patterns.push({ text: rand() < 0.5 ? text : text.toUpperCase(), caseSensitive: rand() < 0.3 });
    }
    patterns[1234] = ci('Xiaomi Mi 4');
    patterns[9999] = cs('MIUI');
    patterns[5000] = ci('Xiaomi');
    const matcher = createMatcher(patterns);
    expect(matcher.size).toBe(10000);

    const planted: Match[] = [];
    let text = 'Nothing to see here, just filler text. ';
    for (const index of [1234, 9999, 5000, 42, 7777, 9999, 3]) {
      const spec = patterns[index] as PatternSpec;
      const shown = spec.caseSensitive ? spec.text : spec.text.toLowerCase();
      const start = text.length;
      text += shown;
      planted.push({ start, end: text.length, pattern: index });
      text += index % 2 ? ', and also ' : ' — ';
    }
    // A planted text may also be another pattern's (in another case rule): the lowest index wins.
    const expected = planted.map((m) => {
      const shown = text.slice(m.start, m.end);
      const first = patterns.findIndex((p) =>
        p.caseSensitive ? p.text === shown : p.text.toLowerCase() === shown.toLowerCase(),
      );
      return { ...m, pattern: first };
    });
    const got = matcher.find(text);
    expect(got.filter((m) => planted.some((p) => p.start === m.start))).toEqual(expected);
    expect(got).toEqual(referenceFind(patterns, text)); // nothing else, nothing missed
  });
});
