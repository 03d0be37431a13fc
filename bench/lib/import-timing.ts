/**
 * Importing the generated pack through the options page, as a reader does (the file chosen in
 * the picker), against its floor: the same writes from the same page with nothing else, the
 * dataset's text put into IndexedDB, then the index and the list in one storage.local.set. Also
 * the options page's longest task from the file chosen until a second after the pack is in,
 * which says whether the page stayed responsive. Both stores are emptied after each.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { datasetRecordKey, PACKS_KEY, packIndexKey } from '../../src/core/pack-layout';
import { metaFor, packItems } from '../../src/core/pack-plan';
import { DATABASE, STORE } from '../../src/storage/indexed-datasets';
import { generatedPack } from '../../tests/support/generated-pack';
import type { ChromeApi } from './pack';

export interface ImportTiming {
  disputes: number;
  fileBytes: number;
  /** From the file chosen to the notice that the pack is in. */
  ms: number;
  /** The same writes with nothing else: the dataset into IndexedDB, the rest into storage.local. */
  floorMs: number;
  longestTaskMs: number;
  /** What the notice said, and when, in ms from the file chosen. */
  steps: { atMs: number; text: string }[];
}

type Probe = { taskMs: number[]; steps: { atMs: number; text: string }[]; start: number; done: number };

/**
 * In the page and with nothing else: puts `records` into the datasets' store in one transaction
 * (none: empties it), then writes `local` to storage.local (null: clears it). Returns the time
 * it took in the page's clock, which starts once the arguments are in the page.
 */
const writeStores = (page: Page, records: [string, string][], local: Record<string, unknown> | null) =>
  page.evaluate(
    async ({ database, store, records, local }) => {
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        const opening = indexedDB.open(database, 1);
        opening.onupgradeneeded = () => opening.result.createObjectStore(store);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const tx = db.transaction(store, 'readwrite');
          if (records.length === 0) tx.objectStore(store).clear();
          for (const [key, text] of records) tx.objectStore(store).put(text, key);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
      const area = (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local;
      await (local ? area.set(local) : area.clear());
      return performance.now() - started;
    },
    { database: DATABASE, store: STORE, records, local },
  );

const clear = (page: Page) => writeStores(page, [], null);

export async function timeImport(context: BrowserContext, origin: string, disputes: number): Promise<ImportTiming> {
  const pack = generatedPack(disputes);
  const text = JSON.stringify(pack);
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/src/options/index.html`);
    await page.waitForSelector('body[data-ready]');

    const items = packItems(pack);
    const meta = metaFor(pack, new Date().toISOString(), 'pack');
    const local = { [packIndexKey(pack.id)]: items.index, [PACKS_KEY]: [meta] };
    const floorMs = await writeStores(page, [[datasetRecordKey(meta), items.dataset]], local);
    await clear(page);
    await page.reload();
    await page.waitForSelector('body[data-ready]');

    // The file is made in the page first: handing 20 MB to the page is not part of importing.
    await page.evaluate((json: string) => {
      (globalThis as unknown as { picked: File }).picked = new File([json], 'generated.json', {
        type: 'application/json',
      });
    }, text);
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      const probe: Probe = { taskMs: [], steps: [], start: performance.now(), done: 0 };
      (globalThis as unknown as { probe: Probe }).probe = probe;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          if (entry.startTime + entry.duration >= probe.start) probe.taskMs.push(entry.duration);
      }).observe({ type: 'longtask' });
      const status = document.querySelector('.notice-ok') as HTMLElement;
      new MutationObserver(() => {
        const said = status.querySelector('p')?.textContent ?? '';
        if (said && said !== probe.steps.at(-1)?.text)
          probe.steps.push({ atMs: performance.now() - probe.start, text: said });
        // Done when the pack is in and the page's controls are enabled again.
        const input = document.getElementById('import-file') as HTMLInputElement;
        if (!probe.done && !input.disabled && /Imported/.test(said)) probe.done = performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const input = document.getElementById('import-file') as HTMLInputElement;
      const transfer = new DataTransfer();
      transfer.items.add((globalThis as unknown as { picked: File }).picked);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForFunction(() => (globalThis as unknown as { probe: Probe }).probe.done > 0, null, {
      timeout: 120_000,
      polling: 100,
    });
    await page.waitForTimeout(1000);
    const probe = await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe);
    await clear(page);
    return {
      disputes,
      fileBytes: Buffer.byteLength(text),
      ms: probe.done - probe.start,
      floorMs,
      longestTaskMs: Math.max(0, ...probe.taskMs),
      steps: probe.steps,
    };
  } finally {
    await page.close();
  }
}
