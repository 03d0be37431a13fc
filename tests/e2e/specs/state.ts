/**
 * What the background keeps per tab, across many tabs and across the service worker being
 * stopped; and what a reader sees when stored values are corrupted or of a foreign shape.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../build/dataset';
import { LOCAL_QUOTA_BYTES, PACK_RECORD_PREFIX, packDatasetKey } from '../../../src/core/pack-layout';
import { importFile } from '../../../src/core/pack-store';
import { REPORT_INTERVAL_MS } from '../../../src/core/report-gate';
import { fakeStores } from '../../unit/support/fake-storage';
import { badgeText, datasetRecords, findingIds, storedFindings, tabIdOf } from '../support/extension';
import type { Launch, TestPage } from '../support/harness';
import { type MarkedText, markedTexts, waitFor } from '../support/marks';
import { chooseFile, OPTIONS, packIds } from '../support/options-page';
import { DIST, FIXTURES } from '../support/paths';
import { extensionPageReady, useSession } from '../support/session';

const founding = JSON.parse(readFileSync(join(FIXTURES, 'founding-article', 'expected.json'), 'utf8')) as {
  disputes: string[];
  marks: MarkedText[];
};
const FOUNDING_BADGE = `1+${founding.disputes.length - 1}`;

/** Every per-tab entry the background keeps in storage.session. */
const tabEntries = (env: ReturnType<typeof useSession>) =>
  env.harness.inExtension(async (api) =>
    Object.keys(await api.storage.session.get(null)).filter((key) => key.startsWith('tab:')),
  );

const popupTitles = (popup: TestPage) =>
  popup.evaluate(() => [...document.querySelectorAll('.cc-title')].map((h) => h.textContent ?? ''));

/**
 * What an import of the good test pack writes, worked out as the options page does: the items of
 * storage.local, and the dataset's record (its key and text) in the extension's IndexedDB.
 */
async function importedPack(): Promise<{ items: Record<string, unknown>; key: string; text: string }> {
  const stores = fakeStores();
  const file = readFileSync(join(FIXTURES, 'imports', 'good', 'pack.json'), 'utf8');
  const outcome = await importFile(file, stores, { bundled: loadDataset().dataset, now: new Date() });
  if (!outcome.ok) throw new Error('The good test pack does not import');
  const [[key, text] = []] = Object.entries(stores.datasets.snapshot());
  if (!key || !text) throw new Error('The good test pack left no dataset');
  return { items: await stores.local.get(null), key, text };
}

export function stateSpecs(launch: Launch): void {
  const env = useSession(launch);

  describe('a browser restart', () => {
    it('keeps settings, paused sites and imported packs (a persistent profile, closed and reopened)', {
      timeout: 120_000,
    }, async () => {
      const profile = mkdtempSync(join(tmpdir(), 'counterclaim-restart-'));
      const settings = {
        version: 3,
        disabledSources: ['xiaomi'],
        disabledPacks: ['globex-watch'],
        markStyle: 'tint',
        markWhich: 'every',
      };
      let before: { local: Record<string, unknown>; records: Record<string, string> };
      try {
        const first = await launch({ profile });
        try {
          // The pack is imported as the reader does, so it is kept wherever this browser keeps
          // packs; then the reader switches it off, with a source, and pauses a site.
          const options = await first.openExtensionPage(OPTIONS);
          await extensionPageReady(options);
          await chooseFile(options, 'pack.json', readFileSync(join(FIXTURES, 'imports', 'good', 'pack.json'), 'utf8'));
          await waitFor(
            () => packIds(first),
            (ids) => ids.includes('globex-watch'),
            30_000,
          );
          await options.close();
          await first.inExtension(async (api, value) => {
            await api.storage.sync.set({ settings: value });
            await api.storage.local.set({ pausedSites: ['example.org'] });
          }, settings);
          before = {
            local: await first.inExtension((api) => api.storage.local.get(null)),
            records: await datasetRecords(first),
          };
          expect(Object.keys(before.records)).toEqual([expect.stringMatching(/^globex-watch@/)]);
        } finally {
          await first.close();
        }
        const again = await launch({ profile });
        try {
          const stored = await again.inExtension(async (api) => ({
            settings: (await api.storage.sync.get('settings')).settings,
            local: await api.storage.local.get(null),
          }));
          expect(stored.settings).toEqual(settings);
          expect(stored.local).toEqual(before.local);
          expect(await datasetRecords(again)).toEqual(before.records);
          // And the options page shows them.
          const options = await again.openExtensionPage('src/options/index.html');
          await extensionPageReady(options);
          const text = await options.evaluate(() => document.body.textContent ?? '');
          expect(text).toMatch(/Globex Watch|globex/i);
          expect(text).toMatch(/example\.org/);
          await options.close();
        } finally {
          await again.close();
        }
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    });
  });

  describe('an update whose bundled data no longer has some sources', () => {
    it('drops the switches for sources and packs that exist no more; every other setting and the packs stay', {
      timeout: 180_000,
    }, async () => {
      // The extension is a copy that the spec installs twice in one profile: first as an older
      // version, then as this build, which the browser takes for an update of it.
      const root = mkdtempSync(join(tmpdir(), 'counterclaim-update-'));
      const profile = join(root, 'profile');
      const extensionDir = join(root, 'extension');
      mkdirSync(profile);
      const install = (version?: string) => {
        rmSync(extensionDir, { recursive: true, force: true });
        cpSync(DIST[env.harness.name], extensionDir, { recursive: true });
        if (!version) return;
        const file = join(extensionDir, 'manifest.json');
        writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }));
      };
      const current = JSON.parse(readFileSync(join(DIST[env.harness.name], 'manifest.json'), 'utf8')).version;
      const version = (harness: Awaited<ReturnType<typeof launch>>) =>
        harness.inExtension((api) => api.runtime.getManifest().version as string);
      // What the older version's reader switched off: a bundled source, a source of the
      // imported pack, the imported pack, and a source and a pack this build does not have.
      const settings = {
        version: 3,
        disabledSources: ['xiaomi', 'acme-security', 'retired-source'],
        disabledPacks: ['globex-watch', 'retired-pack'],
        markStyle: 'tint',
        markWhich: 'every',
      };
      // An older version kept the dataset in storage.local; this one moves it to IndexedDB.
      const pack = await importedPack();
      const items = { ...pack.items, pausedSites: ['example.org'] };
      const olderItems = { ...items, [packDatasetKey('globex-watch')]: pack.text };
      try {
        install('0.0.1');
        const older = await launch({ profile, extensionDir });
        try {
          expect(await version(older)).toBe('0.0.1');
          await older.inExtension(
            async (api, value) => {
              await api.storage.sync.set({ settings: value.settings });
              await api.storage.local.set(value.items);
            },
            { settings, items: olderItems },
          );
        } finally {
          await older.close();
        }
        install();
        const updated = await launch({ profile, extensionDir });
        try {
          expect(await version(updated)).toBe(current);
          const kept = await waitFor(
            () => updated.inExtension(async (api) => (await api.storage.sync.get('settings')).settings),
            (stored) => stored?.disabledSources?.length !== settings.disabledSources.length,
          );
          expect(kept).toEqual({
            ...settings,
            disabledSources: ['xiaomi', 'acme-security'],
            disabledPacks: ['globex-watch'],
          });
          const local = await waitFor(
            () => updated.inExtension((api) => api.storage.local.get(null)),
            (stored) => !(packDatasetKey('globex-watch') in stored),
          );
          const ours = Object.entries(local).filter(([key]) => !key.startsWith(PACK_RECORD_PREFIX));
          expect(Object.fromEntries(ours)).toEqual(items);
          expect(await datasetRecords(updated)).toEqual({ [pack.key]: pack.text });
        } finally {
          await updated.close();
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe('many tabs', () => {
    it('50 tabs on marked pages, then closed: the per-tab state is empty again', { timeout: 240_000 }, async () => {
      const TABS = 50;
      const url = env.server.url('/fixtures/founding-article/page.html');
      const pages: TestPage[] = [];
      for (let i = 0; i < TABS; i++) pages.push(await env.harness.openPage(`${url}?tab=${i}`));
      const ids = [];
      for (const page of pages) ids.push(await tabIdOf(env.harness, page, 30_000));
      expect(new Set(ids).size).toBe(TABS);
      for (const id of ids.slice(0, 5)) {
        expect(
          await waitFor(
            () => badgeText(env.harness, id),
            (b) => b === FOUNDING_BADGE,
          ),
        ).toBe(FOUNDING_BADGE);
      }
      expect((await tabEntries(env)).length).toBeGreaterThanOrEqual(TABS);
      for (const page of pages) await page.close();
      const left = await waitFor(
        () => tabEntries(env),
        (keys) => keys.length === 0,
        10_000,
      );
      expect(left).toEqual([]);
    });
  });

  /** Waits until the tab's stored findings stay the same for twice the reports' spacing. */
  const reportsSettled = async (tabId: number) => {
    let last = JSON.stringify(await storedFindings(env.harness, tabId));
    for (let tries = 0; tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 2 * REPORT_INTERVAL_MS));
      const now = JSON.stringify(await storedFindings(env.harness, tabId));
      if (now === last) return;
      last = now;
    }
  };

  describe('the background stopped mid-session', () => {
    // Chromium stops an idle service worker after 30 s; Firefox suspends an idle event page
    // after 30 s as well. Either way its memory is gone, and what the popup and the badge show
    // must come back from storage.session and from the browser.
    it('loses no badge or popup data, and the page reports to the new background', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      try {
        const tabId = await tabIdOf(env.harness, page);
        const before = await waitFor(
          () => storedFindings(env.harness, tabId),
          (f) => f !== null,
        );
        expect(
          await waitFor(
            () => badgeText(env.harness, tabId),
            (b) => b === FOUNDING_BADGE,
          ),
        ).toBe(FOUNDING_BADGE);
        // The scan's last report may still be on its way (reports are spaced out); arriving after
        // the stop, it would start the background again before the test looks.
        await reportsSettled(tabId);

        await env.harness.stopBackground();
        expect(await env.harness.backgroundStatus()).toBe('stopped');
        const popup = await env.harness.openPopup(page); // its question starts the background again
        try {
          await extensionPageReady(popup);
          const titles = await popupTitles(popup);
          expect(titles).toHaveLength(founding.disputes.length);
          expect(titles[0]).toMatch(/eScan/);
        } finally {
          await popup.close();
        }
        expect(await env.harness.backgroundStatus()).toBe('restarted');
        expect(await badgeText(env.harness, tabId)).toBe(FOUNDING_BADGE);
        expect(findingIds(await storedFindings(env.harness, tabId))).toEqual(findingIds(before));

        // Stopped again with the badge cleared; then the page reloads, and its report alone
        // starts the background (nothing else asks it anything until it runs) and is counted.
        await env.harness.inExtension(
          async (api, id: number) => api.action.setBadgeText({ tabId: id, text: '' }),
          tabId,
        );
        await env.harness.stopBackground();
        expect(await env.harness.backgroundStatus()).toBe('stopped');
        await page.goto(page.url);
        expect(
          await waitFor(
            () => env.harness.backgroundStatus(),
            (status) => status !== 'stopped',
          ),
        ).toBe('restarted');
        expect(
          await waitFor(
            () => badgeText(env.harness, tabId),
            (b) => b === FOUNDING_BADGE,
          ),
        ).toBe(FOUNDING_BADGE);
      } finally {
        await page.close();
      }
    });
  });

  describe('an import into a full storage.local', () => {
    // Filling 64 MB of storage.local, and reading it back, takes Chromium 15-30 s here.
    it('is refused on the options page with the sizes named, and nothing is written', {
      timeout: 150_000,
    }, async () => {
      /** Every key in storage.local with the length of its value: what an import would change. */
      const shape = () =>
        env.harness.inExtension(async (api) =>
          Object.entries(await api.storage.local.get(null)).map(
            ([key, value]) => `${key} ${JSON.stringify(value).length}`,
          ),
        );
      // Other data the reader keeps (dismissed disputes here) fills the storage but for 3 KB.
      await env.harness.inExtension(
        (api, bytes: number) => api.storage.local.set({ dismissals: { 'https://example.com/': ['x'.repeat(bytes)] } }),
        LOCAL_QUOTA_BYTES - 3_000,
      );
      try {
        const before = await shape();
        const options = await env.harness.openExtensionPage('src/options/index.html');
        try {
          // It reads the 64 MB first.
          await extensionPageReady(options, 120_000);
          // What picking the file does: the input's files set, then its change event.
          await options.evaluate(
            (text: string) => {
              const input = document.getElementById('import-file') as HTMLInputElement;
              const picked = new DataTransfer();
              picked.items.add(new File([text], 'pack.json', { type: 'application/json' }));
              input.files = picked.files;
              input.dispatchEvent(new Event('change', { bubbles: true }));
            },
            readFileSync(join(FIXTURES, 'imports', 'good', 'pack.json'), 'utf8'),
          );
          // The import reads the 64 MB again and hands it to its worker: slow on a loaded machine.
          const alert = await waitFor(
            () => options.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? ''),
            (text) => text.length > 0,
            120_000,
          );
          expect(alert).toMatch(/pack\.json was not imported, and nothing has changed/);
          expect(alert).toMatch(/already holds .+; together that is over its limit of 64 MB/);
        } finally {
          await options.close();
        }
        expect(await shape()).toEqual(before);
      } finally {
        await env.harness.inExtension((api) => api.storage.local.clear());
      }
    });
  });

  describe('corrupted or foreign-shaped stored values', () => {
    it('read as defaults: the page is marked, the popup renders, the options page resets them with a notice', async () => {
      // What another version, another extension or a broken sync could have left.
      await env.harness.inExtension(async (api) => {
        await api.storage.sync.set({ settings: { version: 'x', disabledSources: 'escan', markStyle: 42 } });
        await api.storage.local.set({
          packs: { not: 'a list' },
          pausedSites: 'everything',
          dismissals: ['x'],
          'pack-index:ghost': 7,
        });
      });
      try {
        const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
        try {
          const tabId = await tabIdOf(env.harness, page);
          expect(await markedTexts(page)).toEqual(founding.marks);
          expect(
            await waitFor(
              () => badgeText(env.harness, tabId),
              (b) => b === FOUNDING_BADGE,
            ),
          ).toBe(FOUNDING_BADGE);
          const popup = await env.harness.openPopup(page);
          try {
            await extensionPageReady(popup);
            expect(await popupTitles(popup)).toHaveLength(founding.disputes.length);
          } finally {
            await popup.close();
          }
        } finally {
          await page.close();
        }
        const options = await env.harness.openExtensionPage('src/options/index.html');
        try {
          await extensionPageReady(options);
          const view = await options.evaluate(() => ({
            switches: document.querySelectorAll('input[type="checkbox"]').length,
            notice: document.querySelector('[role="alert"]')?.textContent ?? '',
          }));
          expect(view.switches).toBeGreaterThan(0);
          expect(view.notice).toMatch(/could not be read .* reset to the defaults/);
          expect(view.notice).toMatch(/settings\.disabledSources: must be an array, not /);
          expect(view.notice).toMatch(/pausedSites: must be an array, not /);
          const stored = await env.harness.inExtension(async (api) => ({
            settings: (await api.storage.sync.get('settings')).settings,
            pausedSites: (await api.storage.local.get('pausedSites')).pausedSites,
          }));
          expect(stored).toEqual({
            settings: {
              version: 3,
              disabledSources: [],
              disabledPacks: [],
              markStyle: 'underline',
              markWhich: 'about',
            },
            pausedSites: [],
          });
        } finally {
          await options.close();
        }
      } finally {
        await env.harness.inExtension(async (api) => {
          await api.storage.sync.clear();
          await api.storage.local.clear();
        });
      }
    });
  });
}
