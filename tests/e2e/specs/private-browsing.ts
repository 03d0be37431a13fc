/**
 * A reader who always browses privately (and allowed the add-on in private windows): Firefox
 * then refuses the add-on its IndexedDB, which is why the Firefox build keeps imported packs'
 * datasets in storage.local. A pack imported then is used as any other: its dispute is
 * marked on a page, its card shows the pack's statements, and removing it takes its dataset too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACK_RECORD_PREFIX } from '../../../src/core/pack-layout';
import { cardResponders } from '../support/card';
import { tabIdOf } from '../support/extension';
import type { Launch } from '../support/harness';
import { markedTexts, waitFor } from '../support/marks';
import { chooseFile, OPTIONS, removeEveryPack } from '../support/options-page';
import { FIXTURES } from '../support/paths';
import { extensionPageReady, useSession } from '../support/session';

export function privateBrowsingSpecs(launch: Launch): void {
  const env = useSession(launch, { alwaysPrivate: true });

  it('a pack imported with IndexedDB refused is kept in storage.local and used on pages', {
    timeout: 90_000,
  }, async () => {
    const refused = await env.harness.inExtension(
      () =>
        new Promise<boolean>((resolve) => {
          const opening = indexedDB.open('counterclaim-probe', 1);
          opening.onsuccess = () => resolve(false);
          opening.onerror = () => resolve(true);
        }),
    );
    expect(refused).toBe(true);
    const records = () =>
      env.harness.inExtension(
        async (api, prefix: string) =>
          Object.keys(await api.storage.local.get(null)).filter((key) => key.startsWith(prefix)),
        PACK_RECORD_PREFIX,
      );

    const options = await env.harness.openExtensionPage(OPTIONS);
    try {
      await extensionPageReady(options);
      // A ClaimReview carries no signals: its dispute is marked when every mention is.
      await options.evaluate(() => (document.getElementById('mark-which-every') as HTMLInputElement).click());
      const file = readFileSync(join(FIXTURES, 'imports', 'claimreview', 'single.json'), 'utf8');
      await chooseFile(options, 'claimreview.json', file);
      const notice = await waitFor(
        () => options.evaluate(() => document.querySelector('.notice-ok p')?.textContent ?? ''),
        (text) => /^Imported/.test(text),
        30_000,
      );
      expect(notice).toMatch(/^Imported .+: 1 dispute\.$/);
      expect(await records()).toEqual([expect.stringMatching(/^pack-record:claimreview-example-checks-/)]);

      // The background reads the pack's dataset from there for a card.
      const page = await env.harness.openPage(env.server.url('/fixtures/claimreview-subject/page.html'));
      try {
        const marks = await waitFor(
          () => markedTexts(page),
          (m) => m.length > 0,
          15_000,
        );
        expect(marks.map((m) => m.text)).toContain('Globex G5');
        const tabId = await tabIdOf(env.harness, page);
        await page.bringToFront();
        await env.harness.inExtension((api, id: number) => api.tabs.sendMessage(id, { type: 'next-mention' }), tabId);
        const card = await waitFor(
          () => cardResponders(page),
          (list) => list !== null && list.length > 0,
        );
        expect(card?.[0]?.pairs[0]?.claimant).toMatch(/^Globex Phones\b/);
      } finally {
        await page.close();
      }

      await options.bringToFront();
      await removeEveryPack(options, env.harness);
      // The dataset goes right after the list that named it.
      expect(
        await waitFor(
          () => records(),
          (left) => left.length === 0,
        ),
      ).toEqual([]);
    } finally {
      await options.close();
    }
  });
}
