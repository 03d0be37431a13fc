import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CompiledIndex, compileIndex, type PatternTarget } from '../../src/core/compile';
import {
  ABOUT_SCORE,
  ABOUT_SIGNALS,
  aboutIds,
  datedBefore,
  judgeRelevance,
  onRecordIds,
  STRONG_WEIGHT,
  WEAK_WEIGHT,
} from '../../src/core/relevance';
import type { Dataset } from '../../src/core/schema';

const minimal = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/valid-minimal.json', import.meta.url)), 'utf8'),
) as Dataset;

/**
 * Two disputes about one vendor ("Globex"), one about another ("Initech"):
 * - phone-bug (from 2017-08): claimant "Acme Labs", flaw "Phonebreak", product "Globex Mover",
 *   term "telemetry", a claim cued by "Mover Bug";
 * - browser-leak (from 2020): party "Umbrella", cued by "incognito";
 * - initech-case (from 2019): claimant "Acme Labs" too.
 */
const target = (t: Partial<PatternTarget>): PatternTarget => ({ disputes: [], claims: [], signals: [], ...t });
const index: CompiledIndex = {
  version: 2,
  pack: 'test',
  patterns: [
    { text: 'Globex', caseSensitive: false }, // 0
    { text: 'Acme Labs', caseSensitive: false }, // 1
    { text: 'Phonebreak', caseSensitive: false }, // 2
    { text: 'Globex Mover', caseSensitive: false }, // 3
    { text: 'telemetry', caseSensitive: false }, // 4
    { text: 'Mover Bug', caseSensitive: false }, // 5
    { text: 'Umbrella', caseSensitive: false }, // 6
    { text: 'incognito', caseSensitive: false }, // 7
    { text: 'Initech', caseSensitive: false }, // 8
  ],
  targets: [
    target({ disputes: [0, 1] }),
    target({
      signals: [
        [0, 'claimant'],
        [2, 'claimant'],
      ],
    }),
    target({ signals: [[0, 'flaw']] }),
    target({ signals: [[0, 'product']] }),
    target({ signals: [[0, 'term']] }),
    target({ claims: [[0, 0]], signals: [[0, 'product']] }),
    target({ signals: [[1, 'party']] }),
    target({ claims: [[1, 0]] }),
    target({ disputes: [2] }),
  ],
  disputes: [
    {
      id: 'phone-bug',
      title: 'Phone bug',
      start: '2017-08',
      claims: [{ id: 'mover', source: 'acme', sources: ['acme'] }],
    },
    {
      id: 'browser-leak',
      title: 'Browser leak',
      start: '2020',
      claims: [{ id: 'leak', source: 'umb', sources: ['umb'] }],
    },
    {
      id: 'initech-case',
      title: 'Initech case',
      start: '2019-03-02',
      claims: [{ id: 'c', source: 'acme', sources: ['acme'] }],
    },
  ],
};
const P = Object.fromEntries(index.patterns.map((p, i) => [p.text, i]));

function judge(
  counts: Record<string, number>,
  options: { pageDate?: string | null; visible?: number[]; dismissed?: string[] } = {},
) {
  return judgeRelevance({
    index,
    counts: new Map(Object.entries(counts).map(([text, n]) => [P[text] as number, n])),
    pageDate: options.pageDate ?? null,
    visible: new Set(options.visible ?? [0, 1, 2]),
    dismissed: new Set(options.dismissed ?? []),
  });
}
const relevanceOf = (findings: ReturnType<typeof judge>) =>
  Object.fromEntries(findings.map((f) => [f.id, f.relevance]));

describe('the relevance rule', () => {
  it('states its weights and threshold', () => {
    expect([STRONG_WEIGHT, WEAK_WEIGHT, ABOUT_SCORE, ABOUT_SIGNALS]).toEqual([2, 1, 3, 2]);
  });

  it('names nothing without an entity: signals and cues alone never bring a dispute in', () => {
    expect(judge({ 'Acme Labs': 3, Phonebreak: 2, telemetry: 1, 'Mover Bug': 1, Umbrella: 1 })).toEqual([]);
  });

  it('an entity alone puts its disputes on record, with the entity as evidence', () => {
    const findings = judge({ Globex: 4 });
    expect(relevanceOf(findings)).toEqual({ 'phone-bug': 'on-record', 'browser-leak': 'on-record' });
    expect(findings[0]).toMatchObject({
      score: 0,
      evidence: [{ text: 'Globex', role: 'entity', count: 4 }],
      mentions: { Globex: 4 },
      dismissed: false,
    });
  });

  it('is about a dispute at score 3 from two distinct signals', () => {
    // claimant (2) + term (1) = 3 from 2 signals
    expect(relevanceOf(judge({ Globex: 1, 'Acme Labs': 1, telemetry: 1 }))['phone-bug']).toBe('about');
    // product (1) + term (1) = 2: not enough
    expect(relevanceOf(judge({ Globex: 1, 'Globex Mover': 1, telemetry: 1 }))['phone-bug']).toBe('on-record');
    // product + term + cue = 3 from 3 weak signals
    expect(relevanceOf(judge({ Globex: 1, 'Globex Mover': 1, telemetry: 1, 'Mover Bug': 1 }))['phone-bug']).toBe(
      'about',
    );
  });

  it('one signal is never enough, however strong or often repeated', () => {
    const findings = judge({ Globex: 2, 'Acme Labs': 9 });
    expect(findings.find((f) => f.id === 'phone-bug')).toMatchObject({ relevance: 'on-record', score: 2 });
    // counting once: nine mentions of the claimant weigh 2, not 18
  });

  it('a text that is both a cue and a signal of a dispute counts once', () => {
    // "Mover Bug" is a claim cue (1) and a product signal (1): one signal of weight 1
    const bug = judge({ Globex: 1, 'Mover Bug': 3, telemetry: 1 }).find((f) => f.id === 'phone-bug');
    expect(bug).toMatchObject({ relevance: 'on-record', score: 2 });
    expect(bug?.evidence[0]).toEqual({ text: 'Mover Bug', role: 'claim', count: 3, claim: 'mover' });
  });

  it('a page dated before the period of the earliest statement is not about the dispute', () => {
    const counts = { Globex: 1, 'Acme Labs': 1, Phonebreak: 1 };
    expect(relevanceOf(judge(counts, { pageDate: '2017-07-30' }))['phone-bug']).toBe('on-record');
    expect(relevanceOf(judge(counts, { pageDate: '2017-08-01' }))['phone-bug']).toBe('about');
    expect(relevanceOf(judge(counts, { pageDate: '2017-08-05' }))['phone-bug']).toBe('about');
    expect(relevanceOf(judge(counts, { pageDate: null }))['phone-bug']).toBe('about');
  });

  it('compares a page date with a start of any precision', () => {
    expect(datedBefore('2019-12-31', '2020')).toBe(true);
    expect(datedBefore('2020-01-01', '2020')).toBe(false);
    expect(datedBefore('2019-03-01', '2019-03-02')).toBe(true);
    expect(datedBefore('2019-03-02', '2019-03-02')).toBe(false);
    expect(datedBefore(null, '2020')).toBe(false);
    expect(datedBefore('2010-01-01', '')).toBe(false);
  });

  it('lists evidence strongest first, then entities by count', () => {
    const bug = judge({ Globex: 4, telemetry: 2, 'Acme Labs': 1, Phonebreak: 5, 'Mover Bug': 1 }).find(
      (f) => f.id === 'phone-bug',
    );
    expect(bug?.evidence.map((e) => `${e.text}:${e.role}`)).toEqual([
      'Acme Labs:claimant',
      'Phonebreak:flaw',
      'Mover Bug:claim',
      'telemetry:term',
      'Globex:entity',
    ]);
    expect(bug?.score).toBe(2 + 2 + 1 + 1);
    expect(bug?.mentions).toEqual({ Globex: 4, telemetry: 2, 'Acme Labs': 1, Phonebreak: 5, 'Mover Bug': 1 });
  });

  it('orders about first by score, then on record; a shared signal serves each of its disputes', () => {
    const findings = judge({ Globex: 1, Initech: 1, 'Acme Labs': 1, Phonebreak: 1, telemetry: 1, Umbrella: 1 });
    expect(findings.map((f) => [f.id, f.relevance, f.score])).toEqual([
      ['phone-bug', 'about', 5],
      ['browser-leak', 'on-record', 2],
      ['initech-case', 'on-record', 2],
    ]);
    expect(aboutIds(findings)).toEqual(['phone-bug']);
    expect(onRecordIds(findings)).toEqual(['browser-leak', 'initech-case']);
  });

  it('lists a dismissed dispute last, flagged, and counts it nowhere', () => {
    const findings = judge({ Globex: 1, 'Acme Labs': 1, Phonebreak: 1 }, { dismissed: ['phone-bug'] });
    expect(findings.map((f) => [f.id, f.dismissed])).toEqual([
      ['browser-leak', false],
      ['phone-bug', true],
    ]);
    expect(aboutIds(findings)).toEqual([]);
    expect(onRecordIds(findings)).toEqual(['browser-leak']);
  });

  it('leaves out disputes that are not visible (switched-off sources or packs)', () => {
    const findings = judge({ Globex: 1, 'Acme Labs': 1, Phonebreak: 1 }, { visible: [1] });
    expect(findings.map((f) => f.id)).toEqual(['browser-leak']);
  });

  it('an own entity alias that is also a cue or signal weighs nothing but is listed as such', () => {
    const selfSignal: CompiledIndex = {
      ...index,
      targets: index.targets.map((t, i) => (i === P['Globex Mover'] ? { ...t, disputes: [0] } : t)),
    };
    const findings = judgeRelevance({
      index: selfSignal,
      counts: new Map([
        [P['Globex Mover'] as number, 3],
        [P.telemetry as number, 1],
        [P['Mover Bug'] as number, 1],
      ]),
      pageDate: null,
      visible: new Set([0, 1]),
      dismissed: new Set(),
    });
    const bug = findings.find((f) => f.id === 'phone-bug');
    // the alias alone brings the dispute in; telemetry + Mover Bug = 2 from 2: on record
    expect(bug).toMatchObject({ relevance: 'on-record', score: 2 });
    expect(bug?.evidence.map((e) => `${e.text}:${e.role}:${e.count}`)).toEqual([
      'Mover Bug:claim:1',
      'telemetry:term:1',
      'Globex Mover:product:3',
    ]);
  });
});

describe("a signal's other forms", () => {
  // "Globex" is the dispute's entity; "NSA" and "National Security Agency" name one party.
  const dataset: Dataset = structuredClone(minimal);
  const dispute = dataset.disputes[0] as Dataset['disputes'][number];
  dispute.signals = [
    {
      text: 'NSA',
      caseSensitive: true,
      kind: 'party',
      also: [{ text: 'National Security Agency', caseSensitive: false }],
    },
    { text: 'Jane Roe', caseSensitive: true, kind: 'claimant' },
  ];
  const compiled = compileIndex(dataset);
  const at = (text: string) => compiled.patterns.findIndex((p) => p.text === text);
  const judgeForms = (counts: Record<string, number>) =>
    judgeRelevance({
      index: compiled,
      counts: new Map(Object.entries(counts).map(([text, n]) => [at(text), n])),
      pageDate: null,
      visible: new Set([0]),
      dismissed: new Set(),
    });

  it('"NSA" and "National Security Agency" on one page are one signal, not two', () => {
    const [finding] = judgeForms({ Globex: 1, NSA: 1, 'National Security Agency': 2 });
    expect(finding).toMatchObject({ relevance: 'on-record', score: STRONG_WEIGHT });
    // listed once, under the form the page uses most, with the counts summed
    expect(finding?.evidence.filter((e) => e.role === 'party')).toEqual([
      { text: 'National Security Agency', role: 'party', count: 3 },
    ]);
    expect(finding?.mentions).toMatchObject({ NSA: 1, 'National Security Agency': 2 });
  });

  it('a different piece of evidence beside them makes the page about the dispute', () => {
    const [finding] = judgeForms({ Globex: 1, NSA: 2, 'National Security Agency': 1, 'Jane Roe': 1 });
    expect(finding).toMatchObject({ relevance: 'about', score: 2 * STRONG_WEIGHT });
    expect(finding?.evidence.map((e) => `${e.text}:${e.role}:${e.count}`)).toEqual([
      'Jane Roe:claimant:1',
      'NSA:party:3',
      'Globex:entity:1',
    ]);
  });
});
