/**
 * The popup for the founding-article tab lists the dispute the page is about first, open, each
 * claim next to its response, with why it is marked; the disputes only on record for Xiaomi
 * follow one line each, opened on demand. Its jump button scrolls the page to a mention, its
 * switch pauses and resumes the site in the open tab (marks and badge go and come back), and on a
 * page without disputes its search finds the founding dispute. axe-core finds no violation in
 * any state. Screenshots (light and dark) go to test-results/screenshots (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { badgeText, tabIdOf } from '../support/extension';
import type { Launch, TestPage } from '../support/harness';
import { markedTexts, waitFor } from '../support/marks';
import { ROOT } from '../support/paths';

/** Git-ignored: screenshots to look at, never over the tracked ones in docs/screenshots. */
const SHOTS = join(ROOT, 'test-results', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

import { extensionPageReady, useSession } from '../support/session';

/** Each claim's box and its response box, to show they sit side by side. */
const pairLayout = (popup: TestPage) =>
  popup.evaluate(() =>
    [...document.querySelectorAll('.cc-pair')].slice(0, 4).map((pair) => {
      const claim = pair.querySelector('.cc-claim-side')?.getBoundingClientRect();
      const response = pair.querySelector('.cc-response-side')?.getBoundingClientRect();
      return {
        claimRight: claim?.right ?? 0,
        responseLeft: response?.left ?? 0,
        sameRow: claim?.top === response?.top,
      };
    }),
  );

const popupNote = (popup: TestPage) =>
  waitFor(
    () => popup.evaluate(() => document.querySelector('.popup-note')?.textContent ?? null),
    (note) => note !== null,
  );

export function popupSpecs(launch: Launch): void {
  const env = useSession(launch);

  describe('the popup on the founding article', () => {
    it('lists the dispute it is about first and open, the ones on record one line each; passes axe', {
      timeout: 120_000,
    }, async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      await tabIdOf(env.harness, page);
      const popup = await env.harness.openPopup(page);
      try {
        await extensionPageReady(popup);
        const view = await popup.evaluate(() => ({
          count: document.querySelector('.popup-count')?.textContent ?? '',
          about: [...document.querySelectorAll('.popup-about .cc-title')].map((h) => h.textContent ?? ''),
          why: document.querySelector('.popup-about .cc-why')?.textContent ?? '',
          stakes: [...document.querySelectorAll('.popup-about .cc-stake')].map((s) => s.textContent ?? ''),
          onRecord: [...document.querySelectorAll('.popup-record details.popup-line')].map((d) => ({
            open: (d as HTMLDetailsElement).open,
            line: d.querySelector('summary')?.textContent ?? '',
          })),
          mentions: document.querySelector('.popup-mentions')?.textContent ?? '',
          jump: document.querySelector('.popup-actions .popup-button')?.textContent ?? '',
        }));
        expect(view.about).toHaveLength(1);
        expect(view.about[0]).toMatch(/eScan/);
        expect(view.count).toMatch(/^1 dispute about this page · \d+ on record for vendors named here$/);
        expect(view.why).toMatch(/^Why marked: eScan\b[^;]* — the claimant; /);
        expect(view.why).toMatch(/Xiaomi ×4/);
        expect(view.why).toMatch(/Mi Mover ×2/);
        expect(view.stakes).toEqual(expect.arrayContaining(['claimant', 'accused vendor']));
        // The other Xiaomi disputes: one closed line each, naming the vendor as the page does.
        expect(view.onRecord.length).toBeGreaterThan(0);
        for (const line of view.onRecord) {
          expect(line.open).toBe(false);
          expect(line.line).toMatch(/Xiaomi|Redmi|MIUI/);
        }
        expect(view.mentions).toMatch(/^\d+ mentions$/);
        expect(view.jump).toBe('Go to next mention');
        for (const pair of await pairLayout(popup)) {
          expect(pair.sameRow).toBe(true);
          expect(pair.responseLeft).toBeGreaterThanOrEqual(pair.claimRight);
        }
        expect(await axeViolations(popup)).toEqual([]);
        // Opened on demand, with both sides.
        await popup.evaluate(() => (document.querySelector('.popup-record summary') as HTMLElement).click());
        const opened = await popup.evaluate(
          () => document.querySelector('.popup-record .popup-line[open]')?.querySelectorAll('.cc-pair').length ?? 0,
        );
        expect(opened).toBeGreaterThan(0);
        expect(await axeViolations(popup)).toEqual([]);
        if (env.harness.name === 'chromium') {
          await popup.evaluate(() => window.scrollTo(0, 0));
          await popup.screenshot(join(SHOTS, 'popup-light.png'));
          await popup.evaluate(() => document.querySelector('.popup-record')?.scrollIntoView());
          await popup.screenshot(join(SHOTS, 'popup-on-record-light.png'));
          await popup.colorScheme('dark');
          await popup.screenshot(join(SHOTS, 'popup-on-record-dark.png'));
          await popup.evaluate(() => window.scrollTo(0, 0));
          await popup.screenshot(join(SHOTS, 'popup-dark.png'));
          expect(await axeViolations(popup)).toEqual([]);
        }
      } finally {
        await popup.close();
        await page.close();
      }
    });

    it('the jump button scrolls the page to a mention and focuses it', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      await tabIdOf(env.harness, page);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const bottom = await page.evaluate(() => window.scrollY);
      const popup = await env.harness.openPopup(page);
      try {
        await extensionPageReady(popup);
        await popup.evaluate(() =>
          (document.querySelector('.popup-actions .popup-button') as HTMLButtonElement).click(),
        );
        const scrolled = await waitFor(
          () => page.evaluate(() => window.scrollY),
          (y) => y < bottom,
        );
        expect(scrolled).toBeLessThan(bottom);
        const focused = await page.evaluate(() => CSS.highlights.get('counterclaim-focus')?.size ?? 0);
        expect(focused).toBe(1);
      } finally {
        await popup.close();
        await page.close();
      }
    });

    it('pausing the site removes the marks and the badge at once; resuming brings them back', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      const marked = (await markedTexts(page)).length;
      expect(marked).toBeGreaterThan(0);
      const popup = await env.harness.openPopup(page);
      const toggle = () =>
        popup.evaluate(() => (document.querySelector('.popup-pause input') as HTMLInputElement).click());
      try {
        await extensionPageReady(popup);
        await toggle();
        expect(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length === 0,
          ),
        ).toEqual([]);
        expect(
          await waitFor(
            () => badgeText(env.harness, tabId),
            (b) => b === '',
          ),
        ).toBe('');
        expect(await popup.evaluate(() => document.querySelector('.popup-note')?.textContent)).toMatch(/Paused/);

        await toggle();
        expect(
          (
            await waitFor(
              () => markedTexts(page),
              (m) => m.length === marked,
            )
          ).length,
        ).toBe(marked);
        expect(
          await waitFor(
            () => badgeText(env.harness, tabId),
            (b) => b !== '',
          ),
        ).not.toBe('');
      } finally {
        await popup.close();
        await page.close();
      }
    });
  });

  describe('the popup on a page without disputes', () => {
    it('searches the whole dataset: "Mi Mover" finds the founding dispute; passes axe', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/no-vendor/page.html'));
      await tabIdOf(env.harness, page);
      const popup = await env.harness.openPopup(page);
      try {
        await extensionPageReady(popup);
        // The content script ran and found nothing (its first stage never messages): "nothing
        // here", not "cannot read this kind of page".
        expect(await popupNote(popup)).toBe('No disputed vendor or product is mentioned on this page.');
        await popup.evaluate(() => {
          const input = document.getElementById('popup-search-input') as HTMLInputElement;
          input.focus();
          input.value = 'Mi Mover';
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
        const titles = await waitFor(
          () => popup.evaluate(() => [...document.querySelectorAll('.cc-title')].map((h) => h.textContent ?? '')),
          (list) => list.length > 0,
        );
        expect(titles).toHaveLength(1);
        expect(titles[0]).toMatch(/eScan/);
        expect(await popup.evaluate(() => document.querySelector('.popup-search-status')?.textContent)).toBe(
          '1 matching dispute',
        );
        expect(await axeViolations(popup)).toEqual([]);
        if (env.harness.name === 'chromium') await popup.screenshot(join(SHOTS, 'popup-search.png'));
      } finally {
        await popup.close();
        await page.close();
      }
    });

    it('on a page the content script does not run on, says it does not read this kind of page', async () => {
      // The extension's own options page: no content script runs there, as on browser pages.
      const page = await env.harness.openExtensionPage('src/options/index.html');
      const popup = await env.harness.openPopup(page);
      try {
        await extensionPageReady(popup);
        expect(await popupNote(popup)).toBe('Counterclaim does not read this kind of page.');
      } finally {
        await popup.close();
        await page.close();
      }
    });
  });
}
