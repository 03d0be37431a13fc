/**
 * The steps the options page takes against storage, with the storage areas passed in (STYLE.md
 * §6), so that unit tests run them on an in-memory fake and can show that a refused import
 * writes nothing. The order of each step is: read, check everything, then write; the pack list
 * is written in the same `set` call as the pack's data, so a reader never sees half a pack.
 */
import { DISMISSALS_KEY, PAUSED_SITES_KEY } from './browsing';
import type { Backup } from './export';
import { type ImportOptions, parseImport } from './import';
import {
  isPackOn,
  PACKS_KEY,
  type PackMeta,
  packDatasetKey,
  readPackList,
  readStoredJson,
  type StoredPack,
} from './pack-layout';
import { packsFromItems, planImport, planRemove, planRestore, type StorageChanges, storageUsage } from './pack-plan';
import { type Problem, ProblemError } from './problems';
import type { Dataset } from './schema';
import { readSettings, type StorageAreaLike, settingsWriteProblem, writeSettings } from './settings-store';

export type { StorageAreaLike } from './settings-store';

export interface Stores {
  local: StorageAreaLike;
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
}

/** The packs last read from each storage area, by the JSON of the list they were read with. */
const packsRead = new WeakMap<StorageAreaLike, { list: string; packs: StoredPack[] }>();

/**
 * The imported packs: the list, then only their datasets, not all of storage.local (the compiled
 * indexes beside them are as large again). The background calls this for every card it fills.
 * While the list is the same, so are the datasets (they are written with it), and they are not
 * read again: a pack of 20,000 disputes takes Chromium over a second to read and check.
 */
export async function readPacks(local: StorageAreaLike): Promise<StoredPack[]> {
  const list = readPackList((await local.get(PACKS_KEY))[PACKS_KEY]);
  if (list.length === 0) {
    packsRead.set(local, { list: '[]', packs: [] });
    return [];
  }
  const known = packsRead.get(local);
  if (known && known.list === JSON.stringify(list)) return known.packs;
  // The list is read again with the datasets, so the two always agree.
  const items = await local.get([PACKS_KEY, ...list.map((meta) => packDatasetKey(meta.id))]);
  const packs = packsFromItems(items);
  packsRead.set(local, { list: JSON.stringify(readPackList(items[PACKS_KEY])), packs });
  return packs;
}

async function apply(local: StorageAreaLike, changes: StorageChanges): Promise<void> {
  if (Object.keys(changes.set).length > 0) await local.set(changes.set);
  if (changes.remove.length > 0) await local.remove(changes.remove);
}

/**
 * Checks a picked file against storage.local's `items` as read (`get(null)`), and says what
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
  options.onStep?.('compiling');
  const plan = planImport(packsFromItems(items), parsed.dataset, {
    bundled: options.bundled,
    ...storageUsage(items),
    importedAt: options.now.toISOString(),
    origin: parsed.origin,
    json: parsed.json,
  });
  if (!plan.ok) return { ok: false, problems: parsed.locate ? plan.problems.map(parsed.locate) : plan.problems };
  const pack = plan.packs.find((p) => p.meta.id === parsed.dataset.id) as StoredPack;
  return { ok: true, kind: 'pack', pack: pack.meta, replaced: plan.replaced, changes: plan.changes };
}

/** Installs a planned pack; an export or a refusal is handed back as it is. */
export async function applyImport(planned: PlannedImport, local: StorageAreaLike): Promise<ImportOutcome> {
  if (!planned.ok || planned.kind === 'backup') return planned;
  await apply(local, planned.changes);
  rememberInstalled(local, planned.pack.id, planned.changes);
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

/** Reads a picked file and, for a pack, installs it; for an export, hands it back for confirmation. */
export async function importFile(
  text: string,
  local: StorageAreaLike,
  options: FileImportOptions,
): Promise<ImportOutcome> {
  return applyImport(planFileImport(text, await local.get(null), options), local);
}

/**
 * Replaces settings, paused sites and dismissals, and every imported pack with a backup's. Checked in full first; if the
 * settings cannot be written after the packs were, the packs are put back as they were.
 */
export async function restoreBackup(
  backup: Backup,
  stores: Stores,
  options: { bundled: Dataset },
): Promise<{ ok: true } | { ok: false; problems: Problem[] }> {
  const tooLarge = settingsWriteProblem(backup.settings);
  if (tooLarge) return { ok: false, problems: [tooLarge] };
  const items = await stores.local.get(null);
  const plan = planRestore(packsFromItems(items), backup.packs, {
    bundled: options.bundled,
    ...storageUsage(items),
  });
  if (!plan.ok) return plan;
  const touched = [...Object.keys(plan.changes.set), ...plan.changes.remove];
  const before: Record<string, unknown> = {};
  for (const key of touched) if (Object.hasOwn(items, key)) before[key] = items[key];
  const browsing = { [PAUSED_SITES_KEY]: backup.browsing.pausedSites, [DISMISSALS_KEY]: backup.browsing.dismissals };
  for (const key of Object.keys(browsing)) if (Object.hasOwn(items, key)) before[key] = items[key];
  touched.push(...Object.keys(browsing));
  await apply(stores.local, { set: { ...plan.changes.set, ...browsing }, remove: plan.changes.remove });
  try {
    const written = await writeSettings(stores.sync, backup.settings);
    if (!written.ok) throw new ProblemError(written.problems);
  } catch (error) {
    await stores.local.remove(touched.filter((key) => !Object.hasOwn(before, key)));
    await stores.local.set(before);
    throw error;
  }
  return { ok: true };
}

/** Removes an imported pack, and its id from the switched-off packs. */
export async function removePack(id: string, stores: Stores): Promise<void> {
  await apply(stores.local, planRemove(await readPacks(stores.local), id));
  const settings = await readSettings(stores.sync);
  if (!isPackOn(settings, id)) {
    await writeSettings(stores.sync, { ...settings, disabledPacks: settings.disabledPacks.filter((p) => p !== id) });
  }
}
