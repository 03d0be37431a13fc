/**
 * What the extension keeps about the reader's browsing: a tab's findings live in storage.session
 * only while the tab is open, and reading a page leaves its address in neither storage.sync nor
 * storage.local (only preferences sync; paused sites and dismissals are the reader's own acts).
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS_KEY } from '../../../src/core/settings';
import { storedFindings, tabIdOf } from '../support/extension';
import type { Launch } from '../support/harness';
import { markedTexts, waitFor } from '../support/marks';
import { useSession } from '../support/session';

export function privacySpecs(launch: Launch): void {
  const env = useSession(launch);

  describe('what is kept about browsing', () => {
    it("forgets a tab's findings when the tab closes, and stores no page address", async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      const url = page.url;
      const tabId = await tabIdOf(env.harness, page);
      await waitFor(
        () => markedTexts(page),
        (m) => m.length > 0,
      );
      expect((await storedFindings(env.harness, tabId))?.disputes.length).toBeGreaterThan(0);

      const stored = await env.harness.inExtension(async (api) => ({
        sync: await api.storage.sync.get(null),
        local: await api.storage.local.get(null),
      }));
      expect(Object.keys(stored.sync).every((key) => key === SETTINGS_KEY)).toBe(true);
      const host = new URL(url).host;
      expect(JSON.stringify(stored.sync)).not.toContain(host);
      expect(JSON.stringify(stored.local)).not.toContain(host);

      await page.close();
      expect(
        await waitFor(
          () => storedFindings(env.harness, tabId),
          (state) => state === null,
        ),
      ).toBeNull();
    });
  });
}
