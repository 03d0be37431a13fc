/**
 * Issue 4: inline annotation on the founding-article fixture. Hovering a mark previews the card
 * with both sides, Esc closes it, the keyboard command walks through every mention with the card
 * focused, text the page adds later is marked, and the page's own MutationObserver sees nothing
 * but the one card host.
 */
import { describe, expect, it } from 'vitest';
import { NEAR_FRACTION } from '../../../src/content/viewport';
import type { MarkWhich } from '../../../src/core/settings';
import { STAGE_FILES } from '../../../src/core/stages';
import { findingIds, storedFindings, tabIdOf } from '../support/extension';
import type { Harness, Launch, TestPage } from '../support/harness';
import { evaluateWithRanges } from '../support/live-ranges';
import { markedTexts, waitFor } from '../support/marks';
import { writeSettings } from '../support/reader-state';
import { useSession } from '../support/session';

interface CardView {
  titles: string[];
  focusedClaim: string | null;
  claimSides: string[];
  responseSides: string[][];
}

/** What the card shows, read from inside its closed shadow root. */
const readCard = (page: TestPage) =>
  page.inClosedRoot('counterclaim-card', (root) => {
    const card = root.querySelector('.card');
    if (!card) return null;
    return {
      titles: [...card.querySelectorAll('.cc-title')].map((h) => h.textContent ?? ''),
      focusedClaim: card.querySelector('.cc-focused')?.getAttribute('data-claim') ?? null,
      claimSides: [...card.querySelectorAll('.cc-pair')].map(
        (p) => p.querySelector('.cc-claim-side .cc-who')?.textContent ?? '',
      ),
      responseSides: [...card.querySelectorAll('.cc-pair')].map((p) =>
        [...p.querySelectorAll('.cc-response-side .cc-who')].map((w) => w.textContent ?? ''),
      ),
    };
  });

/**
 * Centre of the `n`-th registered range whose text is `text`, in viewport coordinates, once it is
 * registered (the findings are reported before the marks near the viewport are all registered).
 */
export const centreOf = (page: TestPage, text: string, n = 0) =>
  waitFor(
    () => rangeCentre(page, text, n),
    (point) => point !== null,
  );

const rangeCentre = (page: TestPage, text: string, n: number) =>
  evaluateWithRanges(
    page,
    (liveRanges, { text, n }) => {
      const target = liveRanges(['counterclaim-dispute', 'counterclaim-claim'])
        .filter((r) => r.toString().replace(/\s+/g, ' ') === text)
        .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))[n];
      if (!target) return null;
      target.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const box = target.getClientRects()[0] as DOMRect;
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    },
    { text, n },
  );

/** Which mentions are marked, written to the synced settings as the options page does. */
const setMarkWhich = (harness: Harness, which: MarkWhich) => writeSettings(harness, { markWhich: which });

/** The text of the mention the focus highlight is on. */
const focusedText = (page: TestPage) =>
  evaluateWithRanges(
    page,
    (liveRanges) => liveRanges(['counterclaim-focus'])[0]?.toString().replace(/\s+/g, ' ') ?? null,
  );

export function annotationSpecs(launch: Launch): void {
  const env = useSession(launch);

  describe('inline annotation on the founding article', () => {
    it('hover previews the card with both sides, Esc closes it, the page sees only the card host', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      await tabIdOf(env.harness, page);
      await page.bringToFront();
      const point = await centreOf(page, 'Mi Mover');
      expect(point).not.toBeNull();
      await page.mouseMove(point!.x, point!.y);
      const card = (await waitFor(
        () => readCard(page),
        (c) => c !== null && c.titles.length > 0,
      )) as CardView;
      expect(card.titles[0]).toMatch(/eScan/);
      // The mention is Mi Mover, so the Mi Mover claim comes first, with eScan against Xiaomi.
      expect(card.focusedClaim).toBe('mi-mover-cloning');
      expect(card.claimSides[0]).toMatch(/^eScan\b/);
      expect(card.responseSides[0]?.some((who) => /^Xiaomi\b/.test(who))).toBe(true);

      if (env.harness.name === 'chromium') {
        // The card's UI came from a web-accessible file, which Chromium serves only at the
        // session's dynamic URL: a page cannot probe the extension's fixed URL to detect it.
        const urls = await env.harness.inExtension(
          (api, path: string) => ({
            fixed: `chrome-extension://${api.runtime.id}/${path}`,
            dynamic: api.runtime.getURL(path) as string,
          }),
          STAGE_FILES.card,
        );
        const loads = (url: string) =>
          fetch(url, { mode: 'no-cors' }).then(
            () => true,
            () => false,
          );
        expect(urls.dynamic).not.toBe(urls.fixed);
        expect(await page.evaluate(loads, urls.fixed)).toBe(false);
        expect(await page.evaluate(loads, urls.dynamic)).toBe(true);
      }

      await page.press('Escape');
      expect(
        await waitFor(
          () => readCard(page),
          (c) => c === null,
        ),
      ).toBeNull();

      const mutations = await page.evaluate(() => (window as unknown as { pageMutations: unknown[] }).pageMutations);
      expect(mutations).toEqual([
        { type: 'childList', target: 'HTML', added: ['COUNTERCLAIM-CARD'], removed: [], attribute: null },
      ]);
      await page.close();
    });

    it('a click pins the card; a click elsewhere closes it', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      await tabIdOf(env.harness, page);
      await page.bringToFront();
      const point = await centreOf(page, 'Redmi');
      expect(point).not.toBeNull();
      await page.click(point!.x, point!.y);
      const card = await waitFor(
        () => readCard(page),
        (c) => c !== null && c.titles.length > 0,
      );
      expect(card?.titles.length).toBeGreaterThan(0);
      expect(await focusedText(page)).toBe('Redmi');
      await page.click(5, 5);
      expect(
        await waitFor(
          () => readCard(page),
          (c) => c === null,
        ),
      ).toBeNull();
      await page.close();
    });

    it('the next-mention command moves through every mention in order, with the card focused', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      await page.bringToFront();
      const marks = await markedTexts(page);
      expect(marks.length).toBeGreaterThan(5);
      const visited: string[] = [];
      for (let i = 0; i <= marks.length; i++) {
        // What the background does when the reader presses the command's keys.
        await env.harness.inExtension((api, id: number) => api.tabs.sendMessage(id, { type: 'next-mention' }), tabId);
        visited.push(
          (await waitFor(
            () => focusedText(page),
            (t) => t !== null,
          )) ?? '',
        );
        // The focus highlight comes first; the card takes focus once its details have arrived.
        const focused = await waitFor(
          () => page.evaluate(() => document.activeElement?.nodeName ?? null),
          (name) => name === 'COUNTERCLAIM-CARD',
        );
        expect(focused).toBe('COUNTERCLAIM-CARD');
      }
      // Every mention once, in document order, then around to the first again.
      expect(visited).toEqual([...marks.map((m) => m.text), marks[0]?.text]);
      await page.close();
    });

    it('marks text the page adds or changes later, without rescanning the rest', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      const before = await markedTexts(page);
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.append('Update: a second antivirus vendor looked at MIUI on a Redmi Note and found nothing new.');
        document.querySelector('article')?.append(p);
        const byline = document.querySelector('.byline')?.firstChild as Text;
        byline.data = 'By a staff writer who covers Xiaomi';
      });
      const after = await waitFor(
        () => markedTexts(page),
        (m) => m.length >= before.length + 3,
      );
      expect(after.map((m) => m.text)).toEqual([
        before[0]?.text,
        before[1]?.text,
        'Xiaomi',
        ...before.slice(2).map((m) => m.text),
        'MIUI',
        'Redmi',
      ]);
      const findings = await storedFindings(env.harness, tabId);
      expect(findingIds(findings)[0]).toBe('escan-xiaomi-2017');

      // Taken away again: the paragraph removed, the byline's text emptied. Their marks go, the
      // rest stay, and the badge's counts follow.
      await page.evaluate(() => {
        document.querySelector('article > p:last-child')?.remove();
        (document.querySelector('.byline')?.firstChild as Text).data = '';
      });
      const restored = await waitFor(
        () => markedTexts(page),
        (m) => m.length === before.length,
      );
      expect(restored.map((m) => m.text)).toEqual(before.map((m) => m.text));
      const counts = await waitFor(
        async () =>
          (await storedFindings(env.harness, tabId))?.disputes.find((d) => d.id === 'escan-xiaomi-2017')?.mentions,
        (c) => c?.MIUI === before.filter((m) => m.text === 'MIUI').length,
      );
      expect(counts?.Redmi ?? 0).toBe(before.filter((m) => m.text === 'Redmi').length);
      await page.close();
    });

    it('registers only the mentions near the viewport, and the rest as the reader scrolls', async () => {
      // The page names Xiaomi 300 times and nothing else of a dispute: on record only, so its
      // mentions are marked when the reader chose every mention.
      await setMarkWhich(env.harness, 'every');
      const page = await env.harness.openPage(env.server.url('/fixtures/long-page/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      // Which notes' mentions are in the registry now, read from the page's own world.
      const registeredNotes = () =>
        page.evaluate(() => {
          const ids: number[] = [];
          for (const name of ['counterclaim-dispute', 'counterclaim-dispute-tint']) {
            for (const r of (CSS.highlights.get(name) ?? []) as unknown as Iterable<AbstractRange>) {
              ids.push(Number((r.startContainer.parentElement?.id ?? '').replace('note-', '')));
            }
          }
          return ids.sort((a, b) => a - b);
        });
      const top = await waitFor(registeredNotes, (ids) => ids.includes(1));
      // The notes on the first screen and within NEAR_FRACTION of a screen below it, no more.
      const onScreen = await page.evaluate(
        () =>
          [...document.querySelectorAll('#notes p')].filter((p) => p.getBoundingClientRect().top < window.innerHeight)
            .length,
      );
      expect(top[0]).toBe(1);
      expect(top.length).toBeGreaterThanOrEqual(onScreen);
      expect(top.length).toBeLessThanOrEqual(Math.ceil(onScreen * (1 + NEAR_FRACTION)) + 1);
      // The badge and the popup count every mention, registered or not.
      const findings = await storedFindings(env.harness, tabId);
      expect(findings?.disputes.find((d) => d.id === 'escan-xiaomi-2017')?.mentions.Xiaomi).toBe(300);
      // Reading the findings can put an extension page in front (Firefox): a hidden tab is not
      // rendered, so it would get no IntersectionObserver reports while it scrolls.
      await page.bringToFront();

      await page.evaluate(() => document.getElementById('note-300')?.scrollIntoView({ block: 'end' }));
      const bottom = await waitFor(registeredNotes, (ids) => ids.includes(300) && !ids.includes(1));
      expect(bottom).toContain(300);
      expect(bottom).not.toContain(1);
      expect(bottom.length).toBeLessThanOrEqual(Math.ceil(onScreen * (1 + 2 * NEAR_FRACTION)) + 2);
      // Scrolling through the page finds every note marked on the way.
      expect((await markedTexts(page)).length).toBe(300);
      await page.close();
      await setMarkWhich(env.harness, 'about');
    });
  });
}
