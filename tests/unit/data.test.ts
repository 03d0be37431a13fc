/**
 * The bundled dataset is checked like code (STYLE.md §7): it passes the validator, its compiled
 * index never holds an alias that is ambiguous on its own, and the founding dispute keeps the
 * shape issue 3 asks for. A broken dataset directory fails the build's loader with one line per
 * problem, naming the path and the file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadDataset } from '../../build/dataset';
import { isAmbiguousAlias } from '../../src/core/validate';

const { dataset, index } = loadDataset();

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
