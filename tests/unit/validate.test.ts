import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AMBIGUOUS_WORDS } from '../../src/core/ambiguous-words';
import {
  comparePartialDates,
  formatProblems,
  isAmbiguousAlias,
  partialDateError,
  validateDataset,
} from '../../src/core/validate';

// A fixed clock, so "in the future" does not change meaning as time passes.
const now = new Date('2026-11-25T12:00:00Z');

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const lines = (input: unknown): string[] => {
  const result = validateDataset(input, { now });
  return result.ok ? [] : formatProblems(result.problems).split('\n');
};

describe('malformed fixtures', () => {
  const dir = `${fixtures}malformed/`;
  const expected = readJson(`${dir}expected.json`) as Record<string, string[]>;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'expected.json')
    .sort();

  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it.each(files)('%s is rejected with exactly the expected problems', (file) => {
    const want = expected[file];
    expect(want?.length, `${file}: expected.json lists no problems`).toBeGreaterThan(0);
    expect(lines(readJson(`${dir}${file}`))).toEqual(want);
  });
});

describe('valid dataset', () => {
  const valid = readJson(`${fixtures}valid-minimal.json`);

  it('passes and returns the dataset', () => {
    const result = validateDataset(valid, { now });
    expect(result.ok ? [] : formatProblems(result.problems)).toEqual([]);
    expect(result.ok && result.dataset.disputes[0]?.claims.length).toBe(2);
  });

  it('returns trimmed text', () => {
    const copy = structuredClone(valid) as { name: string };
    copy.name = '  Test pack \n';
    const result = validateDataset(copy, { now });
    expect(result.ok && result.dataset.name).toBe('Test pack');
  });

  it('does not change its input', () => {
    const copy = structuredClone(valid);
    validateDataset(copy, { now });
    expect(copy).toEqual(valid);
  });

  it('judges the future by the clock it is given', () => {
    const early = validateDataset(valid, { now: new Date('2017-08-10T00:00:00Z') });
    expect(early.ok ? [] : formatProblems(early.problems).split('\n')).toEqual([
      'disputes[0].claims[0].citations[0].date: "2017-08-11" is in the future',
      'disputes[0].claims[0].responses[0].citations[0].date: "2017-08-11" is in the future',
    ]);
  });

  it('accepts today east of UTC', () => {
    // 2017-08-11 has begun in Kiribati (UTC+14) although it is still the 10th in UTC.
    const result = validateDataset(valid, { now: new Date('2017-08-10T11:00:00Z') });
    expect(result.ok).toBe(true);
  });

  it('collects every problem, not just the first', () => {
    const copy = structuredClone(valid) as {
      sources: { id: string }[];
      disputes: { claims: { date: string; quote?: unknown }[] }[];
    };
    copy.sources.push({ ...(copy.sources[0] as { id: string }) });
    const claim = copy.disputes[0]?.claims[1];
    if (claim) claim.date = '2017-02-30';
    expect(lines(copy)).toEqual([
      'sources[3].id: "acme-security" is already the id of sources[0]',
      'disputes[0].claims[1].date: "2017-02-30" is not a date (February 2017 has 28 days)',
    ]);
  });
});

describe('formatProblems', () => {
  it('writes one line per problem as path: message', () => {
    expect(
      formatProblems([
        { path: 'disputes[0].claims[2].responses[0].date', message: '"2017-02-30" is not a date' },
        { path: 'version', message: 'is missing' },
      ]),
    ).toBe('disputes[0].claims[2].responses[0].date: "2017-02-30" is not a date\nversion: is missing');
  });

  it('writes nothing for no problems', () => {
    expect(formatProblems([])).toBe('');
  });
});

describe('partialDateError', () => {
  it.each(['2017', '2017-08', '2017-08-10', '2016-02-29', '2000-02-29', '2017-12-31', '2017-04-30'])(
    '%s is a date',
    (date) => expect(partialDateError(date)).toBeNull(),
  );

  it.each([
    ['2017-02-29', 'February 2017 has 28 days'],
    ['1900-02-29', 'February 1900 has 28 days'], // divisible by 100, not by 400
    ['2016-02-30', 'February 2016 has 29 days'],
    ['2017-04-31', 'April 2017 has 30 days'],
    ['2017-13', 'there is no month 13'],
    ['2017-00-10', 'there is no month 00'],
    ['2017-08-00', 'there is no day 00'],
    ['2017-8-10', 'not in the form YYYY-MM-DD, YYYY-MM or YYYY'],
  ])('%s is not a date: %s', (date, reason) => expect(partialDateError(date)).toBe(reason));
});

describe('comparePartialDates', () => {
  it.each([
    ['2017-08', '2017-08-10', 0],
    ['2017-08-10', '2017-08', 0],
    ['2017', '2017-08-10', 0],
    ['2017-07', '2017-08-10', -1],
    ['2017-08-11', '2017-08-10', 1],
    ['2016', '2017-01', -1],
    ['2017-09-01', '2017-08', 1],
  ] as const)('%s vs %s → %i', (a, b, want) => expect(comparePartialDates(a, b)).toBe(want));
});

describe('isAmbiguousAlias', () => {
  it.each([
    ['Mi', 'two letters or fewer'],
    ['MI', 'two letters or fewer'],
    ['LG', 'two letters or fewer'],
    ['HP', 'two letters or fewer'],
    ['A.I.', 'two letters or fewer'],
    ['Zoom', 'a common word'],
    ['BLU', 'a common word'],
    ['Apple', 'a common word'],
    ["Apple's", 'a common word'],
    ['Amazon', 'a common word'],
    ['Mint', 'a common word'],
    ['Für', 'a common word'],
    ['Mi -', 'two letters or fewer'], // a dash is not a second word
  ])('%s is ambiguous (%s)', (text, reason) => expect(isAmbiguousAlias(text)).toBe(reason));

  it.each(['Mi Mover', 'Mi 11', 'MIUI', 'Zoom Video', 'LG G7', 'AMD', 'Xiaomi', 'Redmi', 'Huawei', 'Mint Browser'])(
    '%s may stand alone',
    (text) => expect(isAmbiguousAlias(text)).toBeNull(),
  );

  it('keeps its word list lowercase and free of names that are only names', () => {
    for (const word of AMBIGUOUS_WORDS) expect(word).toBe(word.normalize('NFC').toLowerCase());
    for (const name of ['amd', 'miui', 'xiaomi', 'redmi', 'huawei', 'avast', 'lenovo', 'oneplus', 'kaspersky']) {
      expect(AMBIGUOUS_WORDS.has(name), name).toBe(false);
    }
    expect(AMBIGUOUS_WORDS.size).toBeGreaterThan(300);
  });
});

describe('aliases across entities', () => {
  const dataset = (a: { text: string; caseSensitive: boolean }, b: { text: string; caseSensitive: boolean }) => {
    const copy = structuredClone(readJson(`${fixtures}valid-minimal.json`)) as {
      entities: { aliases: unknown[] }[];
    };
    copy.entities[0]?.aliases.push(a);
    copy.entities[1]?.aliases.push(b);
    return copy;
  };

  it('allows the same letters when both aliases care about case and differ in it', () => {
    expect(
      lines(dataset({ text: 'GLX Phone', caseSensitive: true }, { text: 'glx phone', caseSensitive: true })),
    ).toEqual([]);
  });

  it('rejects an alias that one entity matches in any case and another exactly', () => {
    expect(
      lines(dataset({ text: 'GLX Phone', caseSensitive: false }, { text: 'GLX phone', caseSensitive: true })),
    ).toEqual([
      'entities[1].aliases[1].text: "GLX phone" is already an alias of entities[0] ("globex"); an alias must mean one thing',
    ]);
  });
});

describe("a signal's other forms (also)", () => {
  const withSignals = (signals: unknown[]) => {
    const copy = structuredClone(readJson(`${fixtures}valid-minimal.json`)) as { disputes: { signals: unknown[] }[] };
    (copy.disputes[0] as { signals: unknown[] }).signals = signals;
    return copy;
  };

  it('accepts other spellings of one name', () => {
    expect(
      lines(
        withSignals([
          {
            text: 'Jane Roe',
            caseSensitive: true,
            kind: 'claimant',
            also: [{ text: 'Jane Röe', caseSensitive: true }],
          },
          { text: 'address book upload', caseSensitive: false, kind: 'term' },
        ]),
      ),
    ).toEqual([]);
  });

  it('refuses a form that repeats another signal, with the path of the form', () => {
    expect(
      lines(
        withSignals([
          { text: 'Acme Security', caseSensitive: false, kind: 'claimant' },
          {
            text: 'Jane Roe',
            caseSensitive: true,
            kind: 'claimant',
            also: [
              { text: 'Jane Röe', caseSensitive: true },
              { text: 'ACME SECURITY', caseSensitive: true },
            ],
          },
        ]),
      ),
    ).toEqual(['disputes[0].signals[1].also[1].text: "ACME SECURITY" repeats disputes[0].signals[0]']);
  });

  it("refuses a form that repeats the signal's own text, a cue or an entity's alias, or is ambiguous", () => {
    expect(
      lines(
        withSignals([
          {
            text: 'Jane Roe',
            caseSensitive: true,
            kind: 'claimant',
            also: [
              { text: 'Jane Roe', caseSensitive: false },
              { text: 'Globex Sync', caseSensitive: true },
              { text: 'GlobexOS', caseSensitive: true },
              { text: 'phone', caseSensitive: false },
            ],
          },
        ]),
      ),
    ).toEqual([
      'disputes[0].signals[0].also[0].text: "Jane Roe" repeats disputes[0].signals[0]',
      'disputes[0].signals[0].also[1].text: "Globex Sync" is already a cue of disputes[0].claims[0]; a cue counts as evidence itself',
      'disputes[0].signals[0].also[2].text: "GlobexOS" is an alias of the dispute\'s entity "globex-os"; an entity\'s name is counted as a mention, not as evidence',
      expect.stringMatching(/^disputes\[0\]\.signals\[0\]\.also\[3\]\.text: "phone" is ambiguous on its own/),
    ]);
  });
});
