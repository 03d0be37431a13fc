/**
 * Issue 6: options reach open tabs at once. Switching eScan off removes eScan's claims from the
 * card and the popup of an already open tab, without a reload; switching off every source of a
 * dispute unmarks it. Importing a ClaimReview file makes its dispute appear on a page that
 * mentions its subject. axe-core finds no violation on the options page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { storedFindings, tabIdOf } from '../support/extension';
import type { Launch, TestPage } from '../support/harness';
import { markedTexts, waitFor } from '../support/marks';
import { FIXTURES } from '../support/paths';
import { extensionPageReady, useSession } from '../support/session';

const OPTIONS = 'src/options/index.html';

/** Flips a source's switch the way a click does. */
const toggleSource = (options: TestPage, id: string) =>
  options.evaluate(
    (sourceId: string) => (document.getElementById(`source-${sourceId}`) as HTMLInputElement).click(),
    id,
  );

/** Each dispute in the card open in `page`, with its claim sides (read inside the closed root). */
const cardClaimants = (page: TestPage) =>
  page.inClosedRoot('counterclaim-card', (root) =>
    [...root.querySelectorAll('.cc-dispute')].map((dispute) => ({
      title: dispute.querySelector('.cc-title')?.textContent ?? '',
      pairs: [...dispute.querySelectorAll('.cc-pair')].map((pair) => ({
        claimant: pair.querySelector('.cc-claim-side .cc-who')?.textContent ?? null,
        hiddenNote: pair.querySelector('.cc-claim-side .cc-hidden-note') !== null,
      })),
    })),
  );

export function optionsSpecs(launch: Launch): void {
  const env = useSession(launch);

  describe('the options page', () => {
    it('passes an axe scan', async () => {
      const options = await env.harness.openExtensionPage(OPTIONS);
      await extensionPageReady(options);
      expect(await axeViolations(options)).toEqual([]);
      await options.close();
    });

    it("switching eScan off hides eScan's claims in an open tab's card and popup, without reload", async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        await toggleSource(options, 'escan');

        // The card, opened after the change in the tab that was already open.
        await page.bringToFront();
        await env.harness.inExtension((api, id: number) => api.tabs.sendMessage(id, { type: 'next-mention' }), tabId);
        const disputes = await waitFor(
          () => cardClaimants(page),
          (list) => list !== null && list.length > 0,
        );
        const founding = disputes?.find((d) => /eScan/.test(d.title));
        expect(founding?.pairs.length).toBe(4);
        // Xiaomi's responses remain; eScan's claims are replaced by a note saying they are hidden.
        for (const pair of founding?.pairs ?? []) {
          expect(pair.claimant).toBeNull();
          expect(pair.hiddenNote).toBe(true);
        }
        const everyClaimant = (disputes ?? []).flatMap((d) => d.pairs.map((p) => p.claimant ?? ''));
        expect(everyClaimant.some((name) => /eScan/.test(name))).toBe(false);

        const popup = await env.harness.openPopup(page);
        try {
          await extensionPageReady(popup);
          const popupView = await popup.evaluate(() => ({
            bylines: [...document.querySelectorAll('.cc-who')].map((w) => w.textContent ?? ''),
            hidden: document.querySelector('.popup-hidden')?.textContent ?? '',
          }));
          expect(popupView.bylines.some((name) => /eScan/.test(name))).toBe(false);
          expect(popupView.hidden).toMatch(/^\d+ statements are hidden/);
        } finally {
          await popup.close();
        }
      } finally {
        await toggleSource(options, 'escan'); // back on, for the next spec
        await options.close();
        await page.close();
      }
    });

    it('a dispute with every source switched off is no longer marked', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      expect((await markedTexts(page)).map((m) => m.text)).toContain('Mi Mover');
      const options = await env.harness.openExtensionPage(OPTIONS);
      const everySource = ['escan', 'xiaomi', 'guiding-tech', 'facebook'];
      try {
        await extensionPageReady(options);
        for (const id of everySource) await toggleSource(options, id);
        // Mi Mover names only the founding dispute, so its marks go; the other Xiaomi disputes stay.
        const marks = await waitFor(
          () => markedTexts(page),
          (m) => !m.some((x) => x.text === 'Mi Mover'),
        );
        expect(marks.map((m) => m.text)).not.toContain('Mi Mover');
        const findings = await waitFor(
          () => storedFindings(env.harness, tabId),
          (f) => f !== null && !f.disputes.includes('escan-xiaomi-2017'),
        );
        expect(findings?.disputes).not.toContain('escan-xiaomi-2017');
      } finally {
        for (const id of everySource) await toggleSource(options, id);
        await options.close();
        await page.close();
      }
    });

    it('importing a ClaimReview file makes its dispute appear on a page about its subject', async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/claimreview-subject/page.html'));
      const tabId = await tabIdOf(env.harness, page);
      expect(await markedTexts(page)).toEqual([]);
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        const file = readFileSync(join(FIXTURES, 'imports', 'claimreview', 'single.json'), 'utf8');
        // What choosing a file in the picker does: the input's files change.
        await options.evaluate((text: string) => {
          const input = document.getElementById('import-file') as HTMLInputElement;
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], 'claimreview.json', { type: 'application/json' }));
          input.files = transfer.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }, file);
        const marks = await waitFor(
          () => markedTexts(page),
          (m) => m.length > 0,
          15_000,
        );
        expect(marks.map((m) => m.text)).toContain('Globex G5');
        const findings = await waitFor(
          () => storedFindings(env.harness, tabId),
          (f) => (f?.disputes.length ?? 0) > 0,
        );
        expect(findings?.disputes).toHaveLength(1);
        // Its card shows the imported statements: details come from the pack, not only the bundle.
        await page.bringToFront();
        await env.harness.inExtension((api, id: number) => api.tabs.sendMessage(id, { type: 'next-mention' }), tabId);
        const disputes = await waitFor(
          () => cardClaimants(page),
          (list) => list !== null && list.length > 0,
        );
        expect(disputes?.[0]?.pairs[0]?.claimant).toMatch(/^Globex Phones\b/);
      } finally {
        await options.close();
        await page.close();
      }
    });
  });
}
