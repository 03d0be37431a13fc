/**
 * A full storage.local on import: the import is refused with a message saying how much is
 * needed and held, or, where the browser's own count runs out first, its error reaches the
 * options page; either way nothing half-written stays.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { english } from '../../src/cli/english';
import { LOCAL_QUOTA_BYTES } from '../../src/core/pack-layout';
import { importFile } from '../../src/core/pack-store';
import { problemLines } from '../../src/ui/problem-text';
import { FakeDatasets, FakeStorage } from './support/fake-storage';

const now = new Date('2026-11-25T12:00:00Z');
const { dataset: bundled } = loadDataset();
const read = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/imports/${path}`, import.meta.url)), 'utf8');

/** Like the browsers: a `set` that would pass the quota throws and writes nothing. */
class QuotaStorage extends FakeStorage {
  constructor(
    private readonly quota: number,
    initial: Record<string, unknown>,
  ) {
    super(initial);
  }

  override async set(items: Record<string, unknown>): Promise<void> {
    const after = { ...this.snapshot() };
    for (const [key, value] of Object.entries(items)) after[key] = JSON.stringify(value);
    const bytes = Object.entries(after).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
    if (bytes > this.quota) throw new Error('QUOTA_BYTES quota exceeded');
    await super.set(items);
  }
}

/** Storage.local holding `bytes` of other data (paused sites, dismissals, other packs). */
const filled = (bytes: number) => ({ dismissals: { 'https://example.com/': ['x'.repeat(bytes)] } });

describe('importing into a full storage.local', () => {
  it('is refused with a message naming the sizes, and storage is untouched', async () => {
    const local = new QuotaStorage(LOCAL_QUOTA_BYTES, filled(LOCAL_QUOTA_BYTES - 2_000));
    const datasets = new FakeDatasets();
    const before = local.snapshot();
    const outcome = await importFile(read('claimreview/graph.json'), { local, datasets }, { bundled, now });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(problemLines(english, outcome.problems).join('\n')).toMatch(
      /storing this needs .+, and the extension's storage already holds .+; together that is over its limit of 64 MB\. Remove a pack first/,
    );
    expect(local.snapshot()).toEqual(before);
    expect(local.writes + datasets.writes).toBe(0);
  });

  it("when the browser's own count runs out first, its error is raised and nothing is half-written", async () => {
    // The browser counts a little more than the extension does: the write itself fails.
    const local = new QuotaStorage(12_500, filled(12_000));
    const datasets = new FakeDatasets();
    const before = local.snapshot();
    await expect(importFile(read('claimreview/graph.json'), { local, datasets }, { bundled, now })).rejects.toThrow(
      /quota/i,
    );
    expect(local.snapshot()).toEqual(before);
    // The dataset, written first, is taken out again.
    expect(datasets.snapshot()).toEqual({});
  });

  it('fits when there is room', async () => {
    const local = new QuotaStorage(LOCAL_QUOTA_BYTES, filled(1_000));
    const stores = { local, datasets: new FakeDatasets() };
    expect((await importFile(read('claimreview/graph.json'), stores, { bundled, now })).ok).toBe(true);
  });
});
