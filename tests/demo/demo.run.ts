/**
 * `npm run demo`: the built extension in Chromium on the founding article (the project's own
 * page about it, tests/fixtures/founding-article, served on loopback), saving what a reader sees
 * to docs/screenshots, which the README shows:
 * the marks, the card on a mention, the popup, and the options page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/chromium';
import { tabIdOf } from '../e2e/support/extension';
import { markedTexts, waitFor } from '../e2e/support/marks';
import { ROOT } from '../e2e/support/paths';
import { startServer } from '../e2e/support/server';

const OUT = join(ROOT, 'docs', 'screenshots');

it('shows the founding article with the extension, and saves screenshots', async () => {
  mkdirSync(OUT, { recursive: true });
  const [harness, server] = await Promise.all([launchChromium(), startServer()]);
  try {
    const page = await harness.openPage(server.url('/fixtures/founding-article/page.html'));
    await tabIdOf(harness, page);
    const marks = await markedTexts(page);
    expect(marks.length).toBeGreaterThan(0);
    await page.screenshot(join(OUT, 'demo-marks.png'));

    // Hover the first "Mi Mover" and wait for the card.
    const point = await page.evaluate(() => {
      for (const r of (CSS.highlights.get('counterclaim-claim') ?? []) as Iterable<AbstractRange>) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (!range.toString().startsWith('Mi')) continue;
        range.startContainer.parentElement?.scrollIntoView({ block: 'start' });
        const box = range.getClientRects()[0] as DOMRect;
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouseMove(point!.x, point!.y);
    await waitFor(
      () => page.inClosedRoot('counterclaim-card', (root) => root.querySelector('.cc-title') !== null),
      (open) => open === true,
    );
    await page.screenshot(join(OUT, 'demo-card.png'));

    const popup = await harness.openPopup(page);
    await waitFor(
      () => popup.evaluate(() => document.body.dataset.ready === 'true'),
      (ok) => ok,
    );
    await popup.screenshot(join(OUT, 'demo-popup.png'));
    await popup.close();

    const options = await harness.openExtensionPage('src/options/index.html');
    await waitFor(
      () => options.evaluate(() => document.body.dataset.ready === 'true'),
      (ok) => ok,
    );
    await options.screenshot(join(OUT, 'demo-options.png'), true);
    console.log(`Screenshots saved in ${OUT}: demo-marks.png, demo-card.png, demo-popup.png, demo-options.png`);
  } finally {
    await harness.close();
    await server.close();
  }
}, 120_000);
