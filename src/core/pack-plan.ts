/**
 * What installing, replacing or removing imported packs writes, and why a pack is refused.
 * Pure: the options page reads storage, asks the functions here what to write, and writes only
 * when the whole plan is sound (pack-store.ts).
 *
 * Rules for an import (planImport), so that one id always means one thing across packs:
 * - the pack id must not be the bundled pack's;
 * - a pack id already installed is replaced when the incoming version is the same or newer,
 *   and refused when it is older (remove the installed pack first to go back);
 * - a dispute id must not be used by any other pack (the background, the popup and the page
 *   findings name disputes by id alone);
 * - a source or entity id may be shared with another pack only when both describe exactly the
 *   same source or entity (disabledSources names sources by id: one switch, one source);
 * - at most MAX_IMPORTED_PACKS packs, MAX_PACK_BYTES per pack as stored, and the whole of
 *   datasets and storage.local within LOCAL_QUOTA_BYTES (a limit of our own, the same in both
 *   browsers).
 */
import * as v from 'valibot';
import { compileIndex } from './compile';
import { isRecord, storageItemBytes, utf8Length } from './json-value';
import {
  BUNDLED_PACK_ID,
  datasetRecordKey,
  LOCAL_QUOTA_BYTES,
  MAX_IMPORTED_PACKS,
  MAX_PACK_BYTES,
  PACKS_KEY,
  type PackMeta,
  type PackOrigin,
  packDatasetKey,
  packIndexKey,
  readPackList,
  readStoredJson,
  type StoredPack,
  storedJson,
} from './pack-layout';
import { type Key, type Problem, problemsUnder } from './problems';
import { type Dataset, DatasetSchema, type Entity, type Source } from './schema';

/**
 * What to write: `set`, then `remove`. A dataset is named by its older storage.local key,
 * `pack-dataset:<id>`; pack-store.ts writes it to the DatasetStore, the rest in one
 * storage.local.set call.
 */
export interface StorageChanges {
  set: Record<string, unknown>;
  remove: string[];
}

export type PlanResult =
  | { ok: true; changes: StorageChanges; packs: StoredPack[]; replaced: PackMeta | null }
  | { ok: false; problems: Problem[] };

export interface PlanOptions {
  /** The bundled dataset, which imports must not contradict. */
  bundled: Dataset;
  /** Bytes stored now, as the browsers count storage.local's (see `storageUsage`). */
  bytesInUse: number;
  /**
   * Bytes an installed pack holds now (see `storageUsage`); without it they are worked out from
   * its dataset again, which for a large pack means compiling its index.
   */
  storedBytes?: (id: string) => number;
}

/** Installed packs from what is stored (`readStored` in pack-store.ts), in list order. */
export function packsFromItems(items: Record<string, unknown>): StoredPack[] {
  const packs: StoredPack[] = [];
  for (const meta of readPackList(items[PACKS_KEY])) {
    const dataset = readStoredJson(items[packDatasetKey(meta.id)]);
    // Checked for shape only: it was validated in full when it was imported.
    if (v.is(DatasetSchema, dataset)) packs.push({ meta, dataset });
  }
  return packs;
}

/** What the stored items (`readStored`) hold, in all and per installed pack. */
export function storageUsage(items: Record<string, unknown>): Pick<PlanOptions, 'bytesInUse' | 'storedBytes'> {
  const bytes = new Map(Object.entries(items).map(([key, value]) => [key, storageItemBytes(key, value)]));
  let bytesInUse = 0;
  for (const n of bytes.values()) bytesInUse += n;
  const storedBytes = (id: string) => (bytes.get(packDatasetKey(id)) ?? 0) + (bytes.get(packIndexKey(id)) ?? 0);
  return { bytesInUse, storedBytes };
}

/** "840 KB", "2.4 MB": sizes in messages, rounded up so an over-limit size never reads as the limit. */
export function formatSize(bytes: number): string {
  if (bytes < 100 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  const mb = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `${Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

/** A pack's items as stored (see `storedJson`). */
export interface PackItems {
  dataset: string;
  index: string;
}

/** `json` is the dataset's JSON, when at hand (an import has made it for its size check). */
export const packItems = (dataset: Dataset, json = storedJson(dataset)): PackItems => ({
  dataset: json,
  index: storedJson(compileIndex(dataset)),
});

/** The bytes a pack takes in storage: its dataset and its index. */
export function packBytes(id: string, items: PackItems): number {
  return storageItemBytes(packDatasetKey(id), items.dataset) + storageItemBytes(packIndexKey(id), items.index);
}

/** Why a pack is too large to store, or null. `json` is the dataset's JSON, when at hand. */
export function packSizeProblem(dataset: Dataset, at: Key[] = [], json = storedJson(dataset)): Problem | null {
  const bytes = utf8Length(json);
  if (bytes <= MAX_PACK_BYTES) return null;
  return { path: at, code: 'problemPackTooLarge', values: [formatSize(bytes), formatSize(MAX_PACK_BYTES)] };
}

/** The bytes an installed pack frees when it goes. */
const storedPackBytes = (pack: StoredPack, options: PlanOptions): number =>
  options.storedBytes?.(pack.meta.id) ?? packBytes(pack.meta.id, packItems(pack.dataset));

/** -1, 0 or 1 for two x.y.z versions. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Structural equality of JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  const other = Object.keys(b).filter((k) => b[k] !== undefined);
  return keys.length === other.length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

const label = (dataset: Dataset) => `"${dataset.name}" (${dataset.id})`;

/**
 * Ids in `incoming` that another pack uses for something else. `others` are the bundled pack
 * and every installed pack that the import would keep.
 */
export function collisionProblems(incoming: Dataset, others: readonly Dataset[]): Problem[] {
  const problems: Problem[] = [];
  if (incoming.id === BUNDLED_PACK_ID) {
    problems.push({ path: ['id'], code: 'problemBundledId', values: [JSON.stringify(BUNDLED_PACK_ID)] });
  }
  const disputes = new Map<string, Dataset>();
  const sources = new Map<string, { item: Source; pack: Dataset }>();
  const entities = new Map<string, { item: Entity; pack: Dataset }>();
  for (const pack of others) {
    for (const d of pack.disputes) if (!disputes.has(d.id)) disputes.set(d.id, pack);
    for (const s of pack.sources) if (!sources.has(s.id)) sources.set(s.id, { item: s, pack });
    for (const e of pack.entities) if (!entities.has(e.id)) entities.set(e.id, { item: e, pack });
  }
  incoming.disputes.forEach((dispute, i) => {
    const pack = disputes.get(dispute.id);
    if (pack) {
      problems.push({
        path: ['disputes', i, 'id'],
        code: 'problemDisputeIdTaken',
        values: [JSON.stringify(dispute.id), label(pack)],
      });
    }
  });
  incoming.sources.forEach((source, i) => {
    const other = sources.get(source.id);
    if (other && !sameJson(other.item, source)) {
      problems.push({
        path: ['sources', i],
        code: 'problemSourceIdTaken',
        values: [JSON.stringify(source.id), label(other.pack)],
      });
    }
  });
  incoming.entities.forEach((entity, i) => {
    const other = entities.get(entity.id);
    if (other && !sameJson(other.item, entity)) {
      problems.push({
        path: ['entities', i],
        code: 'problemEntityIdTaken',
        values: [JSON.stringify(entity.id), label(other.pack)],
      });
    }
  });
  return problems;
}

function listWith(packs: readonly StoredPack[]): PackMeta[] {
  return packs.map((p) => p.meta);
}

export function metaFor(dataset: Dataset, importedAt: string, origin: PackOrigin): PackMeta {
  return {
    id: dataset.id,
    name: dataset.name,
    version: dataset.version,
    disputes: dataset.disputes.length,
    importedAt,
    origin,
  };
}

function quotaProblem(bytesAfter: number, bytesInUse: number, needed: number): Problem | null {
  if (bytesAfter <= LOCAL_QUOTA_BYTES) return null;
  return {
    path: [],
    scope: 'storage',
    code: 'problemStorageFull',
    values: [formatSize(needed), formatSize(bytesInUse), formatSize(LOCAL_QUOTA_BYTES)],
  };
}

/**
 * What to write to install `incoming` (a validated dataset), or why not. `existing` are the
 * installed packs (packsFromItems); `importedAt` is the ISO time to record.
 *
 * `onFits` is called, before the index is compiled, once the pack has passed every check and
 * fits the quota even with an index as large as its dataset: the caller may then write the
 * dataset's record while the index is compiled (pack-store.ts's importPlanned). A refusal that
 * comes later (an index larger than that) makes the caller delete the record again.
 */
export function planImport(
  existing: readonly StoredPack[],
  incoming: Dataset,
  options: PlanOptions & { importedAt: string; origin: PackOrigin; json?: string; onFits?: () => void },
): PlanResult {
  const json = options.json ?? storedJson(incoming);
  const size = packSizeProblem(incoming, [], json);
  if (size) return { ok: false, problems: [size] };
  const installed = existing.find((p) => p.meta.id === incoming.id) ?? null;
  if (installed && compareVersions(incoming.version, installed.meta.version) < 0) {
    return {
      ok: false,
      problems: [
        {
          path: ['version'],
          code: 'problemOlderVersion',
          values: [incoming.version, label(incoming), installed.meta.version],
        },
      ],
    };
  }
  if (!installed && existing.length >= MAX_IMPORTED_PACKS) {
    return {
      ok: false,
      problems: [
        {
          path: [],
          scope: 'storage',
          code: 'problemPacksFull',
          values: [String(MAX_IMPORTED_PACKS)],
        },
      ],
    };
  }
  const kept = existing.filter((p) => p.meta.id !== incoming.id);
  const collisions = collisionProblems(incoming, [options.bundled, ...kept.map((p) => p.dataset)]);
  if (collisions.length > 0) return { ok: false, problems: collisions };

  const meta = metaFor(incoming, options.importedAt, options.origin);
  const pack: StoredPack = { meta, dataset: incoming };
  // A re-import keeps its place in the list.
  const packs = installed ? existing.map((p) => (p === installed ? pack : p)) : [...existing, pack];
  const list = listWith(packs);
  const freed = (installed ? storedPackBytes(installed, options) : 0) + storageItemBytes(PACKS_KEY, listWith(existing));
  const twiceTheDataset = 2 * storageItemBytes(packDatasetKey(incoming.id), json) + storageItemBytes(PACKS_KEY, list);
  // The record's key, of the pack's id and import time, must be no stored pack's.
  const ownKey = !existing.some((p) => datasetRecordKey(p.meta) === datasetRecordKey(meta));
  if (ownKey && options.bytesInUse - freed + twiceTheDataset <= LOCAL_QUOTA_BYTES) options.onFits?.();
  const items = packItems(incoming, json);
  const needed = packBytes(incoming.id, items) + storageItemBytes(PACKS_KEY, list);
  const quota = quotaProblem(options.bytesInUse - freed + needed, options.bytesInUse, needed);
  if (quota) return { ok: false, problems: [quota] };
  return {
    ok: true,
    changes: {
      set: {
        [packDatasetKey(incoming.id)]: items.dataset,
        [packIndexKey(incoming.id)]: items.index,
        [PACKS_KEY]: list,
      },
      remove: [],
    },
    packs,
    replaced: installed?.meta ?? null,
  };
}

/** What to write to remove an installed pack (nothing when it is not installed). */
export function planRemove(existing: readonly StoredPack[], id: string): StorageChanges {
  if (!existing.some((p) => p.meta.id === id)) return { set: {}, remove: [] };
  return {
    set: { [PACKS_KEY]: listWith(existing.filter((p) => p.meta.id !== id)) },
    remove: [packDatasetKey(id), packIndexKey(id)],
  };
}

/**
 * What to write to replace every installed pack with `packs` (restoring an export). Each pack
 * is checked against the bundled data and the packs before it, as if imported in turn.
 */
export function planRestore(
  existing: readonly StoredPack[],
  packs: readonly StoredPack[],
  options: PlanOptions,
): PlanResult {
  const problems: Problem[] = [];
  if (packs.length > MAX_IMPORTED_PACKS) {
    problems.push({
      path: ['packs'],
      code: 'problemTooManyPacks',
      values: [String(packs.length), String(MAX_IMPORTED_PACKS)],
    });
  }
  const accepted: Dataset[] = [];
  packs.forEach((pack, i) => {
    const at: Key[] = ['packs', i, 'dataset'];
    const size = packSizeProblem(pack.dataset, at);
    if (size) problems.push(size);
    if (accepted.some((d) => d.id === pack.dataset.id)) {
      problems.push({ path: [...at, 'id'], code: 'problemEarlierPackId', values: [JSON.stringify(pack.dataset.id)] });
      return;
    }
    problems.push(...problemsUnder(at, collisionProblems(pack.dataset, [options.bundled, ...accepted])));
    accepted.push(pack.dataset);
  });
  if (problems.length > 0) return { ok: false, problems };

  const set: Record<string, unknown> = {};
  let needed = 0;
  for (const { dataset } of packs) {
    const items = packItems(dataset);
    set[packDatasetKey(dataset.id)] = items.dataset;
    set[packIndexKey(dataset.id)] = items.index;
    needed += packBytes(dataset.id, items);
  }
  const list = listWith(packs);
  set[PACKS_KEY] = list;
  needed += storageItemBytes(PACKS_KEY, list);
  const keep = new Set(packs.map((p) => p.meta.id));
  const dropped = existing.filter((p) => !keep.has(p.meta.id));
  const freed =
    existing.reduce((sum, p) => sum + storedPackBytes(p, options), 0) + storageItemBytes(PACKS_KEY, listWith(existing));
  const quota = quotaProblem(options.bytesInUse - freed + needed, options.bytesInUse, needed);
  if (quota) return { ok: false, problems: [quota] };
  return {
    ok: true,
    changes: { set, remove: dropped.flatMap((p) => [packDatasetKey(p.meta.id), packIndexKey(p.meta.id)]) },
    packs: [...packs],
    replaced: null,
  };
}
