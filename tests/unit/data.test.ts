/**
 * The bundled dataset is checked like code (STYLE.md §7): it passes the validator, its compiled
 * index never holds an alias that is ambiguous on its own, and the founding dispute keeps the
 * shape the design gives it. Every dispute carries the evidence and stakes the relevance rule and
 * the card need. A broken dataset directory fails the build's loader with one line per problem,
 * naming the path and the file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadDataset } from '../../build/dataset';
import { createMatcher } from '../../src/core/matcher';
import type { Statement } from '../../src/core/schema';
import { isAmbiguousAlias } from '../../src/core/validate';

const { dataset, index } = loadDataset();
const matcher = createMatcher(index.patterns);

/** Ids of the disputes whose entities a text names (what puts a dispute on a page at all). */
function disputesNamedIn(text: string): string[] {
  const ids = new Set<string>();
  for (const match of matcher.find(text)) {
    for (const d of index.targets[match.pattern]?.disputes ?? []) ids.add(index.disputes[d]?.id ?? '');
  }
  return [...ids].sort();
}

const statementsOf = (id: string): Statement[] =>
  (dataset.disputes.find((d) => d.id === id)?.claims ?? []).flatMap((c) => [c, ...c.responses]);

describe('the bundled dataset', () => {
  it('passes validation and holds the founding dispute and the collection', () => {
    expect(dataset.id).toBe('counterclaim');
    expect(dataset.disputes.map((d) => d.id)).toContain('escan-xiaomi-2017');
    expect(dataset.disputes.length).toBeGreaterThanOrEqual(10);
  });

  it('has no alias or cue that is ambiguous on its own, and never bare "Mi"', () => {
    for (const pattern of index.patterns) {
      const wordCount = pattern.text.trim().split(/\s+/).length;
      if (wordCount === 1) expect(isAmbiguousAlias(pattern.text), pattern.text).toBeNull();
      expect(pattern.text.toLowerCase()).not.toBe('mi');
    }
  });

  it('compiles every alias of an entity some dispute names to that dispute', () => {
    const xiaomi = index.patterns.findIndex((p) => p.text === 'Xiaomi');
    const escan = index.disputes.findIndex((d) => d.id === 'escan-xiaomi-2017');
    expect(index.targets[xiaomi]?.disputes).toContain(escan);
    const miMover = index.patterns.findIndex((p) => p.text === 'Mi Mover');
    expect(index.targets[miMover]?.claims.some(([d]) => d === escan)).toBe(true);
  });

  describe('the founding dispute, claim by claim', () => {
    const founding = dataset.disputes.find((d) => d.id === 'escan-xiaomi-2017');
    const claims = founding?.claims ?? [];

    it("has eScan's four claims, each with Xiaomi's response", () => {
      expect(claims).toHaveLength(4);
      for (const claim of claims) {
        expect(claim.source).toBe('escan');
        expect(claim.date).toBe('2017-08-10');
        expect(claim.responses.some((r) => r.source === 'xiaomi' && r.stance === 'rebuttal')).toBe(true);
        for (const response of claim.responses) expect(response.date >= '2017-08').toBe(true);
      }
      const cues = claims.flatMap((c) => (c.cues ?? []).map((cue) => cue.text));
      expect(cues).toEqual(expect.arrayContaining(['Mi Mover', 'Smart Lock', 'work profile']));
    });

    it('records the third party whose words the sources attribute differently', () => {
      const facebook = claims.flatMap((c) => c.responses).find((r) => r.source === 'facebook');
      expect(facebook?.attribution?.alternatives).toContain('escan');
      expect(facebook?.quote?.text).toMatch(/theoretical attack/);
    });

    it("records Guiding Tech's reproduction as a third party's check", () => {
      const checks = claims.flatMap((c) => c.responses).filter((r) => r.source === 'guiding-tech');
      expect(checks.length).toBeGreaterThanOrEqual(2);
      for (const check of checks) expect(check.stance).toMatch(/confirmation/);
    });
  });
});

describe('evidence and stakes', () => {
  it.each(dataset.disputes.map((d) => [d.id, d] as const))(
    '%s has signals a genuine article carries: two or more, one a name or a named flaw',
    (_, dispute) => {
      const signals = dispute.signals ?? [];
      expect(signals.length).toBeGreaterThanOrEqual(2);
      expect(signals.some((s) => ['claimant', 'party', 'flaw'].includes(s.kind))).toBe(true);
    },
  );

  it.each(dataset.disputes.map((d) => [d.id, d] as const))(
    '%s says who is accused and what stake each claimant has',
    (_, dispute) => {
      const stakes = new Map((dispute.stakes ?? []).map((s) => [s.source, s.stake]));
      expect([...stakes.values()]).toContain('accused');
      for (const claim of dispute.claims) expect(stakes.has(claim.source), claim.source).toBe(true);
    },
  );

  it('never hides an entity name inside a longer signal or form (the longer match would swallow the mention)', () => {
    const aliases = dataset.entities.flatMap((e) => e.aliases.map((a) => a.text));
    for (const dispute of dataset.disputes) {
      for (const signal of (dispute.signals ?? []).flatMap((s) => [s, ...(s.also ?? [])])) {
        const hidden = aliases.filter(
          (alias) =>
            alias.length < signal.text.length &&
            new RegExp(
              `(^|[^\\p{L}\\p{N}])${alias.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}($|[^\\p{L}\\p{N}])`,
              'iu',
            ).test(signal.text),
        );
        expect(hidden, `${dispute.id}: ${signal.text}`).toEqual([]);
      }
    }
  });

  it('records the claimant with a stated commercial interest where the sources state one', () => {
    const cts = dataset.disputes.find((d) => d.id === 'cts-labs-amd-2018');
    expect(cts?.stakes).toContainEqual({ source: 'cts-labs', stake: 'claimant-commercial' });
    // Trail of Bits was hired by CTS Labs to check the findings: not an independent tester.
    expect(cts?.stakes?.some((s) => s.source === 'trail-of-bits')).toBe(false);
  });
});

describe('aliases that name phones, not conglomerates', () => {
  it('leaves the OMA CP dispute off PlayStation, television and appliance pages', () => {
    const text =
      'Sony cut the price of the PlayStation 5. Samsung Electronics reported record memory-chip profits, ' +
      'and LG Electronics showed a new OLED television and a Samsung refrigerator lookalike.';
    expect(disputesNamedIn(text)).not.toContain('checkpoint-omacp-2019');
  });

  it('still puts it on pages about the phones', () => {
    for (const text of [
      'Samsung Galaxy owners got the fix',
      'a Sony Xperia review',
      'Samsung phones were the most exposed',
    ]) {
      expect(disputesNamedIn(text), text).toContain('checkpoint-omacp-2019');
    }
  });

  it('names Supermicro however articles write it', () => {
    for (const text of ['Supermicro shares fell', 'Super Micro Computer said', 'shares of Super Micro fell']) {
      expect(disputesNamedIn(text), text).toContain('bloomberg-big-hack-2018');
    }
  });
});

describe('corrections from the audit against the notes', () => {
  it("keeps eScan's own concession and its blame of app developers", () => {
    const texts = statementsOf('escan-xiaomi-2017').map((s) => s.text);
    expect(texts.some((t) => /in a few cases the bugs are theoretical/.test(t))).toBe(true);
    expect(texts.some((t) => /blamed app developers/.test(t))).toBe(true);
  });

  it("cites Guiding Tech's tests from Notebookcheck, without the dataset's own judgement, at the precision known", () => {
    const checks = statementsOf('escan-xiaomi-2017').filter((s) => s.source === 'guiding-tech');
    for (const check of checks) {
      expect(check.citations.map((c) => c.publisher)).toEqual(['Notebookcheck']);
      expect(check.text).not.toMatch(/This confirms/);
      expect(check.approximate).toBe(true);
    }
    expect(checks.some((c) => /without asking for the user's password/.test(c.text))).toBe(true);
  });

  it('marks dates the notes give only approximately or from a later report', () => {
    const approximate = (id: string, source: string) =>
      statementsOf(id).filter((s) => s.source === source && s.approximate === true).length;
    expect(approximate('cts-labs-amd-2018', 'trail-of-bits')).toBe(1);
    expect(approximate('cts-labs-amd-2018', 'amd')).toBe(3);
    expect(approximate('wsj-kaspersky-2017', 'kaspersky')).toBe(1);
    expect(approximate('wsj-huawei-lawful-intercept-2020', 'huawei')).toBe(1);
    expect(approximate('lithuania-ncsc-xiaomi-2021', 'xda-developers')).toBe(1);
  });

  it('gives replies that answer a different point the stance of context, not rebuttal', () => {
    const huawei = statementsOf('lithuania-ncsc-huawei-2021').filter((s) => s.source === 'huawei');
    expect(huawei.map((s) => 'stance' in s && s.stance)).toEqual(['context', 'context']);
    const bsi = statementsOf('lithuania-ncsc-xiaomi-2021').find((s) => s.source === 'bsi');
    expect(bsi && 'stance' in bsi && bsi.stance).toBe('context');
  });

  it('does not call the Adups case fixed while the file records later collection', () => {
    expect(dataset.disputes.find((d) => d.id === 'kryptowire-adups-blu-2016')?.status).toBe('acknowledged');
  });

  it('names security researchers and users as the Superfish claimant', () => {
    const superfish = dataset.disputes.find((d) => d.id === 'lenovo-superfish-2015');
    const claimant = dataset.sources.find((s) => s.id === superfish?.claims[0]?.source);
    expect(claimant?.name).toBe('Security researchers and Lenovo users');
  });
});

describe('a dataset directory with mistakes', () => {
  it('is refused with one line per problem, each naming the path and the file', () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'bad-data-dir');
    let error: unknown;
    try {
      loadDataset(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatasetError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toMatch(/is invalid:$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^disputes\[0\] \(.*acme-globex\.json\)\.claims\[0\]\.citations\[0\]\.url: "http:\/\/acme\.example\/report" is not an https: link/,
      ),
      expect.stringMatching(
        /^disputes\[0\] \(.*acme-globex\.json\)\.claims\[0\]\.responses\[0\]\.stance: "denial" is not one of/,
      ),
    ]);
  });
});
