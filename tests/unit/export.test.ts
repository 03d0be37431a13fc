import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { english } from '../../src/cli/english';
import { readBrowsing, setDismissed, setSitePaused } from '../../src/core/browsing';
import { buildExport, EXPORT_FORMAT, exportFileName } from '../../src/core/export';
import { parseImport } from '../../src/core/import';
import { PACKS_KEY } from '../../src/core/pack-layout';
import { importFile, readPacks, removePack, restoreBackup } from '../../src/core/pack-store';
import { SETTINGS_KEY, type Settings } from '../../src/core/settings';
import { readSettings, writeSettings } from '../../src/core/settings-store';
import { problemLines } from '../../src/ui/problem-text';
import { FakeStorage, fakeStores } from './support/fake-storage';

const { dataset: bundled } = loadDataset();
const fixtures = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
const read = (path: string) => readFileSync(`${fixtures}${path}`, 'utf8');
const now = new Date('2026-11-25T12:00:00Z');

const settings: Settings = {
  version: 3,
  disabledSources: ['escan', 'example-checks-59a2a2'],
  disabledPacks: ['globex-watch'],
  markStyle: 'tint',
  markWhich: 'first',
};
const browsing = {
  pausedSites: ['example.com', 'news.example.org'],
  dismissals: { 'https://news.example.org/story': ['escan-xiaomi-2017'] },
};

/** A reader's storage: settings, a pack in the extension format and two ClaimReview packs. */
async function readerStores() {
  const stores = fakeStores();
  const { local, sync } = stores;
  for (const [file, minutes] of [
    ['good/pack.json', 0],
    ['claimreview/single.json', 5],
    ['claimreview/graph.json', 9],
  ] as const) {
    const result = await importFile(read(file), stores, { bundled, now: new Date(now.getTime() + minutes * 60_000) });
    if (!result.ok) throw new Error(problemLines(english, result.problems).join('\n'));
  }
  expect(await writeSettings(sync, settings)).toEqual({ ok: true });
  for (const site of browsing.pausedSites) await setSitePaused(local, site, true);
  await setDismissed(local, 'https://news.example.org/story?utm=1', 'escan-xiaomi-2017', true);
  return stores;
}

async function exportOf(stores: ReturnType<typeof fakeStores>, at = now) {
  return buildExport(await readSettings(stores.sync), await readPacks(stores), await readBrowsing(stores.local), at);
}

describe('export → import', () => {
  it('writes a marked, versioned file with settings and packs, without the bundled pack', async () => {
    const file = JSON.parse(await exportOf(await readerStores()));
    expect(file).toMatchObject({
      format: EXPORT_FORMAT,
      version: 2,
      exportedAt: now.toISOString(),
      settings,
      browsing,
    });
    expect(file.packs.map((p: { dataset: { id: string } }) => p.dataset.id)).toEqual([
      'globex-watch',
      expect.stringMatching(/^claimreview-example-checks-/),
      expect.stringMatching(/^claimreview-example-checks-/),
    ]);
    expect(exportFileName(now)).toBe('counterclaim-export-2026-11-25.json');
  });

  it('restores exactly the same state into empty storage', async () => {
    const original = await readerStores();
    const text = await exportOf(original);
    const fresh = fakeStores();
    const outcome = await importFile(text, fresh, { bundled, now });
    if (!outcome.ok) throw new Error(problemLines(english, outcome.problems).join('\n'));
    expect(outcome.kind).toBe('backup');
    // Nothing is written until the reader confirms.
    expect(fresh.local.writes + fresh.sync.writes + fresh.datasets.writes).toBe(0);
    if (outcome.kind !== 'backup') return;
    expect(await restoreBackup(outcome.backup, fresh, { bundled })).toEqual({ ok: true });
    expect(fresh.local.snapshot()).toEqual(original.local.snapshot());
    expect(fresh.datasets.snapshot()).toEqual(original.datasets.snapshot());
    expect(fresh.sync.snapshot()).toEqual(original.sync.snapshot());
    // And exporting again gives the same file.
    expect(await exportOf(fresh)).toBe(text);
  });

  it('restores over other packs and settings, removing what the backup does not have', async () => {
    const original = await readerStores();
    const text = await exportOf(original);
    const other = fakeStores(new FakeStorage(), new FakeStorage({ [SETTINGS_KEY]: { version: 1, markStyle: 'off' } }));
    await importFile(read('claimreview/array.json'), other, { bundled, now });
    const outcome = parseImport(text, { now });
    if (!outcome.ok || outcome.kind !== 'backup') throw new Error('not a backup');
    expect(await restoreBackup(outcome.backup, other, { bundled })).toEqual({ ok: true });
    expect(other.local.snapshot()).toEqual(original.local.snapshot());
    expect(other.datasets.snapshot()).toEqual(original.datasets.snapshot());
    expect(other.sync.snapshot()).toEqual(original.sync.snapshot());
  });

  it('round-trips empty state', async () => {
    const empty = fakeStores();
    const text = await exportOf(empty);
    const outcome = parseImport(text, { now });
    expect(outcome).toMatchObject({ ok: true, kind: 'backup', backup: { packs: [] } });
    const target = fakeStores();
    if (!outcome.ok || outcome.kind !== 'backup') return;
    await restoreBackup(outcome.backup, target, { bundled });
    expect(await readPacks(target)).toEqual([]);
    expect(await readSettings(target.sync)).toEqual(await readSettings(empty.sync));
  });

  it('reads a version 1 export, its paused sites from its settings', async () => {
    const file = JSON.parse(await exportOf(await readerStores()));
    file.version = 1;
    delete file.browsing;
    file.settings = { version: 1, disabledSources: ['escan'], markStyle: 'off', pausedSites: ['www.Example.com'] };
    const outcome = parseImport(JSON.stringify(file), { now });
    if (!outcome.ok || outcome.kind !== 'backup') throw new Error('not a backup');
    expect(outcome.backup.settings).toEqual({
      version: 3,
      disabledSources: ['escan'],
      disabledPacks: [],
      markStyle: 'off',
      markWhich: 'about',
    });
    expect(outcome.backup.browsing).toEqual({ pausedSites: ['example.com'], dismissals: {} });
    const target = fakeStores();
    await restoreBackup(outcome.backup, target, { bundled });
    expect(await readBrowsing(target.local)).toEqual({ pausedSites: ['example.com'], dismissals: {} });
    expect(JSON.stringify(target.sync.snapshot())).not.toContain('example.com');
  });

  it('refuses a bad browsing entry, naming it', async () => {
    const file = JSON.parse(await exportOf(await readerStores()));
    file.browsing = { pausedSites: ['ok.example', 'not a site'], dismissals: { 'https://a.example/x?q=1': ['a'] } };
    const outcome = parseImport(JSON.stringify(file), { now });
    expect(outcome.ok ? [] : problemLines(english, outcome.problems)).toEqual([
      'browsing.pausedSites[1]: "not a site" is not a site name',
      'browsing.dismissals["https://a.example/x?q=1"]: "https://a.example/x?q=1" is not a page address without query',
    ]);
  });

  it('refuses unknown keys and bad pack entries, naming them', async () => {
    const file = JSON.parse(await exportOf(await readerStores()));
    file.extra = true;
    file.packs[1].importedAt = 'yesterday';
    file.packs[2].origin = 'web';
    const outcome = parseImport(JSON.stringify(file), { now });
    expect(outcome.ok ? [] : problemLines(english, outcome.problems)).toEqual([
      'packs[1].importedAt: "yesterday" is not a time such as 2026-11-25T12:00:00.000Z',
      'packs[2].origin: "web" is not one of pack, claimreview',
      '(root): unknown key "extra" (allowed: format, version, exportedAt, settings, browsing, packs)',
    ]);
  });

  it('puts the packs back when the settings cannot be written', async () => {
    const original = await readerStores();
    const text = await exportOf(original);
    const target = fakeStores();
    await importFile(read('claimreview/array.json'), target, { bundled, now });
    const before = { local: target.local.snapshot(), datasets: target.datasets.snapshot() };
    target.sync.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    const outcome = parseImport(text, { now });
    if (!outcome.ok || outcome.kind !== 'backup') throw new Error('not a backup');
    await expect(restoreBackup(outcome.backup, target, { bundled })).rejects.toThrow('quota');
    expect({ local: target.local.snapshot(), datasets: target.datasets.snapshot() }).toEqual(before);
  });
});

describe('removePack', () => {
  it('removes the pack and its switch', async () => {
    const stores = await readerStores();
    await removePack('globex-watch', stores);
    expect((await readPacks(stores)).map((p) => p.meta.id)).not.toContain('globex-watch');
    expect(Object.keys(await stores.local.get(null))).not.toContain('pack-index:globex-watch');
    expect((await stores.datasets.keys()).map((key) => key.split('@')[0]).sort()).toEqual(
      (await readPacks(stores)).map((p) => p.meta.id).sort(),
    );
    expect((await readSettings(stores.sync)).disabledPacks).toEqual([]);
    expect(((await stores.local.get(PACKS_KEY))[PACKS_KEY] as unknown[]).length).toBe(2);
  });
});
