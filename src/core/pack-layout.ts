/**
 * Where imported data packs live, and which packs are on. Shared by every part that reads packs
 * (the content script reads only the list and the compiled indexes).
 *
 * Storage layout:
 *   storage.local "packs"              PackMeta[]   the list, in import order; the commit point
 *   storage.local "pack-index:<id>"    CompiledIndex  what the content script reads (compileIndex)
 *   IndexedDB, key "<id>@<importedAt>" Dataset      the full pack, for the popup, the card and
 *                                                   options (a DatasetStore, see datasetRecordKey)
 *   storage.local "pack-record:<id>@<importedAt>"  the same in the Firefox build, or where
 *                                                   IndexedDB cannot be opened (pack-stores.ts)
 * Datasets and indexes are stored as JSON text (see `storedJson`). Only extension pages read a
 * dataset, and Chromium's IndexedDB takes a 20 MB string in a tenth of the time storage.local
 * does, which carries every item across to the browser's process. An older version kept each dataset in
 * storage.local under "pack-dataset:<id>", as an object before that: those still read, and the
 * upgrade moves them. The plans (pack-plan.ts) still name a dataset by that key; writing them
 * (pack-store.ts) sends it to the DatasetStore.
 * A pack is on unless its id is in settings.disabledPacks (storage.sync); the bundled pack
 * ("counterclaim") ships with the extension and is never stored here.
 */
import * as v from 'valibot';
import { type CompiledIndex, withIndexDefaults } from './compile';
import type { Dataset } from './schema';
import type { Settings } from './settings';

export const BUNDLED_PACK_ID = 'counterclaim';
export const PACKS_KEY = 'packs';
export const PACK_DATASET_PREFIX = 'pack-dataset:';
export const PACK_INDEX_PREFIX = 'pack-index:';
export const PACK_RECORD_PREFIX = 'pack-record:';
export const packDatasetKey = (id: string) => `${PACK_DATASET_PREFIX}${id}`;
export const packIndexKey = (id: string) => `${PACK_INDEX_PREFIX}${id}`;

/**
 * A dataset's key in the DatasetStore: a pack imported again gets a new record, so the one the
 * list names stays whole until the new list is written.
 */
export const datasetRecordKey = (meta: Pick<PackMeta, 'id' | 'importedAt'>) => `${meta.id}@${meta.importedAt}`;
/** How long a record no listed pack names may be an import still being written. */
const IMPORT_IN_FLIGHT_MS = 60 * 60 * 1000;

/**
 * Records that no listed pack names and that no import still being written can own: an import
 * cut short (the browser closed between the dataset and the list) leaves one. An import writes
 * its record first, then the list, so a record imported within the last hour is kept.
 */
export function strandedRecords(keys: readonly string[], list: readonly PackMeta[], now: Date): string[] {
  const named = new Set(list.map(datasetRecordKey));
  return keys.filter((key) => {
    if (named.has(key)) return false;
    const importedAt = Date.parse(key.slice(key.indexOf('@') + 1));
    return !(now.getTime() - importedAt < IMPORT_IN_FLIGHT_MS);
  });
}

/** Where the datasets' JSON text is kept: IndexedDB in the browser, a Map in tests and the CLI. */
export interface DatasetStore {
  /** The records there are of these keys. */
  get(keys: readonly string[]): Promise<Map<string, string>>;
  /** Writes all of them, or none. */
  put(records: ReadonlyMap<string, string>): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  keys(): Promise<string[]>;
}

/**
 * What the datasets and storage.local may hold in all. The Chrome build has "unlimitedStorage"
 * (it shows the reader no prompt), without which Chrome refuses writes past 10 MB; Firefox sets
 * no quota for an add-on's storage.local. A limit of our own bounds the reader's disk and the
 * time the browser takes to write and read it: a pack of the largest size and the indexes
 * beside it, or several ordinary packs.
 */
export const LOCAL_QUOTA_BYTES = 64 * 1024 * 1024;
/** One pack as stored (its dataset's JSON). */
export const MAX_PACK_BYTES = 32 * 1024 * 1024;
export const MAX_IMPORTED_PACKS = 20;
export const MAX_DISPUTES_PER_PACK = 25_000;

export const PACK_ORIGINS = ['pack', 'claimreview'] as const;
export type PackOrigin = (typeof PACK_ORIGINS)[number];

/**
 * A dataset or index as stored: its JSON as one string. Chromium converts an object item to and
 * from its own value tree on the page's side, field by field; a string crosses as it is. For a
 * 20 MB dataset in an extension page that was 11.8 s to write and 3.7 s to read as an object,
 * 2.3 s and 0.9 s as text.
 */
export const storedJson = (value: unknown): string => JSON.stringify(value);

/** What `storedJson` stored, or an object stored as it was by an older version; undefined if unreadable. */
export function readStoredJson(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored);
  } catch {
    return undefined;
  }
}

/** One entry of the stored pack list. */
const PackMetaSchema = v.object({
  id: v.string(),
  name: v.string(),
  version: v.string(),
  /** Number of disputes in the pack. */
  disputes: v.number(),
  /** When the pack was imported, as an ISO 8601 string. */
  importedAt: v.string(),
  /** The format of the file it came from. */
  origin: v.picklist(PACK_ORIGINS),
});

export type PackMeta = v.InferOutput<typeof PackMetaSchema>;

export interface StoredPack {
  meta: PackMeta;
  dataset: Dataset;
}

/** The stored pack list; entries that are not pack metadata are skipped. */
export function readPackList(value: unknown): PackMeta[] {
  return Array.isArray(value) ? value.filter((entry): entry is PackMeta => v.is(PackMetaSchema, entry)) : [];
}

/**
 * The compiled indexes of the listed packs, read from storage.local. An index stored by an older
 * version reads with its newer fields empty until the background compiles it again; an unreadable
 * one is left out.
 */
export async function readPackIndexes(
  local: { get(keys: string[]): Promise<Record<string, unknown>> },
  list: readonly PackMeta[],
): Promise<CompiledIndex[]> {
  const keys = list.map((pack) => packIndexKey(pack.id));
  const stored = await local.get(keys);
  return keys
    .map((key) => readStoredJson(stored[key]) as CompiledIndex | undefined)
    .filter((index) => index !== undefined)
    .map(withIndexDefaults);
}

/** Whether the pack with this id is on: the one rule for the page, the popup and options. */
export const isPackOn = (settings: Pick<Settings, 'disabledPacks'>, id: string): boolean =>
  !settings.disabledPacks.includes(id);

/** The bundled dataset and the imported ones that are on, bundled first. */
export function datasetsOn(
  bundled: Dataset,
  imported: readonly Dataset[],
  settings: Pick<Settings, 'disabledPacks'>,
): Dataset[] {
  return [bundled, ...imported].filter((dataset) => isPackOn(settings, dataset.id));
}
