import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { english } from '../../src/cli/english';
import { type CompiledIndex, compileIndex, INDEX_VERSION } from '../../src/core/compile';
import { disputeDetails } from '../../src/core/dispute-details';
import { localDatasets } from '../../src/core/local-datasets';
import { createMatcher } from '../../src/core/matcher';
import { mergeIndexes } from '../../src/core/merge-indexes';
import {
  BUNDLED_PACK_ID,
  datasetsOn,
  LOCAL_QUOTA_BYTES,
  MAX_IMPORTED_PACKS,
  PACKS_KEY,
  packDatasetKey,
  packIndexKey,
  readPackList,
  readStoredJson,
  type StoredPack,
  storedJson,
  strandedRecords,
} from '../../src/core/pack-layout';
import {
  compareVersions,
  formatSize,
  metaFor,
  packBytes,
  packItems,
  packsFromItems,
  planImport,
  planRemove,
  planRestore,
  sameJson,
  storageUsage,
} from '../../src/core/pack-plan';
import {
  importFile,
  importPlanned,
  planFileImport,
  readPacks,
  readStored,
  removePack,
} from '../../src/core/pack-store';
import type { Dataset } from '../../src/core/schema';
import { sourceSummaries } from '../../src/core/source-summaries';
import { visibleDisputes } from '../../src/core/visibility';
import { problemLines } from '../../src/ui/problem-text';
import { FakeDatasets, FakeStorage, fakeStores } from './support/fake-storage';

const { dataset: bundled, index: bundledIndex } = loadDataset();
const fixtures = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
const goodPack = JSON.parse(readFileSync(`${fixtures}good/pack.json`, 'utf8')) as Dataset;
const importedAt = '2026-11-25T12:00:00.000Z';
const options = { bundled, bytesInUse: 0, importedAt, origin: 'pack' as const };

const stored = (dataset: Dataset): StoredPack => ({ meta: metaFor(dataset, importedAt, 'pack'), dataset });
const withVersion = (version: string, id = goodPack.id): Dataset => ({ ...structuredClone(goodPack), id, version });

/** A second pack about other things, sharing one source with goodPack. */
function otherPack(): Dataset {
  const pack = structuredClone(goodPack);
  pack.id = 'initech-watch';
  pack.name = 'Initech watch';
  pack.entities = [{ id: 'initech', name: 'Initech', aliases: [{ text: 'Initech', caseSensitive: false }] }];
  const dispute = pack.disputes[0] as Dataset['disputes'][number];
  dispute.id = 'acme-initech-2018';
  dispute.entities = ['initech'];
  return pack;
}

describe('planImport', () => {
  it('installs a new pack: dataset, index and list in one write', () => {
    const plan = planImport([], goodPack, options);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(Object.keys(plan.changes.set).sort()).toEqual(
      [PACKS_KEY, packDatasetKey('globex-watch'), packIndexKey('globex-watch')].sort(),
    );
    expect(readStoredJson(plan.changes.set[packIndexKey('globex-watch')])).toEqual(compileIndex(goodPack));
    expect(readStoredJson(plan.changes.set[packDatasetKey('globex-watch')])).toEqual(goodPack);
    expect(plan.changes.set[PACKS_KEY]).toEqual([
      { id: 'globex-watch', name: 'Globex watch', version: '1.0.0', disputes: 1, importedAt, origin: 'pack' },
    ]);
    expect(plan.changes.remove).toEqual([]);
    expect(plan.replaced).toBeNull();
  });

  it('replaces the same pack id with the same or a newer version, keeping its place', () => {
    const existing = [stored(withVersion('1.0.0')), stored(otherPack())];
    for (const version of ['1.0.0', '1.2.0', '2.0.0']) {
      const plan = planImport(existing, withVersion(version), options);
      expect(plan.ok, version).toBe(true);
      if (!plan.ok) continue;
      expect(plan.replaced?.version).toBe('1.0.0');
      expect(plan.packs.map((p) => p.meta.id)).toEqual(['globex-watch', 'initech-watch']);
      expect(plan.packs[0]?.meta.version).toBe(version);
    }
  });

  it('refuses an older version of an installed pack', () => {
    const plan = planImport([stored(withVersion('1.2.0'))], withVersion('1.0.10'), options);
    expect(plan.ok ? [] : problemLines(english, plan.problems)).toEqual([
      'version: this file has version 1.0.10 of "Globex watch" (globex-watch), older than the installed 1.2.0; remove the installed pack first to go back to an older version',
    ]);
  });

  it("refuses the bundled pack's id", () => {
    const plan = planImport([], withVersion('1.0.0', BUNDLED_PACK_ID), options);
    expect(plan.ok ? [] : plan.problems.map((p) => p.path)).toEqual([['id']]);
  });

  it('refuses a dispute id that another pack uses', () => {
    const clash = otherPack();
    (clash.disputes[0] as Dataset['disputes'][number]).id = 'acme-globex-2017';
    const plan = planImport([stored(goodPack)], clash, options);
    expect(plan.ok ? [] : problemLines(english, plan.problems)).toEqual([
      'disputes[0].id: "acme-globex-2017" is already the id of a dispute in "Globex watch" (globex-watch); a dispute id may be used by one pack only',
    ]);
  });

  it('accepts a source or entity shared with another pack when it is identical', () => {
    const pack = otherPack();
    pack.entities.push(structuredClone(goodPack.entities[0] as Dataset['entities'][number]));
    expect(planImport([stored(goodPack)], pack, options).ok).toBe(true);
  });

  it('refuses a shared source or entity id that describes something else', () => {
    const pack = otherPack();
    (pack.sources[0] as Dataset['sources'][number]).name = 'Acme Security Labs';
    pack.entities.push({ ...structuredClone(goodPack.entities[0] as Dataset['entities'][number]), name: 'Globex Inc' });
    const plan = planImport([stored(goodPack)], pack, options);
    expect(plan.ok ? [] : plan.problems.map((p) => p.path)).toEqual([
      ['sources', 0],
      ['entities', 1],
    ]);
  });

  it('refuses a bundled source id with different content', () => {
    const pack = structuredClone(goodPack);
    const escan = bundled.sources.find((s) => s.id === 'escan');
    pack.sources.push({ ...(escan as Dataset['sources'][number]) });
    expect(planImport([], pack, options).ok).toBe(true);
    (pack.sources.at(-1) as Dataset['sources'][number]).kind = 'vendor';
    expect(planImport([], pack, options).ok).toBe(false);
  });

  it('says when storage.local would be over its quota', () => {
    const plan = planImport([], goodPack, { ...options, bytesInUse: LOCAL_QUOTA_BYTES - 1000 });
    expect(plan.ok ? [] : problemLines(english, plan.problems)).toEqual([
      expect.stringMatching(
        /^\(storage\): storing this needs \d+ KB, and the extension's storage already holds 64 MB; together that is over its limit of 64 MB\. Remove a pack first$/,
      ),
    ]);
  });

  it('counts the space a replaced pack frees', () => {
    // Storage nearly full, the pack itself among what it holds: replacing it fits, a new one would not.
    const bytesInUse = LOCAL_QUOTA_BYTES - 10;
    expect(packBytes(goodPack.id, packItems(goodPack))).toBeGreaterThan(10);
    expect(planImport([stored(goodPack)], goodPack, { ...options, bytesInUse }).ok).toBe(true);
    expect(planImport([], goodPack, { ...options, bytesInUse }).ok).toBe(false);
  });

  it('counts what storage holds from the items as read, per pack too, without compiling again', async () => {
    const stores = fakeStores(new FakeStorage({ dismissals: { 'https://example.com/': ['x'] } }));
    await importFile(JSON.stringify(goodPack), stores, { bundled, now: new Date(importedAt) });
    const items = await readStored(stores);
    const usage = storageUsage(items);
    // The dataset counts as if in storage.local: the limit is on both.
    const dataset = Object.values(stores.datasets.snapshot());
    expect(dataset).toHaveLength(1);
    const all = { ...stores.local.snapshot(), [packDatasetKey(goodPack.id)]: JSON.stringify(dataset[0]) };
    const each = Object.entries(all).map(([key, json]) => key.length + Buffer.byteLength(json));
    expect(usage.bytesInUse).toBe(each.reduce((a, b) => a + b, 0));
    expect(usage.storedBytes?.(goodPack.id)).toBe(packBytes(goodPack.id, packItems(goodPack)));
    expect(usage.storedBytes?.('not-installed')).toBe(0);
    // Replacing the pack with storage all but full: it fits, counted either way.
    const bytesInUse = LOCAL_QUOTA_BYTES - 10;
    expect(planImport([stored(goodPack)], goodPack, { ...options, ...usage, bytesInUse }).ok).toBe(true);
  });

  it(`installs at most ${MAX_IMPORTED_PACKS} packs`, () => {
    const existing = Array.from({ length: MAX_IMPORTED_PACKS }, (_, i) => {
      const pack = otherPack();
      pack.id = `pack-${i}`;
      (pack.disputes[0] as Dataset['disputes'][number]).id = `dispute-${i}`;
      return stored(pack);
    });
    const plan = planImport(existing, goodPack, options);
    expect(plan.ok ? [] : problemLines(english, plan.problems)).toEqual([
      '(storage): 20 packs are installed, the most there can be; remove one first',
    ]);
  });
});

describe('planRemove and planRestore', () => {
  it('removes a pack: the list first, then its keys', () => {
    const existing = [stored(goodPack), stored(otherPack())];
    expect(planRemove(existing, 'globex-watch')).toEqual({
      set: { [PACKS_KEY]: [existing[1]?.meta] },
      remove: [packDatasetKey('globex-watch'), packIndexKey('globex-watch')],
    });
    expect(planRemove(existing, 'not-installed')).toEqual({ set: {}, remove: [] });
  });

  it('restores a set of packs in place of the installed ones', () => {
    const plan = planRestore([stored(goodPack)], [stored(otherPack())], { bundled, bytesInUse: 0 });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.changes.remove).toEqual([packDatasetKey('globex-watch'), packIndexKey('globex-watch')]);
    expect(plan.changes.set[PACKS_KEY]).toEqual([stored(otherPack()).meta]);
  });

  it('refuses packs in a backup that contradict each other', () => {
    const clash = otherPack();
    (clash.disputes[0] as Dataset['disputes'][number]).id = 'acme-globex-2017';
    const plan = planRestore([], [stored(goodPack), stored(clash), stored(goodPack)], { bundled, bytesInUse: 0 });
    expect(plan.ok ? [] : plan.problems.map((p) => p.path)).toEqual([
      ['packs', 1, 'dataset', 'disputes', 0, 'id'],
      ['packs', 2, 'dataset', 'id'],
    ]);
  });
});

describe('reading storage', () => {
  it('keeps the datasets in storage.local where IndexedDB cannot be opened, counted once', async () => {
    const local = new FakeStorage({ dismissals: { 'https://example.com/': ['x'] } });
    const stores = { local, datasets: localDatasets(local) };
    const beside = fakeStores(new FakeStorage({ dismissals: { 'https://example.com/': ['x'] } }));
    for (const target of [stores, beside]) {
      await importFile(JSON.stringify(goodPack), target, { bundled, now: new Date(importedAt) });
      await importFile(JSON.stringify(otherPack()), target, { bundled, now: new Date(importedAt) });
    }
    const key = `${goodPack.id}@${importedAt}`;
    expect(Object.keys(await local.get(null))).toContain(`pack-record:${key}`);
    expect((await stores.datasets.keys()).sort()).toEqual(Object.keys(beside.datasets.snapshot()).sort());
    // What the plans see, and so the sizes they check, is the same either way.
    expect(await readStored(stores)).toEqual(await readStored(beside));
    expect((await readPacks(stores)).map((p) => p.dataset)).toEqual([goodPack, otherPack()]);
    await removePack(goodPack.id, { ...stores, sync: new FakeStorage() });
    expect(await stores.datasets.get([key])).toEqual(new Map());
    expect(await stores.datasets.keys()).toEqual([`${otherPack().id}@${importedAt}`]);
  });

  it('drops the dataset records an import cut short left, not one an import is still writing', () => {
    const now = new Date('2026-12-07T12:00:00.000Z');
    const listed = { ...stored(goodPack).meta, importedAt: '2026-12-01T00:00:00.000Z' };
    const keys = [
      'globex-watch@2026-12-01T00:00:00.000Z', // the listed pack's
      'globex-watch@2026-11-30T00:00:00.000Z', // its version before, left by a replace cut short
      'acme-pack@2026-12-07T11:30:00.000Z', // written half an hour ago: maybe an import in flight
      'acme-pack@2026-12-07T10:30:00.000Z',
      'junk', // not ours
    ];
    expect(strandedRecords(keys, [listed], now)).toEqual([
      'globex-watch@2026-11-30T00:00:00.000Z',
      'acme-pack@2026-12-07T10:30:00.000Z',
      'junk',
    ]);
  });

  it('skips entries that are not pack metadata, and packs without data', () => {
    const meta = stored(goodPack).meta;
    expect(readPackList([meta, { id: 3 }, null])).toEqual([meta]);
    expect(readPackList('nonsense')).toEqual([]);
    const other = stored(otherPack()).meta;
    const items = { [PACKS_KEY]: [meta, other], [packDatasetKey(meta.id)]: goodPack };
    expect(packsFromItems(items).map((p) => p.meta.id)).toEqual(['globex-watch']);
  });

  it('reads a dataset stored as JSON text, or as an object by an older version; cut text reads as no pack', () => {
    const meta = stored(goodPack).meta;
    const other = stored(otherPack()).meta;
    const text = storedJson(otherPack());
    const items = { [PACKS_KEY]: [meta, other], [packDatasetKey(meta.id)]: goodPack, [packDatasetKey(other.id)]: text };
    expect(packsFromItems(items).map((p) => p.dataset)).toEqual([goodPack, otherPack()]);
    const cut = { ...items, [packDatasetKey(other.id)]: text.slice(0, -1) };
    expect(packsFromItems(cut).map((p) => p.meta.id)).toEqual(['globex-watch']);
  });

  it('reads the datasets again only when the pack list changes; knows what it installed itself', async () => {
    const stores = fakeStores();
    const { local, datasets } = stores;
    const reads: string[][] = [];
    const get = datasets.get.bind(datasets);
    datasets.get = async (keys) => {
      reads.push([...keys]);
      return get(keys);
    };
    expect(await readPacks(stores)).toEqual([]);
    await importFile(JSON.stringify(goodPack), stores, { bundled, now: new Date(importedAt) });
    reads.length = 0; // the import reads what is stored first
    const first = await readPacks(stores);
    expect(first.map((p) => p.dataset)).toEqual([goodPack]);
    expect(await readPacks(stores)).toBe(first);
    expect(reads).toHaveLength(0);
    // Installed after the packs were read: known without reading it back, a re-import as well.
    await importFile(JSON.stringify(goodPack), stores, { bundled, now: new Date('2026-12-01T00:00:00Z') });
    await importFile(JSON.stringify(otherPack()), stores, { bundled, now: new Date(importedAt) });
    reads.length = 0;
    const both = await readPacks(stores);
    expect(both.map((p) => [p.meta.importedAt, p.dataset])).toEqual([
      ['2026-12-01T00:00:00.000Z', goodPack],
      [importedAt, otherPack()],
    ]);
    expect(reads).toHaveLength(0);
    const copy = fakeStores(
      new FakeStorage(Object.fromEntries(Object.entries(local.snapshot()).map(([k, v]) => [k, JSON.parse(v)]))),
    );
    copy.datasets = new FakeDatasets(datasets.snapshot());
    expect(await readPacks(copy)).toEqual(both);
    // Another page removes a pack: the list changed, so the datasets are read again.
    await removePack('globex-watch', copy);
    await local.set({ [PACKS_KEY]: (await copy.local.get(PACKS_KEY))[PACKS_KEY] });
    expect((await readPacks(stores)).map((p) => p.dataset)).toEqual([otherPack()]);
    expect(reads).toHaveLength(1);
    // The removed pack's dataset went with it; a re-import left one record per pack.
    expect(Object.keys(copy.datasets.snapshot())).toEqual([`${otherPack().id}@${importedAt}`]);
    expect(Object.keys(datasets.snapshot()).sort()).toEqual(
      [`globex-watch@2026-12-01T00:00:00.000Z`, `${otherPack().id}@${importedAt}`].sort(),
    );
  });

  it("writes a pack's dataset while its index is compiled, once it surely fits, and never twice", async () => {
    const stores = fakeStores();
    const text = JSON.stringify(goodPack);
    const now = new Date(importedAt);
    const order: string[] = [];
    const put = stores.datasets.put.bind(stores.datasets);
    stores.datasets.put = async (records) => {
      order.push(`put ${[...records.keys()].join()}`);
      return put(records);
    };
    const outcome = await importPlanned(stores, async (items, onRecord) =>
      planFileImport(text, items, {
        bundled,
        now,
        onRecord,
        onStep: (step) => order.push(step),
      }),
    );
    expect(outcome).toMatchObject({ ok: true, kind: 'pack' });
    // Reported after the check, before the index: written once, and the list commits it.
    expect(order).toEqual(['checking', 'compiling', `put globex-watch@${importedAt}`]);
    const records = stores.datasets.snapshot();
    expect(Object.keys(records)).toEqual([`globex-watch@${importedAt}`]);
    expect(JSON.parse(records[`globex-watch@${importedAt}`] as string)).toEqual(goodPack);
    expect(stores.datasets.writes).toBe(1);
    expect((await readPacks(stores)).map((p) => p.dataset)).toEqual([goodPack]);

    // The same pack at the same moment would share the record's key: not written early then.
    const again: string[] = [];
    planFileImport(text, await readStored(stores), { bundled, now, onRecord: (key) => again.push(key) });
    expect(again).toEqual([]);
    // No record for a refused file, nor for an export.
    planFileImport(JSON.stringify(withVersion('0.1')), await readStored(stores), {
      bundled,
      now: new Date('2026-12-01T00:00:00Z'),
      onRecord: (key) => again.push(key),
    });
    expect(again).toEqual([]);
  });

  it('deletes the dataset written early when the pack is refused after all, or storage.local refuses the list', async () => {
    const stores = fakeStores();
    const before = { local: stores.local.snapshot(), datasets: stores.datasets.snapshot() };
    const refused = await importPlanned(stores, async (_, onRecord) => {
      onRecord(`globex-watch@${importedAt}`, storedJson(goodPack));
      return { ok: false, problems: [{ path: [], scope: 'storage', code: 'problemStorageFull', values: [] }] };
    });
    expect(refused.ok).toBe(false);
    expect({ local: stores.local.snapshot(), datasets: stores.datasets.snapshot() }).toEqual(before);

    stores.local.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    await expect(
      importPlanned(stores, async (items, onRecord) =>
        planFileImport(JSON.stringify(goodPack), items, { bundled, now: new Date(importedAt), onRecord }),
      ),
    ).rejects.toThrow('QUOTA_BYTES');
    expect({ local: stores.local.snapshot(), datasets: stores.datasets.snapshot() }).toEqual(before);
  });

  it('lists the datasets that are on, bundled first', () => {
    const ids = (off: string[]) =>
      datasetsOn(bundled, [goodPack, otherPack()], { disabledPacks: off }).map((d) => d.id);
    expect(ids([])).toEqual([BUNDLED_PACK_ID, 'globex-watch', 'initech-watch']);
    expect(ids([BUNDLED_PACK_ID, 'initech-watch'])).toEqual(['globex-watch']);
  });
});

describe('helpers', () => {
  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBe(1);
    expect(compareVersions('2024.3.5', '2024.3.5')).toBe(0);
    expect(compareVersions('0.9.9', '1.0.0')).toBe(-1);
  });

  it('compares JSON ignoring key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });

  it('formats sizes, rounding up', () => {
    expect(formatSize(500)).toBe('1 KB');
    expect(formatSize(80 * 1024)).toBe('80 KB');
    expect(formatSize(2 * 1024 * 1024)).toBe('2 MB');
    expect(formatSize(2 * 1024 * 1024 + 1)).toBe('2.1 MB');
  });
});

/** Which disputes (by id) a text puts on the page with an index, as the content script decides. */
function disputesFound(index: CompiledIndex, text: string): string[] {
  const matcher = createMatcher(index.patterns);
  const ids = new Set<string>();
  for (const match of matcher.find(text)) {
    for (const d of index.targets[match.pattern]?.disputes ?? []) ids.add(index.disputes[d]?.id as string);
  }
  return [...ids].sort();
}

function packWith(id: string, disputeId: string, aliases: { text: string; caseSensitive: boolean }[]): Dataset {
  const pack = structuredClone(goodPack);
  pack.id = id;
  pack.entities = [{ id: `${id}-entity`, name: `${id} entity`, aliases }];
  const dispute = pack.disputes[0] as Dataset['disputes'][number];
  dispute.id = disputeId;
  dispute.entities = [`${id}-entity`];
  for (const claim of dispute.claims) delete claim.cues;
  return pack;
}

describe('mergeIndexes', () => {
  it('returns a single index as it is, each dispute naming its pack', () => {
    const merged = mergeIndexes([bundledIndex]);
    expect(merged.patterns).toEqual(bundledIndex.patterns);
    expect(merged.targets).toEqual(bundledIndex.targets);
    expect(merged.disputes.map((d) => d.id)).toEqual(bundledIndex.disputes.map((d) => d.id));
    expect(new Set(merged.disputes.map((d) => d.pack))).toEqual(new Set([BUNDLED_PACK_ID]));
    expect(mergeIndexes([])).toEqual({
      version: INDEX_VERSION,
      pack: BUNDLED_PACK_ID,
      patterns: [],
      targets: [],
      disputes: [],
    });
  });

  it('concatenates disputes and remaps targets', () => {
    const a = compileIndex(goodPack);
    const b = compileIndex(otherPack());
    const merged = mergeIndexes([bundledIndex, a, b]);
    const n = bundledIndex.disputes.length;
    expect(merged.disputes.length).toBe(n + 2);
    expect(merged.disputes[n]).toMatchObject({ id: 'acme-globex-2017', pack: 'globex-watch' });
    expect(merged.disputes[n + 1]).toMatchObject({ id: 'acme-initech-2018', pack: 'initech-watch' });
    expect(disputesFound(merged, 'Initech and Globex, and Xiaomi')).toEqual(
      [...disputesFound(bundledIndex, 'Xiaomi'), 'acme-globex-2017', 'acme-initech-2018'].sort(),
    );
    // Claim cues point at the remapped disputes (both packs have the cue).
    const cue = merged.patterns.findIndex((p) => p.text === 'Globex Sync');
    expect(merged.targets[cue]?.claims).toEqual([
      [n, 0],
      [n + 1, 0],
    ]);
  });

  it('finds, for each pack, what that pack alone finds', () => {
    const texts = [
      'Globex Phones sells the G5.',
      'GLOBEX said nothing.',
      'globex phones are cheap',
      'The Globex-Phones store.',
      'Only Globex here.',
    ];
    const one = compileIndex(packWith('one', 'one-dispute', [{ text: 'Globex', caseSensitive: false }]));
    const two = compileIndex(packWith('two', 'two-dispute', [{ text: 'Globex Phones', caseSensitive: false }]));
    const three = compileIndex(packWith('three', 'three-dispute', [{ text: 'GLOBEX', caseSensitive: true }]));
    const merged = mergeIndexes([one, two, three]);
    for (const text of texts) {
      const alone = [one, two, three].flatMap((index) => disputesFound(index, text)).sort();
      expect(disputesFound(merged, text), text).toEqual(alone);
    }
  });

  it('merges patterns with the same words and case rule', () => {
    const one = compileIndex(packWith('one', 'one-dispute', [{ text: 'Globex Cloud', caseSensitive: false }]));
    const two = compileIndex(packWith('two', 'two-dispute', [{ text: 'globex  cloud', caseSensitive: false }]));
    const merged = mergeIndexes([one, two]);
    expect(merged.patterns).toEqual([{ text: 'Globex Cloud', caseSensitive: false }]);
    expect(merged.targets[0]?.disputes).toEqual([0, 1]);
  });

  it('drops a dispute whose id an earlier index has', () => {
    const copy = compileIndex(goodPack);
    const merged = mergeIndexes([compileIndex(goodPack), { ...copy, pack: 'copy' }]);
    expect(merged.disputes.map((d) => d.pack)).toEqual(['globex-watch']);
    expect(merged.targets.every((t) => t.disputes.every((d) => d === 0))).toBe(true);
  });

  it('lets a pack switched off hide only its own disputes', () => {
    const merged = mergeIndexes([bundledIndex, compileIndex(goodPack)]);
    const n = bundledIndex.disputes.length;
    const visible = visibleDisputes(merged, { disabledSources: [], disabledPacks: ['globex-watch'] });
    expect(visible.size).toBe(n);
    expect(visible.has(n)).toBe(false);
    const noBundled = visibleDisputes(merged, { disabledSources: [], disabledPacks: [BUNDLED_PACK_ID] });
    expect([...noBundled]).toEqual([n]);
  });
});

describe('sourceSummaries and disputeDetails', () => {
  it('lists each source once, by kind then name, with its statements', () => {
    const summaries = sourceSummaries([goodPack, otherPack()]);
    expect(summaries.map((s) => [s.source.id, s.source.kind, s.statements])).toEqual([
      ['acme-security', 'security-firm', 4],
      ['globex', 'vendor', 2],
      ['daily-tech', 'publication', 0],
    ]);
  });

  it('counts the bundled statements', () => {
    const escan = sourceSummaries([bundled]).find((s) => s.source.id === 'escan');
    expect(escan?.statements).toBeGreaterThan(0);
  });

  it('finds disputes and their sources across packs', () => {
    const details = disputeDetails([bundled, goodPack], ['acme-globex-2017']);
    expect(details.disputes.map((d) => d.id)).toEqual(['acme-globex-2017']);
    expect(details.sources.map((s) => s.id).sort()).toEqual(['acme-security', 'daily-tech', 'globex']);
  });
});
