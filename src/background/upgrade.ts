/**
 * Brings what an older version stored up to this version's shape, on install or update:
 * - paused sites leave the synced settings for storage.local (they reveal where the reader
 *   browses; only preferences sync), and the settings are written back in the current version;
 * - switches for sources and packs that no longer exist are dropped, the others kept;
 * - imported packs' datasets leave storage.local for the DatasetStore, and records an import
 *   cut short left are dropped;
 * - imported packs whose stored index an older compiler made are compiled again from their
 *   stored dataset (until then the content script reads them with the newer fields empty).
 * Stores are passed in, so the steps run on fakes in unit tests.
 */
import { addPausedSites } from '../core/browsing';
import { compileIndex, needsRecompile } from '../core/compile';
import {
  datasetRecordKey,
  PACKS_KEY,
  type PackMeta,
  packDatasetKey,
  packIndexKey,
  readPackList,
  readStoredJson,
  storedJson,
  strandedRecords,
} from '../core/pack-layout';
import { type PackStores, readPacks, type Stores } from '../core/pack-store';
import { pruneSwitches } from '../core/prune-switches';
import type { Dataset } from '../core/schema';
import { parseSettings, SETTINGS_KEY, SETTINGS_VERSION, syncedPausedSites } from '../core/settings';
import { writeSettings } from '../core/settings-store';

export async function upgradeStoredState(stores: Stores, bundled?: Dataset): Promise<void> {
  const { sync, local } = stores;
  const stored = (await sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  const version = (stored as { version?: unknown } | undefined)?.version;
  if (typeof stored === 'object' && stored !== null && (typeof version !== 'number' || version < SETTINGS_VERSION)) {
    // Local first: if writing the settings then fails, the sites are not lost.
    await addPausedSites(local, syncedPausedSites(stored));
    await writeSettings(sync, parseSettings(stored));
  }

  const list = readPackList((await local.get(PACKS_KEY))[PACKS_KEY]);
  await moveDatasets(stores, list);
  if (bundled) await dropUnknownSwitches(stores, bundled);
  if (list.length === 0) return;
  const indexes = await local.get(list.map((pack) => packIndexKey(pack.id)));
  const recompiled: Record<string, unknown> = {};
  for (const { meta, dataset } of await readPacks(stores)) {
    const index = readStoredJson(indexes[packIndexKey(meta.id)]) as { version?: unknown } | undefined;
    if (!needsRecompile(index)) continue;
    recompiled[packIndexKey(meta.id)] = storedJson(compileIndex(dataset));
  }
  if (Object.keys(recompiled).length > 0) await local.set(recompiled);
}

/**
 * Each listed pack's dataset an older version kept in storage.local goes to the DatasetStore,
 * and leaves storage.local only once it is there.
 */
async function moveDatasets({ local, datasets }: PackStores, list: PackMeta[]): Promise<void> {
  const older = await local.get(list.map((meta) => packDatasetKey(meta.id)));
  const records = new Map<string, string>();
  for (const meta of list) {
    const item = older[packDatasetKey(meta.id)];
    if (item !== undefined) records.set(datasetRecordKey(meta), typeof item === 'string' ? item : storedJson(item));
  }
  if (records.size > 0) {
    await datasets.put(records);
    await local.remove(Object.keys(older));
  }
  await datasets.delete(strandedRecords(await datasets.keys(), list, new Date()));
}

/** Switches for sources and packs this version's data and the installed packs no longer have. */
async function dropUnknownSwitches(stores: Stores, bundled: Dataset): Promise<void> {
  const { sync } = stores;
  const stored = (await sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (stored === undefined) return;
  const settings = parseSettings(stored);
  const pruned = pruneSwitches(
    settings,
    bundled,
    (await readPacks(stores)).map((pack) => pack.dataset),
  );
  if (
    pruned.disabledSources.length !== settings.disabledSources.length ||
    pruned.disabledPacks.length !== settings.disabledPacks.length
  ) {
    await writeSettings(sync, pruned);
  }
}
