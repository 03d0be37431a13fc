/**
 * A site where the reader turned JavaScript off: the content script still runs there, and so
 * must its parts loaded on demand (the full stage and the card's UI), which a module import
 * could not load in Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tabIdOf } from '../support/extension';
import { markedTexts, waitFor } from '../support/marks';
import { FIXTURES } from '../support/paths';
import type { Session } from '../support/session';
import { centreOf } from './annotation';

const founding = JSON.parse(readFileSync(join(FIXTURES, 'founding-article', 'expected.json'), 'utf8')) as {
  marks: { text: string; kind: string }[];
};

/** Runs in a session whose pages have their scripts off (`pageScripts: false`). */
export function scriptsOffSpecs(env: Session): void {
  describe('a site with JavaScript turned off', () => {
    it('marks the founding article, and a click opens its card', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      try {
        expect(await page.evaluate(() => typeof (window as { pageMutations?: unknown }).pageMutations)).toBe(
          'undefined', // the page's own script did not run
        );
        await tabIdOf(env.harness, page);
        expect(await markedTexts(page)).toEqual(founding.marks);
        const point = await centreOf(page, 'Mi Mover');
        expect(point).not.toBeNull();
        await page.click(point?.x ?? 0, point?.y ?? 0);
        const titles = await waitFor(
          () =>
            page.inClosedRoot('counterclaim-card', (root) =>
              [...root.querySelectorAll('.cc-title')].map((title) => title.textContent ?? ''),
            ),
          (found) => (found?.length ?? 0) > 0,
        );
        expect(titles?.[0]).toMatch(/eScan/);
      } finally {
        await page.close();
      }
    });
  });
}
