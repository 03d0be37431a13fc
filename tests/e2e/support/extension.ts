/** Questions the specs ask the extension itself: a tab's id, its badge, its stored findings. */
import type { TabState } from '../../../src/core/messages';
import { PACK_RECORD_PREFIX } from '../../../src/core/pack-layout';
import { INJECTED_FILES } from '../../../src/core/stages';
import { DATABASE, STORE } from '../../../src/storage/indexed-datasets';
import type { Harness, TestPage } from './harness';
import { waitFor } from './marks';

/**
 * What the popup's probe (core/stages.ts) finds in the tab: the first stage's report, 'starting',
 * or null. Run the way the background runs it (background/inject.ts), by file from the root.
 */
function probeTab(harness: Harness, tabId: number): Promise<unknown> {
  return harness.inExtension(
    async (api, { tabId, file }: { tabId: number; file: string }) => {
      const [answer] = await api.scripting
        .executeScript({ target: { tabId, frameIds: [0] }, files: [file] })
        .catch(() => []);
      return answer?.result ?? null;
    },
    { tabId, file: `/${INJECTED_FILES.probe}` },
  );
}

/** True while the tab's first stage holds the page: it ran, and has not loaded the full stage. */
export async function firstStageHolds(harness: Harness, tabId: number): Promise<boolean> {
  const answer = await probeTab(harness, tabId);
  return typeof answer === 'object' && answer !== null;
}

/** The newest tab showing `url` (a page a failed spec left open has the same one), or null. */
function newestTabShowing(harness: Harness, url: string): Promise<number | null> {
  return harness.inExtension(async (api, address: string) => {
    const tabs = (await api.tabs.query({})) as { id?: number; url?: string }[];
    const ids = tabs.filter((tab) => tab.url === address && tab.id !== undefined).map((tab) => tab.id as number);
    return ids.length > 0 ? Math.max(...ids) : null;
  }, url);
}

/**
 * The newest open tab whose content script reported from `url` (the background stores its
 * sender's tab). A closed tab's record outlives it until the background hears of the removal, so
 * only tabs that still exist count.
 */
function newestTabReporting(harness: Harness, url: string): Promise<number | null> {
  return harness.inExtension(async (api, address: string) => {
    const all: Record<string, { url?: string }> = await api.storage.session.get(null);
    const open = new Set(((await api.tabs.query({})) as { id?: number }[]).map((tab) => tab.id));
    const ids = Object.entries(all)
      .filter(([key, state]) => key.startsWith('tab:') && state?.url === address)
      .map(([key]) => Number(key.slice(4)))
      .filter((id) => open.has(id));
    return ids.length > 0 ? Math.max(...ids) : null;
  }, url);
}

/**
 * The tab showing `page`, once its content script has run: one that found something has
 * reported; one whose first stage found nothing answers the probe with its report.
 */
export async function tabIdOf(harness: Harness, page: TestPage, ms = 15_000): Promise<number> {
  const find = async () => {
    const reported = await newestTabReporting(harness, page.url);
    if (reported !== null) return reported;
    const shown = await newestTabShowing(harness, page.url);
    if (shown === null) return null;
    const answer = (await probeTab(harness, shown)) as { url?: unknown } | null;
    return answer?.url === page.url ? shown : null;
  };
  const id = await waitFor(find, (found) => found !== null, ms);
  if (id === null) throw new Error(`The content script in ${page.url} did not start within ${ms} ms`);
  return id;
}

/** The newest tab showing `page`'s document, whether or not a content script runs there. */
export async function tabWithUrl(harness: Harness, page: TestPage): Promise<number> {
  const href = await page.evaluate(() => location.href);
  const id = await newestTabShowing(harness, href);
  if (id === null) throw new Error(`No tab shows ${href}`);
  return id;
}

/**
 * What the tab's page found, once `tabIdOf` has resolved: what the background stored, or, for a
 * page whose first stage ruled it out (it reports nothing), what the popup's probe would store.
 */
export async function pageFindings(harness: Harness, tabId: number, url: string): Promise<TabState> {
  const stored = await storedFindings(harness, tabId);
  if (stored) return stored;
  const answer = (await probeTab(harness, tabId)) as { findings?: { pageDate?: string | null } } | null;
  return { url, paused: false, disputes: [], pageDate: answer?.findings?.pageDate ?? null };
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

/**
 * The imported packs' datasets as the extension holds them, by record key: in its IndexedDB
 * (the Chrome build) or in storage.local as "pack-record:<key>" items (the Firefox build).
 */
export function datasetRecords(harness: Harness): Promise<Record<string, string>> {
  return harness.inExtension(
    async (api, { database, store, prefix }: { database: string; store: string; prefix: string }) => {
      const out: Record<string, string> = {};
      for (const [key, value] of Object.entries(await api.storage.local.get(null))) {
        if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value as string;
      }
      const names = (await indexedDB.databases()).map((db) => db.name);
      if (!names.includes(database)) return out;
      return new Promise<Record<string, string>>((resolve, reject) => {
        const opening = indexedDB.open(database);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const tx = db.transaction(store, 'readonly');
          tx.objectStore(store).openCursor().onsuccess = (event) => {
            const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
            if (!cursor) return;
            out[String(cursor.key)] = cursor.value as string;
            cursor.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    },
    { database: DATABASE, store: STORE, prefix: PACK_RECORD_PREFIX },
  );
}

export interface SeenMessage {
  type: unknown;
  tabId: number | null;
}

/**
 * Records, from now on, the messages content scripts send the extension (their type and tab),
 * by one more listener that answers none; returns what was recorded so far when called. In
 * Chromium the listener is the service worker's, in Firefox the helper page's: a content
 * script's message reaches every extension context of both.
 */
export async function recordContentMessages(harness: Harness): Promise<() => Promise<SeenMessage[]>> {
  await harness.inExtension((api) => {
    const scope = globalThis as { counterclaimSeenMessages?: SeenMessage[] };
    if (scope.counterclaimSeenMessages) return;
    const seen: SeenMessage[] = [];
    scope.counterclaimSeenMessages = seen;
    api.runtime.onMessage.addListener((message: { type?: unknown } | null, sender: { tab?: { id?: number } }) => {
      if (sender.tab) seen.push({ type: message?.type, tabId: sender.tab.id ?? null });
      return undefined;
    });
  });
  return () =>
    harness.inExtension(() => [
      ...((globalThis as { counterclaimSeenMessages?: SeenMessage[] }).counterclaimSeenMessages ?? []),
    ]);
}
