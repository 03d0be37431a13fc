/** Questions the specs ask the extension itself: a tab's id, its badge, its stored findings. */
import type { TabState } from '../../../src/core/messages';
import type { Harness, TestPage } from './harness';
import { waitFor } from './marks';

/**
 * The tab showing `page`, found through what its content script reported (the background
 * stores the sender's tab and URL). The extension has no "tabs" permission, so it cannot list
 * tab URLs itself; this also waits for the content script to have reported.
 */
export async function tabIdOf(harness: Harness, page: TestPage, ms = 15_000): Promise<number> {
  const find = () =>
    harness.inExtension(async (api, url: string) => {
      const all: Record<string, { url?: string }> = await api.storage.session.get(null);
      // The newest tab with that address: a page a failed spec left open has the same one.
      const ids = Object.entries(all)
        .filter(([key, state]) => key.startsWith('tab:') && state?.url === url)
        .map(([key]) => Number(key.slice(4)));
      return ids.length > 0 ? Math.max(...ids) : null;
    }, page.url);
  const id = await waitFor(find, (found) => found !== null, ms);
  if (id === null) throw new Error(`The content script in ${page.url} did not report within ${ms} ms`);
  return id;
}

export function badgeText(harness: Harness, tabId: number): Promise<string> {
  return harness.inExtension((api, id: number) => api.action.getBadgeText({ tabId: id }), tabId);
}

/** What the background stored for the tab (null until the content script has reported). */
export function storedFindings(harness: Harness, tabId: number): Promise<TabState | null> {
  return harness.inExtension(async (api, id: number) => {
    const key = `tab:${id}`;
    return (await api.storage.session.get(key))[key] ?? null;
  }, tabId);
}

/** Ids of the disputes in stored findings, in their order (about first), dismissed ones left out. */
export const findingIds = (state: TabState | null): string[] =>
  (state?.disputes ?? []).filter((d) => !d.dismissed).map((d) => d.id);
