/**
 * Options reach open tabs at once. Switching Xiaomi off removes its responses from the card of
 * an already open tab, without a reload; switching eScan off, the source of every claim of the
 * founding dispute, unmarks that dispute and the options page says so beside the switch. The
 * density choice starts at "about this page"; importing a ClaimReview file makes its dispute
 * appear on a page that mentions its subject, a pack of 300 disputes is checked in one pass
 * (a page naming none stays with the first stage; a page naming only bundled vendors is marked
 * without it, until it names one of the pack's), and a refused file is said in _locales' words.
 * Paused sites are listed from storage.local and removed there. axe-core finds no violation
 * on the options page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExport } from '../../../src/core/export';
import { metaFor } from '../../../src/core/pack-plan';
import type { Dataset } from '../../../src/core/schema';
import { defaultSettings } from '../../../src/core/settings';
import { generatedPack, generatedVendors } from '../../support/generated-pack';
import { axeViolations } from '../support/axe';
import { cardResponders } from '../support/card';
import {
  datasetRecords,
  findingIds,
  firstStageHolds,
  recordContentMessages,
  storedFindings,
  tabIdOf,
} from '../support/extension';
import type { Launch, TestPage } from '../support/harness';
import { markedTexts, waitFor } from '../support/marks';
import {
  chooseFile,
  noticeSteps,
  OPTIONS,
  packIds,
  removeEveryPack,
  removeFirstPack,
  watchNoticeSteps,
} from '../support/options-page';
import { FIXTURES, ROOT } from '../support/paths';
import { extensionPageReady, useSession } from '../support/session';

const SHOTS = join(ROOT, 'test-results', 'screenshots');

/** Flips a source's switch the way a click does. */
const toggleSource = (options: TestPage, id: string) =>
  options.evaluate(
    (sourceId: string) => (document.getElementById(`source-${sourceId}`) as HTMLInputElement).click(),
    id,
  );

/** Chooses which mentions are marked, as a click on the radio does. */
const chooseDensity = (options: TestPage, which: 'about' | 'first' | 'every') =>
  options.evaluate((id: string) => (document.getElementById(`mark-which-${id}`) as HTMLInputElement).click(), which);

/** The page's marks once it has some (after 15 s, none). */
const firstMarks = (page: TestPage) =>
  waitFor(
    () => markedTexts(page),
    (m) => m.length > 0,
    15_000,
  );

/**
 * The page's marks once the scan is done: the same in two reads half a second apart. The scan
 * runs in slices, so on a loaded machine the first marks are not all of them.
 */
async function settledMarks(page: TestPage): Promise<Awaited<ReturnType<typeof markedTexts>>> {
  let before = await firstMarks(page);
  const end = Date.now() + 15_000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await markedTexts(page);
    if (JSON.stringify(now) === JSON.stringify(before) || Date.now() > end) return now;
    before = now;
  }
}

/** Adds a paragraph at the end of the page, as a living page does. */
const addParagraph = (page: TestPage, text: string) =>
  page.evaluate((added: string) => {
    const p = document.createElement('p');
    p.append(added);
    document.body.append(p);
  }, text);

/** The error notice as the reader sees it: its sentence, then each problem. */
const errorNotice = (options: TestPage) =>
  options.evaluate(() => {
    const notice = document.querySelector('.notice-error');
    if (!notice?.querySelector('p')) return null;
    return {
      text: notice.querySelector('p')?.textContent ?? '',
      problems: [...notice.querySelectorAll('.problem-text')].map((p) => p.textContent ?? ''),
    };
  });

export function optionsSpecs(launch: Launch): void {
  const env = useSession(launch);

  describe('the options page', () => {
    it('passes an axe scan', async () => {
      const options = await env.harness.openExtensionPage(OPTIONS);
      await extensionPageReady(options);
      expect(await axeViolations(options)).toEqual([]);
      if (env.harness.name === 'chromium') {
        // Git-ignored, to look at: the sources with their notes, and the density choice.
        mkdirSync(SHOTS, { recursive: true });
        await options.screenshot(join(SHOTS, 'options-light.png'));
        await options.evaluate(() => document.querySelector('input[name="mark-which"]')?.scrollIntoView());
        await options.colorScheme('dark');
        await options.screenshot(join(SHOTS, 'options-marking-dark.png'));
        expect(await axeViolations(options)).toEqual([]);
      }
      await options.close();
    });

    it("switching Xiaomi off hides Xiaomi's responses in an open tab's card, without reload", async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        await toggleSource(options, 'xiaomi');

        // The card, opened after the change in the tab that was already open.
        await page.bringToFront();
        await env.harness.inExtension((api, id: number) => api.tabs.sendMessage(id, { type: 'next-mention' }), tabId);
        const disputes = await waitFor(
          () => cardResponders(page),
          (list) => list !== null && list.length > 0,
        );
        const founding = disputes?.find((d) => /eScan/.test(d.title));
        expect(founding?.pairs.length).toBe(4);
        // eScan's claims remain; no response is Xiaomi's.
        for (const pair of founding?.pairs ?? []) expect(pair.claimant).toMatch(/^eScan\b/);
        const everyResponder = (disputes ?? []).flatMap((d) => d.pairs.flatMap((p) => p.responders));
        expect(everyResponder.some((name) => /^Xiaomi\b/.test(name))).toBe(false);
        expect(everyResponder.length).toBeGreaterThan(0);
      } finally {
        await toggleSource(options, 'xiaomi'); // back on, for the next spec
        await options.close();
        await page.close();
      }
    });

    it('switching eScan off unmarks the founding dispute and says so beside the switch', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      expect((await markedTexts(page)).map((m) => m.text)).toContain('Mi Mover');
      const options = await env.harness.openExtensionPage(OPTIONS);
      const note = () => options.evaluate(() => document.getElementById('source-note-escan')?.textContent ?? '');
      try {
        await extensionPageReady(options);
        expect(await note()).toMatch(
          /^Claimant in 1 dispute: not marked or counted while all its claimants are off\.$/,
        );
        await toggleSource(options, 'escan');
        expect(await waitFor(note, (text) => text.startsWith('Not marked'))).toMatch(
          /^Not marked or counted while switched off: .*eScan/,
        );
        const marks = await waitFor(
          () => markedTexts(page),
          (m) => !m.some((x) => x.text === 'Mi Mover'),
        );
        expect(marks.map((m) => m.text)).not.toContain('Mi Mover');
        const findings = await waitFor(
          () => storedFindings(env.harness, tabId),
          (f) => f !== null && !findingIds(f).includes('escan-xiaomi-2017'),
        );
        expect(findingIds(findings)).not.toContain('escan-xiaomi-2017');
        // The other Xiaomi disputes are still listed for the page.
        expect(findingIds(findings).length).toBeGreaterThan(0);
      } finally {
        await toggleSource(options, 'escan');
        await options.close();
        await page.close();
      }
    });

    it('lists paused sites from storage.local and removes them there', async () => {
      await env.harness.inExtension((api) => api.storage.local.set({ pausedSites: ['example.org'] }));
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        const sites = () =>
          options.evaluate(() => [...document.querySelectorAll('.site-item .site')].map((s) => s.textContent));
        expect(await waitFor(sites, (list) => list.length > 0)).toEqual(['example.org']);
        await options.evaluate(() => (document.querySelector('.site-item button') as HTMLButtonElement).click());
        expect(await waitFor(sites, (list) => list.length === 0)).toEqual([]);
        // The list updates at once; the write to storage.local follows it.
        const stored = await waitFor(
          () => env.harness.inExtension(async (api) => (await api.storage.local.get('pausedSites')).pausedSites),
          (list) => Array.isArray(list) && list.length === 0,
        );
        expect(stored).toEqual([]);
      } finally {
        await options.close();
      }
    });

    it('offers three densities, "about this page" first and chosen', async () => {
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        const choices = await options.evaluate(() =>
          [...document.querySelectorAll<HTMLInputElement>('input[name="mark-which"]')].map((r) => ({
            value: r.value,
            checked: r.checked,
            label: r.labels?.[0]?.textContent ?? '',
          })),
        );
        expect(choices.map((c) => c.value)).toEqual(['about', 'first', 'every']);
        expect(choices.filter((c) => c.checked).map((c) => c.value)).toEqual(['about']);
        expect(choices[0]?.label).toMatch(/this page is about/);
      } finally {
        await options.close();
      }
    });

    it('importing a ClaimReview file makes its dispute appear on a page about its subject', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/claimreview-subject/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      expect(await markedTexts(page)).toEqual([]);
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        // A ClaimReview carries no signals, so its dispute is on record for the page's vendor:
        // listed, and marked when every mention is.
        await chooseDensity(options, 'every');
        const file = readFileSync(join(FIXTURES, 'imports', 'claimreview', 'single.json'), 'utf8');
        await chooseFile(options, 'claimreview.json', file);
        const marks = await firstMarks(page);
        expect(marks.map((m) => m.text)).toContain('Globex G5');
        const findings = await waitFor(
          () => storedFindings(env.harness, tabId),
          (f) => findingIds(f).length > 0,
        );
        expect(findingIds(findings)).toHaveLength(1);
        // Its card shows the imported statements: details come from the pack, not only the bundle.
        await page.bringToFront();
        await env.harness.inExtension((api, id: number) => api.tabs.sendMessage(id, { type: 'next-mention' }), tabId);
        const disputes = await waitFor(
          () => cardResponders(page),
          (list) => list !== null && list.length > 0,
        );
        expect(disputes?.[0]?.pairs[0]?.claimant).toMatch(/^Globex Phones\b/);

        // A page opened after the import names only the pack's vendor: the background tells its
        // first stage that packs exist, and the pack's patterns let the page through.
        const fresh = await env.harness.openPage(env.server.url('/fixtures/claimreview-subject/page.html'));
        try {
          const freshMarks = await firstMarks(fresh);
          expect(freshMarks.map((m) => m.text)).toContain('Globex G5');
        } finally {
          await fresh.close();
        }
        // Removing the pack unmarks the open page.
        await removeFirstPack(options, env.harness);
        expect(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length === 0,
          ),
        ).toEqual([]);
      } finally {
        await chooseDensity(options, 'about');
        await options.close();
        await page.close();
      }
    });

    it('a pack of 300 disputes is checked in one pass: a page naming none stays with the first stage; names added later are marked', async () => {
      const vendors = generatedVendors(300);
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        await chooseDensity(options, 'every');
        await chooseFile(options, 'generated.json', JSON.stringify(generatedPack(300)));
        await waitFor(
          () => packIds(env.harness),
          (ids) => ids.includes('generated-300'),
          15_000,
        );
        // The first page after an import has the background make the packs' filter and store it;
        // every page is then checked against it: 300 vendors are more words than one search each.
        const first = await env.harness.openPage(env.server.url('/fixtures/no-vendor/page.html'));
        await tabIdOf(env.harness, first);
        const keysOf = (stored: unknown) =>
          typeof (stored as { filter?: { keys?: unknown } } | undefined)?.filter?.keys;
        const written = await waitFor(
          () => env.harness.inExtension(async (api) => (await api.storage.local.get('pack-filter'))['pack-filter']),
          (stored) => keysOf(stored) === 'string',
          15_000,
        );
        expect(keysOf(written)).toBe('string');
        await first.close();

        const seen = await recordContentMessages(env.harness);
        const page = await env.harness.openPage(env.server.url('/fixtures/no-vendor/page.html'));
        const tabId = await tabIdOf(env.harness, page);
        // Ruled out without the full stage: nothing was reported, and the first stage still holds
        // it. The background looked for the packs' patterns in the text its script took from the
        // page, so the page itself asked nothing.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(await storedFindings(env.harness, tabId)).toBeNull();
        expect(await firstStageHolds(env.harness, tabId)).toBe(true);
        expect((await seen()).filter((m) => m.tabId === tabId)).toEqual([]);

        // The 250th vendor, split across two nodes and run into the text before it.
        const name = vendors[250] as string;
        await page.evaluate((vendor: string) => {
          const p = document.createElement('p');
          p.append(`Late news:${vendor.slice(0, 3)}`);
          const b = document.createElement('b');
          b.append(`${vendor.slice(3)} denied the report.`);
          p.append(b);
          document.body.append(p);
        }, name);
        const marks = await firstMarks(page);
        expect(marks.map((m) => m.text)).toEqual([name]);
        // The change was checked by asking the background.
        expect((await seen()).filter((m) => m.tabId === tabId).map((m) => m.type)).toContain('pack-patterns');
        await page.close();

        // A page naming only bundled vendors is marked without the pack's index; a pack vendor it
        // names later starts it again with the index, and both are marked.
        const article = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
        const bundled = await settledMarks(article);
        expect(bundled.map((m) => m.text)).toContain('Xiaomi');
        const other = vendors[120] as string;
        await addParagraph(article, `${other} also denied it.`);
        await waitFor(
          () => markedTexts(article),
          (m) => m.some((mark) => mark.text === other),
          15_000,
        );
        const both = await settledMarks(article);
        expect(both.filter((m) => m.text === other)).toHaveLength(1);
        expect(both.filter((m) => m.text === 'Xiaomi').length).toBe(bundled.filter((m) => m.text === 'Xiaomi').length);
        await article.close();

        // A filter cut short in storage is made again by the background: a vendor a page names is
        // still marked, and the whole filter is stored again.
        const filterOf = () =>
          env.harness.inExtension(
            async (api) =>
              (await api.storage.local.get('pack-filter'))['pack-filter'] as {
                filter: { keys: string; starts: number[] };
              },
          );
        const whole = await filterOf();
        await env.harness.inExtension(async (api, stored) => {
          stored.filter.starts = stored.filter.starts.slice(1);
          await api.storage.local.set({ 'pack-filter': stored });
        }, whole);
        const cut = await env.harness.openPage(env.server.url('/fixtures/no-vendor/page.html'));
        await tabIdOf(env.harness, cut);
        const third = vendors[42] as string;
        await addParagraph(cut, `${third} answered.`);
        const cutMarks = await firstMarks(cut);
        expect(cutMarks.map((m) => m.text)).toEqual([third]);
        expect((await filterOf()).filter.starts.length).toBe(whole.filter.starts.length);
        await cut.close();
        await removeFirstPack(options, env.harness);
        await waitFor(
          () => packIds(env.harness),
          (ids) => ids.length === 0,
        );
      } finally {
        await removeEveryPack(options, env.harness); // also when the spec failed half-way
        await chooseDensity(options, 'about');
        await options.close();
      }
    });

    it('restoring a saved file, once confirmed, replaces settings, paused sites and packs, with its progress shown', {
      timeout: 120_000,
    }, async () => {
      const saved = await env.harness.inExtension(async (api) => ({
        sync: await api.storage.sync.get(null),
        local: await api.storage.local.get(['pausedSites', 'dismissals']),
      }));
      const generated = generatedPack(300);
      const good = JSON.parse(readFileSync(join(FIXTURES, 'imports', 'good', 'pack.json'), 'utf8')) as Dataset;
      const exportedAt = new Date('2026-12-01T10:00:00Z');
      const backup = buildExport(
        { ...defaultSettings(), markStyle: 'tint' },
        [generated, good].map((dataset) => ({ meta: metaFor(dataset, exportedAt.toISOString(), 'pack'), dataset })),
        { pausedSites: ['example.org'], dismissals: {} },
        exportedAt,
      );
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        // A pack the file does not have: restoring removes it.
        await chooseFile(
          options,
          'claimreview.json',
          readFileSync(join(FIXTURES, 'imports', 'claimreview', 'single.json'), 'utf8'),
        );
        await waitFor(
          () => packIds(env.harness),
          (ids) => ids.length === 1,
          30_000,
        );
        await chooseFile(options, 'counterclaim-export.json', backup);
        const question = await waitFor(
          () => options.evaluate(() => document.querySelector('.confirm-question')?.textContent ?? ''),
          (text) => text !== '',
          30_000,
        );
        expect(question).toMatch(
          /^counterclaim-export\.json is an export from .+ with 2 imported packs\. Restoring it replaces/,
        );
        // Nothing is written before the reader confirms.
        expect(await packIds(env.harness)).toEqual([expect.stringMatching(/^claimreview-/)]);
        await watchNoticeSteps(options);
        await options.evaluate(() => (document.querySelector('.confirm button.danger') as HTMLButtonElement).click());
        const seen = await waitFor(
          () => noticeSteps(options),
          (steps) => steps.includes('Settings and packs restored.'),
          60_000,
        );
        expect(seen).toEqual([
          'Preparing the names in counterclaim-export.json for pages… [bar]',
          'Saving counterclaim-export.json… [bar]',
          'Settings and packs restored.',
        ]);
        expect(await packIds(env.harness)).toEqual([generated.id, good.id]);
        expect(Object.keys(await datasetRecords(env.harness)).map((key) => key.split('@')[0])).toEqual(
          expect.arrayContaining([generated.id, good.id]),
        );
        expect(Object.keys(await datasetRecords(env.harness))).toHaveLength(2);
        const restored = await env.harness.inExtension(async (api) => ({
          markStyle: ((await api.storage.sync.get('settings')).settings as { markStyle: string }).markStyle,
          pausedSites: (await api.storage.local.get('pausedSites')).pausedSites,
        }));
        expect(restored).toEqual({ markStyle: 'tint', pausedSites: ['example.org'] });
        expect(await options.evaluate(() => document.body.textContent ?? '')).toMatch(/example\.org/);
      } finally {
        await removeEveryPack(options, env.harness);
        await options.close();
        await env.harness.inExtension(async (api, before) => {
          await api.storage.sync.clear();
          await api.storage.sync.set(before.sync);
          await api.storage.local.remove(['pausedSites', 'dismissals']);
          await api.storage.local.set(before.local);
        }, saved);
      }
    });

    it('a pack of 20,000 disputes imports with its progress shown; its vendors are found by name, and marked with both sides', {
      timeout: 240_000,
    }, async () => {
      const vendors = generatedVendors(20_000);
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        await chooseDensity(options, 'every');
        await watchNoticeSteps(options);
        await chooseFile(options, 'generated.json', JSON.stringify(generatedPack(20_000)));
        await waitFor(
          () => packIds(env.harness),
          (ids) => ids.includes('generated-20000'),
          120_000,
        );
        const seen = await waitFor(
          () => noticeSteps(options),
          (steps) => steps.some((s) => s.startsWith('Imported')),
          60_000,
        );
        expect(seen).toEqual([
          'Reading generated.json… [bar]',
          'Checking generated.json… [bar]',
          'Preparing the names in generated.json for pages… [bar]',
          'Saving generated.json… [bar]',
          'Imported “Generated pack of 20000”: 20000 disputes.',
        ]);

        // 20,000 vendors are not listed: the first 50, and a search that finds the others.
        const vendorGroup = () =>
          options.evaluate(() => {
            const group = document.querySelector('fieldset[data-kind="vendor"]');
            return {
              switches: group?.querySelectorAll('input[role="switch"]').length ?? 0,
              status: group?.querySelector('.source-search [role="status"]')?.textContent ?? '',
            };
          });
        const listed = await waitFor(vendorGroup, (group) => group.status !== '');
        expect(listed.switches).toBe(50);
        expect(listed.status).toMatch(/^Showing 50 of 20,0\d\d: type a name to find the others\.$/);
        expect(await axeViolations(options)).toEqual([]);
        const last = vendors[19_999] as string;
        await options.evaluate((name: string) => {
          const search = document.querySelector(
            'fieldset[data-kind="vendor"] input[type="search"]',
          ) as HTMLInputElement;
          search.value = name.toLowerCase();
          search.dispatchEvent(new Event('input', { bubbles: true }));
        }, last);
        const found = await waitFor(
          () => options.evaluate(() => document.getElementById('source-vendor-19999') !== null),
          (shown) => shown,
        );
        expect(found).toBe(true);
        await toggleSource(options, 'vendor-19999');
        const off = await waitFor(
          () =>
            env.harness.inExtension(
              async (api) =>
                ((await api.storage.sync.get('settings')).settings as { disabledSources: string[] }).disabledSources,
            ),
          (ids) => ids.includes('vendor-19999'),
        );
        expect(off).toEqual(['vendor-19999']);
        await toggleSource(options, 'vendor-19999');

        // A page naming the last vendor: marked, and its card has the firm's claim and the answer.
        // An address no earlier spec reported from: the harness finds a page's tab by it.
        const page = await env.harness.openPage(env.server.url('/fixtures/no-vendor/page.html?last'));
        const tabId = await tabIdOf(env.harness, page);
        await addParagraph(page, `${last} denied the report.`);
        const marks = await waitFor(
          () => markedTexts(page),
          (m) => m.length > 0,
          60_000,
        );
        expect(marks.map((m) => m.text)).toEqual([last]);
        // Sent again until the tab answers, as a reader presses the key again: once, with four
        // browsers on two cores, the first send found no listener in the tab.
        const next = () =>
          env.harness
            .inExtension((api, id: number) => api.tabs.sendMessage(id, { type: 'next-mention' }), tabId)
            .then(
              () => true,
              () => false,
            );
        expect(await waitFor(next, (sent) => sent, 30_000)).toBe(true);
        const card = await waitFor(
          () => cardResponders(page),
          (list) => list !== null && list.length > 0,
          30_000,
        );
        expect(card).toEqual([
          {
            title: `Firm 199 Research on ${last} sending usage data`,
            pairs: [
              {
                claimant: expect.stringMatching(/^Firm 199 Research\b/),
                responders: [expect.stringMatching(`^${last} Inc\\.`)],
              },
            ],
          },
        ]);

        // The popup for that page reads the pack for its dispute; on a page that found nothing, a
        // search reads it and finds another vendor's.
        const titles = (popup: TestPage) =>
          popup.evaluate(() => [...document.querySelectorAll('.cc-title')].map((h) => h.textContent ?? ''));
        const popup = await env.harness.openPopup(page);
        try {
          await extensionPageReady(popup);
          expect(await titles(popup)).toContain(`Firm 199 Research on ${last} sending usage data`);
        } finally {
          await popup.close();
        }
        await page.close();
        // Another address: the harness finds a page's tab by it.
        const plain = await env.harness.openPage(env.server.url('/fixtures/no-vendor/page.html?plain'));
        const searching = await env.harness.openPopup(plain);
        try {
          await extensionPageReady(searching);
          expect(await titles(searching)).toEqual([]);
          const other = vendors[5] as string;
          await searching.evaluate((name: string) => {
            const input = document.getElementById('popup-search-input') as HTMLInputElement;
            input.value = name;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }, other);
          const found = await waitFor(
            () => titles(searching),
            (list) => list.some((title) => title.includes(other)),
            30_000,
          );
          expect(found).toEqual([`Firm 5 Research on ${other} sending usage data`]);
        } finally {
          await searching.close();
          await plain.close();
        }
        await removeFirstPack(options, env.harness);
        await waitFor(
          () => packIds(env.harness),
          (ids) => ids.length === 0,
          60_000,
        );
      } finally {
        await removeEveryPack(options, env.harness); // also when the spec failed half-way
        await chooseDensity(options, 'about');
        await options.close();
      }
    });

    it('a refused import says why in the words of _locales, and installs nothing', async () => {
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        const packsBefore = await env.harness.inExtension(async (api) => (await api.storage.local.get('packs')).packs);
        await chooseFile(options, 'cut.json', '{"disputes": [{"id": "a"');
        expect(
          await waitFor(
            () => errorNotice(options),
            (n) => n !== null,
          ),
        ).toEqual({
          text: 'cut.json was not imported, and nothing has changed:',
          problems: ['(file): is cut off: the JSON ends early at character 24, with 3 unclosed brackets'],
        });
        await chooseFile(options, 'string.json', '"a pack"');
        expect(
          await waitFor(
            () => errorNotice(options),
            (n) => n?.text.startsWith('string.json') === true,
          ),
        ).toEqual({
          text: 'string.json was not imported, and nothing has changed:',
          problems: ['(root): must be an object or a list, not a string ("a pack")'],
        });
        expect(await env.harness.inExtension(async (api) => (await api.storage.local.get('packs')).packs)).toEqual(
          packsBefore,
        );
      } finally {
        await options.close();
      }
    });
  });
}
