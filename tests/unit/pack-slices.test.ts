import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { type CompiledIndex, compileIndex } from '../../src/core/compile';
import { textPatternsIn } from '../../src/core/gram-filter';
import { createMatcher } from '../../src/core/matcher';
import { mergeIndexes } from '../../src/core/merge-indexes';
import { aliasOwners, sliceIndex, slicePacks } from '../../src/core/pack-slices';
import { packFilterOf } from '../../src/core/prefilter-compile';
import { judgeRelevance } from '../../src/core/relevance';
import { generatedPack, generatedVendors } from '../support/generated-pack';
import { seededRandom } from '../support/random';

const bundled = loadDataset().index;

/** A small pack index written by hand: its patterns (case-folded), targets and disputes' ids. */
const handIndex = (patterns: string[], targets: CompiledIndex['targets'], disputes: string[]): CompiledIndex => ({
  pack: 'p',
  patterns: patterns.map((text) => ({ text, caseSensitive: false })),
  targets,
  disputes: disputes.map((id) => ({ id, title: id, start: '', claims: [] })),
});

/** What a page shows for `text` with `index`: every finding, as the relevance rule gives it. */
function findingsOf(index: CompiledIndex, text: string) {
  const counts = new Map<number, number>();
  for (const m of createMatcher(index.patterns).find(text)) counts.set(m.pattern, (counts.get(m.pattern) ?? 0) + 1);
  return judgeRelevance({
    index,
    counts,
    pageDate: null,
    visible: new Set(index.disputes.map((_, d) => d)),
    dismissed: new Set(),
  });
}

/** Random texts of the pack's own pattern texts (aliases, cues, signals), bundled names and plain words. */
function texts(index: CompiledIndex, count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const plain = ['the', 'report', 'said', 'Smart', 'phones', 'Xiaomi', 'eScan', 'denied', 'data', 'Cloud', 'MIUI'];
  const words = index.patterns.map((p) => p.text);
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    const n = 3 + Math.floor(random() * 30);
    for (let i = 0; i < n; i++) {
      const piece = random() < 0.15 ? pick(words) : pick(plain);
      parts.push(random() < 0.2 ? piece.toUpperCase() : piece);
    }
    return parts.join(random() < 0.5 ? ' ' : '. ');
  });
}

describe("a page's slice of the packs' indexes", () => {
  for (const size of [20, 300]) {
    it(`gives the same findings as the whole index (${size} disputes, ${size > 100 ? 'one-pass' : 'word by word'} filter)`, () => {
      const pack = compileIndex(generatedPack(size));
      const filter = packFilterOf([pack]);
      const owners = aliasOwners([pack]);
      const whole = mergeIndexes([bundled, pack]);
      let named = 0;
      for (const text of texts(pack, 300, size)) {
        const slices = slicePacks([pack], owners, textPatternsIn(filter, text));
        const sliced = mergeIndexes([bundled, ...slices]);
        const expected = findingsOf(whole, text);
        expect(findingsOf(sliced, text), text).toEqual(expected);
        if (expected.some((f) => f.id.startsWith('dispute-'))) named++;
        // Only what the text names: never more disputes than the aliases on it.
        expect(slices.reduce((n, s) => n + s.disputes.length, 0)).toBeLessThanOrEqual(pack.disputes.length);
      }
      expect(named).toBeGreaterThan(50); // the texts do name the pack's vendors
    });
  }

  it("holds only the named vendors' disputes, whole: every pattern of theirs, none of the others'", () => {
    const pack = compileIndex(generatedPack(300));
    const vendors = generatedVendors(300);
    const text = `Late news: ${vendors[250]} denied it, and ${(vendors[7] as string).toUpperCase()} too.`;
    const [slice, ...rest] = slicePacks([pack], aliasOwners([pack]), textPatternsIn(packFilterOf([pack]), text));
    expect(rest).toEqual([]);
    expect(slice?.disputes.map((d) => d.id).sort()).toEqual(['dispute-250', 'dispute-7']);
    const own = (id: string) =>
      pack.patterns.filter((_, p) => {
        const t = pack.targets[p];
        const d = pack.disputes.findIndex((x) => x.id === id);
        return t?.disputes.includes(d) || t?.claims.some(([x]) => x === d) || t?.signals.some(([x]) => x === d);
      });
    expect(new Set(slice?.patterns.map((p) => p.text))).toEqual(
      new Set([...own('dispute-250'), ...own('dispute-7')].map((p) => p.text)),
    );
  });

  it('lists a longer alias under the one-word alias the filter keeps for it', () => {
    const index = handIndex(
      ['Globex', 'Globex Phones'],
      [
        { disputes: [0], claims: [], signals: [] },
        { disputes: [1], claims: [], signals: [] },
      ],
      ['a', 'b'],
    );
    const [slice] = slicePacks([index], aliasOwners([index]), textPatternsIn(packFilterOf([index]), 'globex phones'));
    expect(slice?.disputes.map((d) => d.id)).toEqual(['a', 'b']);
  });

  it('renumbers the disputes it keeps in every target, and drops patterns left pointing at none', () => {
    const index = handIndex(
      ['Acme', 'Initech', 'backdoor'],
      [
        { disputes: [0], claims: [], signals: [] },
        { disputes: [2], claims: [[2, 0]], signals: [] },
        {
          disputes: [],
          claims: [[0, 0]],
          signals: [
            [2, 'flaw', 1],
            [0, 'term'],
          ],
        },
      ],
      ['x', 'y', 'z'],
    );
    expect(sliceIndex(index, new Set([2]))).toEqual({
      pack: 'p',
      patterns: [index.patterns[1], index.patterns[2]],
      targets: [
        { disputes: [0], claims: [[0, 0]], signals: [] },
        { disputes: [], claims: [], signals: [[0, 'flaw', 1]] },
      ],
      disputes: [index.disputes[2]],
    });
  });

  it('is every index whole when the filter finds everything', () => {
    const pack = compileIndex(generatedPack(20));
    expect(slicePacks([pack], aliasOwners([pack]), { words: [], exact: [], patterns: [], always: true })).toEqual([
      pack,
    ]);
  });
});
