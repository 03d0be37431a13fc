/**
 * Brings what an older version stored up to this version's shape, on install or update:
 * - paused sites leave the synced settings for storage.local (they reveal where the reader
 *   browses; only preferences sync), and the settings are written back in the current version;
 * - switches for sources and packs that no longer exist are dropped, the others kept;
 * - imported packs whose stored index an older compiler made are compiled again from their
 *   stored dataset (until then the content script reads them with the newer fields empty).
 * Storage areas are passed in, so the steps run on fakes in unit tests.
 */
import { addPausedSites } from '../core/browsing';
import { compileIndex, needsRecompile } from '../core/compile';
import { PACKS_KEY, packDatasetKey, packIndexKey, readPackList, readStoredJson, storedJson } from '../core/pack-layout';
import { readPacks } from '../core/pack-store';
import { pruneSwitches } from '../core/prune-switches';
import type { Dataset } from '../core/schema';
import { parseSettings, SETTINGS_KEY, SETTINGS_VERSION, syncedPausedSites } from '../core/settings';
import { type StorageAreaLike, writeSettings } from '../core/settings-store';

export async function upgradeStoredState(
  sync: StorageAreaLike,
  local: StorageAreaLike,
  bundled?: Dataset,
): Promise<void> {
  const stored = (await sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  const version = (stored as { version?: unknown } | undefined)?.version;
  if (typeof stored === 'object' && stored !== null && (typeof version !== 'number' || version < SETTINGS_VERSION)) {
    // Local first: if writing the settings then fails, the sites are not lost.
    await addPausedSites(local, syncedPausedSites(stored));
    await writeSettings(sync, parseSettings(stored));
  }

  const list = readPackList((await local.get(PACKS_KEY))[PACKS_KEY]);
  if (bundled) await dropUnknownSwitches(sync, local, bundled);
  if (list.length === 0) return;
  const keys = list.flatMap((pack) => [packIndexKey(pack.id), packDatasetKey(pack.id)]);
  const items = await local.get(keys);
  const recompiled: Record<string, unknown> = {};
  for (const pack of list) {
    const dataset = readStoredJson(items[packDatasetKey(pack.id)]) as Dataset | undefined;
    const index = readStoredJson(items[packIndexKey(pack.id)]) as { version?: unknown } | undefined;
    if (!dataset || !needsRecompile(index)) continue;
    recompiled[packIndexKey(pack.id)] = storedJson(compileIndex(dataset));
  }
  if (Object.keys(recompiled).length > 0) await local.set(recompiled);
}

/** Switches for sources and packs this version's data and the installed packs no longer have. */
async function dropUnknownSwitches(sync: StorageAreaLike, local: StorageAreaLike, bundled: Dataset): Promise<void> {
  const stored = (await sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (stored === undefined) return;
  const settings = parseSettings(stored);
  const pruned = pruneSwitches(
    settings,
    bundled,
    (await readPacks(local)).map((pack) => pack.dataset),
  );
  if (
    pruned.disabledSources.length !== settings.disabledSources.length ||
    pruned.disabledPacks.length !== settings.disabledPacks.length
  ) {
    await writeSettings(sync, pruned);
  }
}
