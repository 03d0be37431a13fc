/**
 * The steps the options page takes against storage, with the stores passed in (STYLE.md §6), so
 * that unit tests run them on in-memory fakes and can show that a refused import writes nothing.
 * The order of each step is: read, check everything, then write. A pack's dataset is written
 * first, under a key of its own (datasetRecordKey; an import writes it while the index is still
 * being compiled, and deletes it if the pack is refused after all), then its index and the pack
 * list in one storage.local `set`: a reader never sees half a pack, and the one it saw before
 * stays whole until then.
 */
import { DISMISSALS_KEY, PAUSED_SITES_KEY } from './browsing';
import type { Backup } from './export';
import { type ImportOptions, parseImport } from './import';
import {
  type DatasetStore,
  datasetRecordKey,
  isPackOn,
  PACK_DATASET_PREFIX,
  PACK_RECORD_PREFIX,
  PACKS_KEY,
  type PackMeta,
  packDatasetKey,
  readPackList,
  readStoredJson,
  type StoredPack,
  storedJson,
} from './pack-layout';
import { packsFromItems, planImport, planRemove, planRestore, type StorageChanges, storageUsage } from './pack-plan';
import { type Problem, ProblemError } from './problems';
import type { Dataset } from './schema';
import type { Settings } from './settings';
import { readSettings, type StorageAreaLike, settingsWriteProblem, writeSettings } from './settings-store';

export type { StorageAreaLike } from './settings-store';

/** Where packs are: the list and indexes in storage.local, the datasets beside it. */
export interface PackStores {
  local: StorageAreaLike;
  datasets: DatasetStore;
}

export interface Stores extends PackStores {
  sync: StorageAreaLike;
}

export type ImportOutcome =
  | { ok: true; kind: 'pack'; pack: PackMeta; replaced: PackMeta | null }
  /** An export file: nothing is written until the reader confirms (restoreBackup). */
  | { ok: true; kind: 'backup'; backup: Backup }
  | { ok: false; problems: Problem[] };

/** An import checked in full, with what installing a pack writes. */
export type PlannedImport =
  | { ok: true; kind: 'pack'; pack: PackMeta; replaced: PackMeta | null; changes: StorageChanges }
  | { ok: true; kind: 'backup'; backup: Backup }
  | { ok: false; problems: Problem[] };

/** The two long steps of checking an import, for a page to show its progress. */
export type ImportStep = 'checking' | 'compiling';

export interface FileImportOptions extends ImportOptions {
  bundled: Dataset;
  now: Date;
  onStep?: (step: ImportStep) => void;
  /**
   * A pack's dataset record, once the pack is sure to fit (pack-plan.ts's planImport, `onFits`):
   * the caller may write it while the index is compiled, hand its key to applyImport, and delete
   * it if the pack is refused after all (importPlanned does all three).
   */
  onRecord?: (key: string, text: string) => void;
}

/** The packs last read from each storage area, by the JSON of the list they were read with. */
const packsRead = new WeakMap<StorageAreaLike, { list: string; packs: StoredPack[] }>();

/**
 * The listed packs' datasets, as the items an older version kept in storage.local
 * (`pack-dataset:<id>`, the names the plans use), into `items`. Such an item, left by an older
 * version before the upgrade moved it, is kept when the DatasetStore has no record for the pack.
 * `known` are records already read.
 */
async function withDatasets(
  items: Record<string, unknown>,
  datasets: DatasetStore,
  known = new Map<string, string>(),
): Promise<Record<string, unknown>> {
  const list = readPackList(items[PACKS_KEY]);
  const records = await datasets.get(list.map(datasetRecordKey).filter((key) => !known.has(key)));
  for (const meta of list) {
    const key = datasetRecordKey(meta);
    const text = known.get(key) ?? records.get(key);
    if (text !== undefined) items[packDatasetKey(meta.id)] = text;
  }
  return items;
}

/**
 * Everything stored: storage.local's items, with each listed pack's dataset under
 * `pack-dataset:<id>` (what the plans of pack-plan.ts read, and count the bytes of).
 */
export async function readStored(stores: PackStores): Promise<Record<string, unknown>> {
  const items = await stores.local.get(null);
  // Records kept in storage.local (local-datasets.ts) are in the view once, as datasets.
  const known = new Map<string, string>();
  for (const [key, value] of Object.entries(items)) {
    if (!key.startsWith(PACK_RECORD_PREFIX)) continue;
    if (typeof value === 'string') known.set(key.slice(PACK_RECORD_PREFIX.length), value);
    delete items[key];
  }
  return withDatasets(items, stores.datasets, known);
}

/**
 * The imported packs: the list, then only their datasets, not all of storage.local (the compiled
 * indexes beside them are as large again). The background calls this for every card it fills.
 * While the list is the same, so are the datasets (they are written with it), and they are not
 * read again: a pack of 20,000 disputes takes Chromium about a second to parse and check.
 */
export async function readPacks(stores: PackStores): Promise<StoredPack[]> {
  const { local } = stores;
  const list = readPackList((await local.get(PACKS_KEY))[PACKS_KEY]);
  if (list.length === 0) {
    packsRead.set(local, { list: '[]', packs: [] });
    return [];
  }
  const known = packsRead.get(local);
  if (known && known.list === JSON.stringify(list)) return known.packs;
  // The list is read again with the datasets' keys, so the two always agree.
  const items = await local.get([PACKS_KEY, ...list.map((meta) => packDatasetKey(meta.id))]);
  const packs = packsFromItems(await withDatasets(items, stores.datasets));
  packsRead.set(local, { list: JSON.stringify(readPackList(items[PACKS_KEY])), packs });
  return packs;
}

/**
 * Writes a plan: the datasets it sets to the DatasetStore first, under the keys the new list
 * gives them (but for the records already `written`); then storage.local, whose pack list
 * commits the change; then the records of the packs the change touched that the list named
 * before and names no more. If storage.local refuses the write, the new records (`written`
 * ones too) go again and nothing else has changed.
 */
async function apply(
  { local, datasets }: PackStores,
  changes: StorageChanges,
  written: ReadonlySet<string> = new Set(),
): Promise<void> {
  const list = Object.hasOwn(changes.set, PACKS_KEY) ? readPackList(changes.set[PACKS_KEY]) : [];
  const records = new Map<string, string>();
  const rest: Record<string, unknown> = {};
  const touched = new Set<string>();
  for (const [key, value] of Object.entries(changes.set)) {
    if (!key.startsWith(PACK_DATASET_PREFIX)) {
      rest[key] = value;
      continue;
    }
    const meta = list.find((m) => packDatasetKey(m.id) === key);
    if (!meta) throw new Error(`A dataset is written for a pack the list does not name: ${key}`);
    records.set(datasetRecordKey(meta), typeof value === 'string' ? value : storedJson(value));
    touched.add(meta.id);
  }
  for (const key of changes.remove) {
    if (key.startsWith(PACK_DATASET_PREFIX)) touched.add(key.slice(PACK_DATASET_PREFIX.length));
  }
  const before = touched.size > 0 ? readPackList((await local.get(PACKS_KEY))[PACKS_KEY]) : [];
  const unwritten = new Map([...records].filter(([key]) => !written.has(key)));
  try {
    if (unwritten.size > 0) await datasets.put(unwritten);
    if (Object.keys(rest).length > 0) await local.set(rest);
  } catch (error) {
    await datasets.delete([...records.keys()]).catch(() => undefined);
    throw error;
  }
  // Removing an older version's dataset item too, when there is one, is harmless.
  if (changes.remove.length > 0) await local.remove(changes.remove);
  const named = new Set(list.map(datasetRecordKey));
  const replaced = before.filter((meta) => touched.has(meta.id)).map(datasetRecordKey);
  await datasets.delete(replaced.filter((key) => !named.has(key)));
}

/**
 * Checks a picked file against what is stored (`items`, as `readStored` gives them), and says what
 * installing it writes. Pure and synchronous, so that the options page can run it in a worker:
 * a large pack takes seconds to parse, check and compile.
 */
export function planFileImport(
  text: string,
  items: Record<string, unknown>,
  options: FileImportOptions,
): PlannedImport {
  options.onStep?.('checking');
  const parsed = parseImport(text, options);
  if (!parsed.ok) return parsed;
  if (parsed.kind === 'backup') return { ok: true, kind: 'backup', backup: parsed.backup };
  const importedAt = options.now.toISOString();
  options.onStep?.('compiling');
  const { onRecord } = options;
  const plan = planImport(packsFromItems(items), parsed.dataset, {
    bundled: options.bundled,
    ...storageUsage(items),
    onFits: onRecord && (() => onRecord(datasetRecordKey({ id: parsed.dataset.id, importedAt }), parsed.json)),
    importedAt,
    origin: parsed.origin,
    json: parsed.json,
  });
  if (!plan.ok) return { ok: false, problems: parsed.locate ? plan.problems.map(parsed.locate) : plan.problems };
  const pack = plan.packs.find((p) => p.meta.id === parsed.dataset.id) as StoredPack;
  return { ok: true, kind: 'pack', pack: pack.meta, replaced: plan.replaced, changes: plan.changes };
}

/**
 * Installs a planned pack; an export or a refusal is handed back as it is. `written`: dataset
 * records already written (see FileImportOptions.onRecord); if the install fails, they go too.
 */
export async function applyImport(
  planned: PlannedImport,
  stores: PackStores,
  written: ReadonlySet<string> = new Set(),
): Promise<ImportOutcome> {
  if (!planned.ok || planned.kind === 'backup') return planned;
  await apply(stores, planned.changes, written);
  rememberInstalled(stores.local, planned.pack.id, planned.changes);
  return { ok: true, kind: 'pack', pack: planned.pack, replaced: planned.replaced };
}

/**
 * What readPacks would read back after installing pack `id`, when the packs before it were read
 * here: the new list, the new dataset (from the text just written, validated in full), the others
 * as they were. It spares a page that imports a large pack reading and checking it again.
 */
function rememberInstalled(local: StorageAreaLike, id: string, changes: StorageChanges): void {
  const known = packsRead.get(local);
  if (!known) return;
  const list = readPackList(changes.set[PACKS_KEY]);
  const dataset = readStoredJson(changes.set[packDatasetKey(id)]) as Dataset | undefined;
  // A pack another page replaced since is not the one read here: its import time differs.
  const at = (meta: PackMeta) => `${meta.id}@${meta.importedAt}`;
  const before = new Map(known.packs.map((pack) => [at(pack.meta), pack.dataset]));
  const packs = list.map((meta) => ({ meta, dataset: meta.id === id ? dataset : before.get(at(meta)) }));
  if (packs.every((pack): pack is StoredPack => pack.dataset !== undefined)) {
    packsRead.set(local, { list: JSON.stringify(list), packs });
  }
}

/**
 * Plans an import against what is stored (`plan`: the options page runs planFileImport in a
 * worker) and installs it. A pack's dataset record is written as soon as `plan` reports it, while
 * the index is still being compiled (about a second for 20,000 disputes), and goes again if the
 * pack is refused or the install fails; the pack list, written last, still commits the pack.
 * `onSaving` is called when a pack is to be written.
 */
export async function importPlanned(
  stores: PackStores,
  plan: (items: Record<string, unknown>, onRecord: (key: string, text: string) => void) => Promise<PlannedImport>,
  onSaving?: () => void,
): Promise<ImportOutcome> {
  const items = await readStored(stores);
  let early: Promise<string | null> = Promise.resolve(null);
  const onRecord = (key: string, text: string) => {
    early = stores.datasets.put(new Map([[key, text]])).then(
      () => key,
      () => null, // written with the rest, then
    );
  };
  let installed = false;
  try {
    const planned = await plan(items, onRecord);
    const written = await early;
    if (planned.ok && planned.kind === 'pack') onSaving?.();
    const outcome = await applyImport(planned, stores, new Set(written ? [written] : []));
    installed = outcome.ok && outcome.kind === 'pack';
    return outcome;
  } finally {
    const written = await early;
    if (written && !installed) await stores.datasets.delete([written]).catch(() => undefined);
  }
}

/** Reads a picked file and, for a pack, installs it; for an export, hands it back for confirmation. */
export function importFile(text: string, stores: PackStores, options: FileImportOptions): Promise<ImportOutcome> {
  return importPlanned(stores, async (items, onRecord) => planFileImport(text, items, { ...options, onRecord }));
}

/**
 * A restore checked in full: what it writes, and what it puts back if the settings cannot be
 * written.
 */
export type PlannedRestore =
  | { ok: true; changes: StorageChanges; before: Record<string, unknown>; settings: Settings }
  | { ok: false; problems: Problem[] };

/**
 * What restoring a backup over what is stored (`items`, as `readStored` gives them) writes: its
 * settings, paused sites and dismissals, and its packs in place of every imported one. Pure and
 * synchronous, so that the options page can run it in a worker: it compiles every pack's index.
 */
export function planBackupRestore(
  backup: Backup,
  items: Record<string, unknown>,
  options: { bundled: Dataset },
): PlannedRestore {
  const tooLarge = settingsWriteProblem(backup.settings);
  if (tooLarge) return { ok: false, problems: [tooLarge] };
  const plan = planRestore(packsFromItems(items), backup.packs, { bundled: options.bundled, ...storageUsage(items) });
  if (!plan.ok) return plan;
  const browsing = { [PAUSED_SITES_KEY]: backup.browsing.pausedSites, [DISMISSALS_KEY]: backup.browsing.dismissals };
  const changes = { set: { ...plan.changes.set, ...browsing }, remove: plan.changes.remove };
  const before: Record<string, unknown> = {};
  for (const key of [...Object.keys(changes.set), ...changes.remove]) {
    if (Object.hasOwn(items, key)) before[key] = items[key];
  }
  return { ok: true, changes, before, settings: backup.settings };
}

/**
 * Writes a planned restore; if the settings cannot be written after the packs were, the packs
 * are put back as they were.
 */
export async function applyRestore(
  planned: PlannedRestore,
  stores: Stores,
): Promise<{ ok: true } | { ok: false; problems: Problem[] }> {
  if (!planned.ok) return planned;
  const { changes, before } = planned;
  await apply(stores, changes);
  try {
    const written = await writeSettings(stores.sync, planned.settings);
    if (!written.ok) throw new ProblemError(written.problems);
  } catch (error) {
    const touched = [...Object.keys(changes.set), ...changes.remove];
    await apply(stores, { set: before, remove: touched.filter((key) => !Object.hasOwn(before, key)) });
    throw error;
  }
  return { ok: true };
}

/**
 * Replaces settings, paused sites and dismissals, and every imported pack with a backup's.
 * Checked in full first.
 */
export async function restoreBackup(
  backup: Backup,
  stores: Stores,
  options: { bundled: Dataset },
): Promise<{ ok: true } | { ok: false; problems: Problem[] }> {
  return applyRestore(planBackupRestore(backup, await readStored(stores), options), stores);
}

/** Removes an imported pack, and its id from the switched-off packs. */
export async function removePack(id: string, stores: Stores): Promise<void> {
  await apply(stores, planRemove(await readPacks(stores), id));
  const settings = await readSettings(stores.sync);
  if (!isPackOn(settings, id)) {
    await writeSettings(stores.sync, { ...settings, disabledPacks: settings.disabledPacks.filter((p) => p !== id) });
  }
}
