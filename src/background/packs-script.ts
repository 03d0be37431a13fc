/**
 * Keeps the packs' script (core/stages.ts) registered as a content script exactly while packs
 * are imported, so a page is checked against their patterns too, and a reader without packs pays
 * nothing for them on any page. When packs come or go, open pages get the script at once, so one
 * that names only an imported pack's vendor is marked without a reload (a page already in its
 * full stage restarts by itself on the storage change).
 */
import browser from 'webextension-polyfill';
import { PACKS_KEY } from '../core/pack-layout';
import type { StorageAreaLike } from '../core/settings-store';
import { CONTENT_PAGES, INJECTED_FILES } from '../core/stages';
import { runFile } from './inject';

export const PACKS_SCRIPT_ID = 'counterclaim-packs';

/** The part of `browser.scripting` this needs (a fake in unit tests). */
export interface ScriptRegistry {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<unknown[]>;
  registerContentScripts(
    scripts: { id: string; matches: string[]; js: string[]; runAt: 'document_idle'; persistAcrossSessions: boolean }[],
  ): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

async function registerWhilePacks(registry: ScriptRegistry, local: Pick<StorageAreaLike, 'get'>): Promise<void> {
  const stored = (await local.get(PACKS_KEY))[PACKS_KEY];
  const wanted = Array.isArray(stored) && stored.length > 0;
  const registered = (await registry.getRegisteredContentScripts({ ids: [PACKS_SCRIPT_ID] })).length > 0;
  if (wanted && !registered) {
    await registry.registerContentScripts([
      {
        id: PACKS_SCRIPT_ID,
        matches: CONTENT_PAGES,
        js: [INJECTED_FILES.packs],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  } else if (!wanted && registered) {
    await registry.unregisterContentScripts({ ids: [PACKS_SCRIPT_ID] });
  }
}

// One at a time: two overlapping calls would both register the same id.
let queue: Promise<void> = Promise.resolve();

/** Brings the registration in line with the stored packs; resolves when it is. */
export function syncPacksScript(
  registry: ScriptRegistry = browser.scripting as unknown as ScriptRegistry,
  local: Pick<StorageAreaLike, 'get'> = browser.storage.local,
): Promise<void> {
  queue = queue
    .then(() => registerWhilePacks(registry, local))
    .catch((error: unknown) => console.warn('Counterclaim: could not update the packs script', error));
  return queue;
}

/** From now on: registration follows the stored packs, and open pages are told when they change. */
export function followPacks(): void {
  void syncPacksScript();
  browser.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'local' || !(PACKS_KEY in changes)) return;
    await syncPacksScript();
    for (const tab of await browser.tabs.query({ url: CONTENT_PAGES })) {
      if (tab.id === undefined) continue;
      // A page the extension cannot run on, or one closed meanwhile.
      runFile({ tabId: tab.id, frameIds: [0] }, INJECTED_FILES.packs).catch(() => undefined);
    }
  });
}
