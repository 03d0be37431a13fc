/**
 * Whether any pack is imported, kept at hand for the content script's first stage: it checks a
 * page against the packs' patterns only when told packs exist (content/first-stage.ts), so that
 * a reader without packs pays no storage read on every page. Open pages are told when packs
 * come or go, so one that names only an imported pack's vendor is marked without a reload.
 */
import browser from 'webextension-polyfill';
import { sendToTab } from '../core/messages';
import { PACKS_KEY } from '../core/pack-layout';

let known: Promise<boolean> | null = null;

export function packsExist(): Promise<boolean> {
  known ??= browser.storage.local
    .get(PACKS_KEY)
    .then((stored) => Array.isArray(stored[PACKS_KEY]) && stored[PACKS_KEY].length > 0)
    .catch(() => true); // unknown: the first stage then reads for itself
  return known;
}

/** Tells a tab's first stage that packs exist; false when nothing in the tab listened. */
export const tellPacks = (tabId: number): Promise<boolean> =>
  sendToTab(browser.tabs, tabId, { type: 'packs-changed' }).then(
    () => true,
    () => false,
  );

export function followPacks(): void {
  browser.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'local' || !(PACKS_KEY in changes)) return;
    known = null;
    for (const tab of await browser.tabs.query({})) if (tab.id !== undefined) void tellPacks(tab.id);
  });
}
