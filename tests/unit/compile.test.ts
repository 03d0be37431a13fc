import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { upgradeStoredState } from '../../src/background/upgrade';
import {
  type CompiledIndex,
  compileIndex,
  earliestDate,
  INDEX_VERSION,
  needsRecompile,
  withIndexDefaults,
} from '../../src/core/compile';
import { PACKS_KEY, packDatasetKey, packIndexKey, readStoredJson, storedJson } from '../../src/core/pack-layout';
import { readPacks } from '../../src/core/pack-store';
import type { Dataset } from '../../src/core/schema';
import { SETTINGS_KEY } from '../../src/core/settings';
import { FakeDatasets, FakeStorage } from './support/fake-storage';

const minimal = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/valid-minimal.json', import.meta.url)), 'utf8'),
) as Dataset;

const patternOf = (index: CompiledIndex, text: string) => index.patterns.findIndex((p) => p.text === text);

describe('compileIndex', () => {
  const index = compileIndex(minimal);

  it('makes signals patterns, each naming its dispute and kind', () => {
    expect(index.version).toBe(INDEX_VERSION);
    expect(index.targets[patternOf(index, 'Acme Security')]).toEqual({
      disputes: [],
      claims: [],
      signals: [[0, 'claimant', 0]],
    });
    expect(index.targets[patternOf(index, 'address book upload')]?.signals).toEqual([[0, 'term', 2]]);
    // aliases and cues as before
    expect(index.targets[patternOf(index, 'Globex')]).toEqual({ disputes: [0], claims: [], signals: [] });
    expect(index.targets[patternOf(index, 'Globex Sync')]?.claims).toEqual([[0, 0]]);
  });

  it('gives each dispute its start and each claim its claimant', () => {
    const [dispute] = index.disputes;
    // a response dated "2017-08" starts its period before the claims of 2017-08-10
    expect(dispute?.start).toBe('2017-08');
    expect(dispute?.claims.map((c) => [c.id, c.source])).toEqual([
      ['contact-upload', 'acme-security'],
      ['location-history', 'acme-security'],
    ]);
  });

  it('a text that is several things at once is one pattern with every target', () => {
    const both: Dataset = structuredClone(minimal);
    const dispute = both.disputes[0] as Dataset['disputes'][number];
    dispute.signals = [...(dispute.signals ?? []), { text: 'Globex Sync', caseSensitive: true, kind: 'product' }];
    const compiled = compileIndex(both);
    expect(compiled.patterns.filter((p) => p.text === 'Globex Sync')).toHaveLength(1);
    expect(compiled.targets[patternOf(compiled, 'Globex Sync')]).toMatchObject({
      claims: [[0, 0]],
      signals: [[0, 'product', 3]],
    });
  });

  it("compiles each of a signal's other forms into a pattern that points at the same signal", () => {
    const forms: Dataset = structuredClone(minimal);
    const dispute = forms.disputes[0] as Dataset['disputes'][number];
    dispute.signals = [
      {
        text: 'NSA',
        caseSensitive: true,
        kind: 'party',
        also: [{ text: 'National Security Agency', caseSensitive: false }],
      },
      { text: 'Jane Roe', caseSensitive: true, kind: 'claimant' },
    ];
    const compiled = compileIndex(forms);
    expect(compiled.patterns[patternOf(compiled, 'National Security Agency')]).toEqual({
      text: 'National Security Agency',
      caseSensitive: false,
    });
    expect(compiled.targets[patternOf(compiled, 'NSA')]?.signals).toEqual([[0, 'party', 0]]);
    expect(compiled.targets[patternOf(compiled, 'National Security Agency')]?.signals).toEqual([[0, 'party', 0]]);
    expect(compiled.targets[patternOf(compiled, 'Jane Roe')]?.signals).toEqual([[0, 'claimant', 1]]);
  });

  it('the bundled index carries signals for every dispute the data gives them', () => {
    const { dataset, index: bundled } = loadDataset();
    const withSignals = dataset.disputes.filter((d) => (d.signals ?? []).length > 0).map((d) => d.id);
    const signalled = new Set(bundled.targets.flatMap((t) => t.signals.map(([d]) => bundled.disputes[d]?.id)));
    for (const id of withSignals) expect(signalled).toContain(id);
    for (const d of bundled.disputes) expect(d.start).toMatch(/^\d{4}(-\d{2}){0,2}$/);
  });
});

describe('partial dates', () => {
  it('finds the earliest by the start of each period, kept as written', () => {
    expect(earliestDate(['2017-08-10', '2017-08', '2018'])).toBe('2017-08');
    expect(earliestDate(['2017-08-10', '2017'])).toBe('2017');
    expect(earliestDate(['2019-03-02', '2019-03-01'])).toBe('2019-03-01');
    expect(earliestDate([])).toBe('');
  });
});

describe('indexes compiled by an older version', () => {
  const old = JSON.parse(JSON.stringify(compileIndex(minimal))) as Record<string, unknown> & CompiledIndex;
  delete old.version;
  for (const t of old.targets) delete (t as Partial<typeof t>).signals;
  for (const d of old.disputes) {
    delete (d as Partial<typeof d>).start;
    for (const c of d.claims) delete (c as Partial<typeof c>).source;
  }

  it('read with the newer fields empty', () => {
    expect(needsRecompile(old)).toBe(true);
    const read = withIndexDefaults(old);
    expect(read.targets.every((t) => Array.isArray(t.signals) && t.signals.length === 0)).toBe(true);
    expect(read.disputes[0]?.start).toBe('');
    expect(read.disputes[0]?.claims[0]?.source).toBe('');
    expect(needsRecompile(compileIndex(minimal))).toBe(false);
  });

  it('are compiled again on install or update; synced paused sites move to storage.local', async () => {
    const local = new FakeStorage({
      [PACKS_KEY]: [
        {
          id: minimal.id,
          name: minimal.name,
          version: minimal.version,
          importedAt: '2026-11-25T12:00:00.000Z',
          origin: 'pack',
          disputes: 1,
          sources: 3,
          bytes: 1,
        },
      ],
      [packDatasetKey(minimal.id)]: minimal,
      [packIndexKey(minimal.id)]: old,
    });
    const sync = new FakeStorage({
      [SETTINGS_KEY]: {
        version: 2,
        disabledSources: [],
        disabledPacks: [],
        markStyle: 'underline',
        markWhich: 'every',
        pausedSites: ['www.example.com'],
      },
    });
    const datasets = new FakeDatasets({ 'gone-pack@2026-11-20T00:00:00.000Z': '{}' });
    await upgradeStoredState({ sync, local, datasets });
    expect(readStoredJson((await local.get(packIndexKey(minimal.id)))[packIndexKey(minimal.id)])).toEqual(
      compileIndex(minimal),
    );
    // The dataset an older version kept in storage.local moved beside it, as text; a record no
    // listed pack names went.
    expect(Object.keys(await local.get(null))).not.toContain(packDatasetKey(minimal.id));
    expect(datasets.snapshot()).toEqual({ [`${minimal.id}@2026-11-25T12:00:00.000Z`]: storedJson(minimal) });
    expect(await readPacks({ local, datasets })).toEqual([expect.objectContaining({ dataset: minimal })]);
    expect((await local.get('pausedSites')).pausedSites).toEqual(['example.com']);
    expect((await sync.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual({
      version: 3,
      disabledSources: [],
      disabledPacks: [],
      markStyle: 'underline',
      markWhich: 'about',
    });
    // a second run changes nothing
    const writes = local.writes + sync.writes + datasets.writes;
    await upgradeStoredState({ sync, local, datasets });
    expect(local.writes + sync.writes + datasets.writes).toBe(writes);
  });
});
