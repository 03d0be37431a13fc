/**
 * The card tells the reader why a dispute is marked, who has a stake in each statement, and when
 * each statement came against the article (at the precision the data has; nothing on an undated
 * page). "Doesn't apply here" hides the dispute on that page, across a reload, and the popup
 * shows it again. axe-core finds no violation inside the card's closed shadow root.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeViolationsInClosedRoot } from '../support/axe';
import { tabIdOf } from '../support/extension';
import type { Launch, TestPage } from '../support/harness';
import { markedTexts, waitFor } from '../support/marks';
import { ROOT } from '../support/paths';
import { extensionPageReady, useSession } from '../support/session';
import { centreOf } from './annotation';

const FOUNDING = 'escan-xiaomi-2017';
/** Git-ignored: screenshots to look at. */
const SHOTS = join(ROOT, 'test-results', 'screenshots');

interface CardStatement {
  who: string;
  stake: string | null;
  date: string;
  when: string | null;
}

interface CardView {
  titles: string[];
  why: string[];
  statements: CardStatement[];
  dismiss: string[];
}

/** What the open card shows, read inside its closed shadow root; null when no card is open. */
const readCard = (page: TestPage) =>
  page.inClosedRoot('counterclaim-card', (root): CardView | null => {
    const card = root.querySelector('.card');
    if (!card) return null;
    const text = (el: Element | null) => el?.textContent?.trim() ?? null;
    return {
      titles: [...card.querySelectorAll('.cc-title')].map((h) => h.textContent ?? ''),
      why: [...card.querySelectorAll('.cc-why')].map((p) => p.textContent ?? ''),
      statements: [...card.querySelectorAll('.cc-statement')].map((s) => ({
        who: text(s.querySelector('.cc-who')) ?? '',
        stake: text(s.querySelector('.cc-stake')),
        date: text(s.querySelector('.cc-byline time')) ?? '',
        when: text(s.querySelector('.cc-when')),
      })),
      dismiss: [...card.querySelectorAll('.card-dismiss')].map((b) => b.getAttribute('aria-label') ?? ''),
    };
  });

export function cardSpecs(launch: Launch): void {
  const env = useSession(launch);

  /** Opens `file` and pins the card of its first "Mi Mover" mention, as a click does. */
  async function openCard(file: string): Promise<{ page: TestPage; tabId: number; card: CardView }> {
    const page = await env.harness.openPage(env.server.url(`/fixtures/relevance/dated/${file}`));
    const tabId = await tabIdOf(env.harness, page);
    await page.bringToFront();
    // Only mentions near the viewport are registered: bring the first one on screen.
    await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        if (walker.currentNode.textContent?.includes('Mi Mover')) {
          walker.currentNode.parentElement?.scrollIntoView({ block: 'center' });
          return;
        }
      }
    });
    const point = await centreOf(page, 'Mi Mover');
    expect(point).not.toBeNull();
    await page.click(point!.x, point!.y);
    const card = await waitFor(
      () => readCard(page),
      (c) => c !== null && c.titles.length > 0,
    );
    expect(card?.titles[0]).toMatch(/eScan/);
    return { page, tabId, card: card as CardView };
  }

  describe('the card', () => {
    it("says why the dispute is marked and each speaker's stake; passes axe inside its shadow root", async () => {
      const { page, card } = await openCard('escan-2017-08-10.html');
      try {
        expect(card.why[0]).toMatch(/^Why marked:/);
        expect(card.why[0]).toMatch(/eScan[^;]* — the claimant/);
        expect(card.why[0]).toMatch(/ — claims? of this dispute/);
        expect(card.why[0]).toMatch(/Xiaomi ×\d/);
        const stakeOf = (who: RegExp) => card.statements.find((s) => who.test(s.who))?.stake;
        expect(stakeOf(/^eScan/)).toBe('claimant');
        expect(stakeOf(/^Xiaomi/)).toBe('accused vendor');
        // A source the data gives no stake for has no label.
        expect(card.statements.some((s) => s.stake === null)).toBe(true);
        expect(card.dismiss[0]).toMatch(/^Doesn’t apply here: hide “.*eScan.*” on this page$/);
        expect(await axeViolationsInClosedRoot(page, 'counterclaim-card')).toEqual([]);
        if (env.harness.name === 'chromium') {
          mkdirSync(SHOTS, { recursive: true });
          await page.screenshot(join(SHOTS, 'card-light.png'));
          await page.colorScheme('dark');
          await page.screenshot(join(SHOTS, 'card-dark.png'));
          expect(await axeViolationsInClosedRoot(page, 'counterclaim-card')).toEqual([]);
        }
      } finally {
        await page.close();
      }
    });

    it('dates each statement against a page of 10 August 2017: the day of it, after it, in its month', async () => {
      const { page, card } = await openCard('escan-2017-08-10.html');
      try {
        const facebook = card.statements.find((s) => /^Facebook/.test(s.who));
        // In the browser's locale: "11 August 2017" or "August 11, 2017".
        expect(facebook?.date).toMatch(/^(11 August 2017|August 11, 2017)$/);
        expect(facebook?.when).toBe('after this article');
        const claims = card.statements.filter((s) => /^eScan/.test(s.who));
        expect(claims.length).toBeGreaterThan(0);
        for (const claim of claims) expect(claim.when).toBe('the day of this article');
        // Known only to the month, and only approximately: never a made-up day.
        const tester = card.statements.find((s) => /^about August 2017$/.test(s.date));
        expect(tester?.when).toBe('in the month of this article (August 2017)');
      } finally {
        await page.close();
      }
    });

    it('on a page dated by <time> in its header (12 August 2017) the statement of the 11th came before it', async () => {
      const { page, card } = await openCard('escan-time-element.html');
      try {
        expect(card.statements.find((s) => /^Facebook/.test(s.who))?.when).toBe('before this article');
      } finally {
        await page.close();
      }
    });

    it('on a page of 2018 every statement came before it; an undated page shows no such line', async () => {
      const later = await openCard('escan-2018.html');
      try {
        const lines = later.card.statements.map((s) => s.when);
        expect(lines.length).toBeGreaterThan(3);
        expect(new Set(lines)).toEqual(new Set(['before this article']));
      } finally {
        await later.page.close();
      }
      const undated = await openCard('escan-undated.html');
      try {
        expect(undated.card.statements.length).toBeGreaterThan(3);
        expect(undated.card.statements.map((s) => s.when).filter((w) => w !== null)).toEqual([]);
        // The statements keep their own dates.
        expect(undated.card.statements.some((s) => /^(10 August 2017|August 10, 2017)$/.test(s.date))).toBe(true);
      } finally {
        await undated.page.close();
      }
    });

    it('"Doesn\'t apply here" hides the dispute on this page across a reload; the popup shows it again', {
      timeout: 120_000,
    }, async () => {
      const { page } = await openCard('escan-undated.html');
      try {
        const before = await markedTexts(page);
        expect(before.map((m) => m.text)).toContain('Mi Mover');
        await page.inClosedRoot('counterclaim-card', (root) =>
          (root.querySelector('.card-dismiss') as HTMLButtonElement).click(),
        );
        expect(
          await waitFor(
            () => readCard(page),
            (c) => c === null,
          ),
        ).toBeNull();
        expect(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length === 0,
          ),
        ).toEqual([]);

        await page.goto(page.url);
        await tabIdOf(env.harness, page);
        // Give the new copy of the content script time to scan and (wrongly) mark.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(await markedTexts(page)).toEqual([]);

        const popup = await env.harness.openPopup(page);
        try {
          await extensionPageReady(popup);
          const hidden = await waitFor(
            () =>
              popup.evaluate(() =>
                [...document.querySelectorAll('.popup-dismissed-line')].map((li) => li.getAttribute('data-dispute')),
              ),
            (ids) => ids.length > 0,
          );
          expect(hidden).toEqual([FOUNDING]);
          const aboutNow = await popup.evaluate(() => document.querySelector('.popup-about') !== null);
          expect(aboutNow).toBe(false);
          await popup.evaluate(() => (document.querySelector('.popup-undo') as HTMLButtonElement).click());
          expect(
            await waitFor(
              () => popup.evaluate(() => document.querySelector('.popup-dismissed') === null),
              (gone) => gone,
            ),
          ).toBe(true);
          // Listed again under "About this page".
          expect(
            await waitFor(
              () =>
                popup.evaluate(() =>
                  document.querySelector(`.popup-about [data-dispute]`)?.getAttribute('data-dispute'),
                ),
              (id) => id === FOUNDING,
            ),
          ).toBe(FOUNDING);
        } finally {
          await popup.close();
        }
        // Counted with the page in front: a hidden tab (Firefox opens the popup as a tab here)
        // registers no marks while it is scrolled.
        await page.bringToFront();
        const restored = await waitFor(
          () => markedTexts(page),
          (m) => m.length === before.length,
        );
        expect(restored.map((m) => m.text)).toEqual(before.map((m) => m.text));
      } finally {
        await page.close();
      }
    });
  });
}
