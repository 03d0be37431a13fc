/**
 * A page that names a vendor without being about one of its disputes is surveyed: the background
 * works out its findings from the page's flows, and the page never loads its full stage. In the
 * real browsers: the quiet badge and the stored findings come from the survey alone (the page
 * sends no findings report), and they are the ones the full stage reports once the reader asks
 * for every mention, which marks the page live; pausing the site and dismissing a dispute apply
 * to a surveyed page at once; a page naming only an imported pack's vendor is surveyed the same
 * way, and loses that dispute when the pack is removed; after a single-page app's history navigation the popup still gets
 * its findings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DISMISSALS_KEY, PAUSED_SITES_KEY, pageKeyOf } from '../../../src/core/browsing';
import type { TabState } from '../../../src/core/messages';
import { badgeText, recordContentMessages, type SeenMessage, storedFindings, tabIdOf } from '../support/extension';
import type { Launch, TestPage } from '../support/harness';
import { markedTexts, waitFor } from '../support/marks';
import { chooseFile, OPTIONS, packIds, removeEveryPack } from '../support/options-page';
import { FIXTURES } from '../support/paths';
import { resetReaderState, writeLocal, writeSettings } from '../support/reader-state';
import { extensionPageReady, useSession } from '../support/session';

/** A review naming Globex G5, the subject of the ClaimReview test pack's one dispute. */
const PACK_SUBJECT = '/fixtures/claimreview-subject/page.html';

/** A camera review: it names Huawei, and no dispute's claimant, flaw or cue. */
const REVIEW = '/fixtures/relevance/ordinary/huawei-p60-pro-camera-review.html';

const listed = (state: TabState | null) => (state?.disputes ?? []).filter((d) => !d.dismissed).map((d) => d.id);

export function surveySpecs(launch: Launch): void {
  const env = useSession(launch);

  afterEach(() => resetReaderState(env.harness));

  /** The review in a new tab, once the background has its findings. */
  async function openReview(): Promise<{ page: TestPage; tabId: number; state: TabState }> {
    const page = await env.harness.openPage(env.server.url(REVIEW));
    const tabId = await tabIdOf(env.harness, page);
    const state = (await waitFor(
      () => storedFindings(env.harness, tabId),
      (s) => s !== null,
    )) as TabState;
    return { page, tabId, state };
  }

  const marksGone = (page: TestPage) =>
    waitFor(
      () => markedTexts(page),
      (m) => m.length === 0,
    );

  /** The types of the messages the tab's page sent, once it has shown no mark for a while. */
  async function unmarkedPageSent(page: TestPage, tabId: number, seen: () => Promise<SeenMessage[]>) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await markedTexts(page)).toEqual([]);
    return (await seen()).filter((m) => m.tabId === tabId).map((m) => m.type);
  }

  /**
   * Every mention: the background hands the surveyed page over, and its full stage marks `name`
   * and reports what the survey found; back to the default, the marks go.
   */
  async function everyMentionMarks(
    page: TestPage,
    tabId: number,
    surveyed: TabState,
    name: string,
    seen: () => Promise<SeenMessage[]>,
  ) {
    await writeSettings(env.harness, { markWhich: 'every' });
    const marks = await waitFor(
      () => markedTexts(page),
      (m) => m.length > 0,
    );
    expect(marks.map((m) => m.text)).toContain(name);
    const reported = (await waitFor(
      () => storedFindings(env.harness, tabId),
      (s) => s !== null && s.survey === undefined,
    )) as TabState;
    expect(reported.disputes).toEqual(surveyed.disputes);
    expect(reported.pageDate).toBe(surveyed.pageDate);
    expect((await seen()).filter((m) => m.tabId === tabId).map((m) => m.type)).toContain('findings');

    await writeSettings(env.harness, { markWhich: 'about' });
    expect(await marksGone(page)).toEqual([]);
  }

  describe('a page that only names a vendor', () => {
    it('gets its findings from a survey, the full stage finds the same, and every mention marks it live', {
      timeout: 120_000,
    }, async () => {
      const seen = await recordContentMessages(env.harness);
      const { page, tabId, state: surveyed } = await openReview();
      try {
        expect(surveyed.survey).toBeDefined();
        expect(listed(surveyed).length).toBeGreaterThan(0);
        expect(surveyed.disputes.every((d) => d.relevance === 'on-record')).toBe(true);
        expect(await badgeText(env.harness, tabId)).toBe(`+${listed(surveyed).length}`);
        const types = await unmarkedPageSent(page, tabId, seen);
        expect(types).toContain('survey');
        expect(types).not.toContain('findings'); // the full stage never ran

        await everyMentionMarks(page, tabId, surveyed, 'Huawei', seen);
      } finally {
        await page.close();
      }
    });

    it('follows a pause of its site and a dismissal at once, without loading the full stage', {
      timeout: 120_000,
    }, async () => {
      const seen = await recordContentMessages(env.harness);
      const { page, tabId, state: before } = await openReview();
      try {
        const count = listed(before).length;

        await writeLocal(env.harness, PAUSED_SITES_KEY, [new URL(page.url).host]);
        await waitFor(
          () => badgeText(env.harness, tabId),
          (t) => t === '',
        );
        expect((await storedFindings(env.harness, tabId))?.paused).toBe(true);
        await writeLocal(env.harness, PAUSED_SITES_KEY, []);
        expect(
          await waitFor(
            () => badgeText(env.harness, tabId),
            (t) => t === `+${count}`,
          ),
        ).toBe(`+${count}`);

        // "Doesn't apply here" for the first of them, as the popup's undo list writes it.
        const [first] = listed(before);
        await writeLocal(env.harness, DISMISSALS_KEY, { [pageKeyOf(page.url) as string]: [first] });
        const after = (await waitFor(
          () => storedFindings(env.harness, tabId),
          (s) => s?.disputes.some((d) => d.dismissed) === true,
        )) as TabState;
        expect(after.disputes.find((d) => d.dismissed)?.id).toBe(first);
        expect(await badgeText(env.harness, tabId)).toBe(count > 1 ? `+${count - 1}` : '');
        expect((await seen()).filter((m) => m.tabId === tabId).map((m) => m.type)).not.toContain('findings');
      } finally {
        await page.close();
      }
    });

    it("is surveyed the same way when it names only an imported pack's vendor", { timeout: 120_000 }, async () => {
      const options = await env.harness.openExtensionPage(OPTIONS);
      try {
        await extensionPageReady(options);
        // A ClaimReview carries no signals: its dispute is on record for the page's vendor.
        const file = readFileSync(join(FIXTURES, 'imports', 'claimreview', 'single.json'), 'utf8');
        await chooseFile(options, 'claimreview.json', file);
        await waitFor(
          () => packIds(env.harness),
          (ids) => ids.length === 1,
          15_000,
        );
        const seen = await recordContentMessages(env.harness);
        const page = await env.harness.openPage(env.server.url(PACK_SUBJECT));
        const tabId = await tabIdOf(env.harness, page);
        try {
          const surveyed = (await waitFor(
            () => storedFindings(env.harness, tabId),
            (s) => listed(s).length > 0,
          )) as TabState;
          expect(surveyed.survey?.packs).toBeDefined();
          expect(surveyed.disputes.map((d) => d.relevance)).toEqual(['on-record']);
          expect(await badgeText(env.harness, tabId)).toBe('+1');
          const types = await unmarkedPageSent(page, tabId, seen);
          expect(types).toContain('survey');
          // Neither the full stage nor the page's own check of the packs' patterns ran.
          expect(types).not.toContain('findings');
          expect(types).not.toContain('pack-patterns');

          await everyMentionMarks(page, tabId, surveyed, 'Globex G5', seen);
        } finally {
          await page.close();
        }

        // Surveyed again, then the pack is removed: its dispute goes from the page's findings.
        const again = await env.harness.openPage(env.server.url(`${PACK_SUBJECT}?again`));
        try {
          const againTab = await tabIdOf(env.harness, again);
          await waitFor(
            () => storedFindings(env.harness, againTab),
            (s) => listed(s).length > 0,
          );
          await removeEveryPack(options, env.harness);
          expect(
            await waitFor(
              () => badgeText(env.harness, againTab),
              (t) => t === '',
            ),
          ).toBe('');
          expect(listed(await storedFindings(env.harness, againTab))).toEqual([]);
        } finally {
          await again.close();
        }
      } finally {
        await removeEveryPack(options, env.harness); // also when the spec failed half-way
        await options.close();
      }
    });

    it('still answers the popup after a history navigation of a single-page app', { timeout: 120_000 }, async () => {
      const { page, tabId, state: before } = await openReview();
      try {
        const next = `${page.url}?part=2`;
        await page.evaluate((url: string) => history.pushState(null, '', url), next);
        // The navigation took the tab's findings and badge; the page, asked for them, surveys
        // itself again at its new address.
        const after = (await waitFor(
          () => storedFindings(env.harness, tabId),
          (s) => s?.url === next,
        )) as TabState;
        expect(after.disputes).toEqual(before.disputes);
        expect(await badgeText(env.harness, tabId)).toBe(`+${listed(before).length}`);

        const popup = await env.harness.openPopup(page);
        try {
          await extensionPageReady(popup);
          const count = await waitFor(
            () => popup.evaluate(() => document.querySelector('.popup-count')?.textContent ?? ''),
            (text) => /on record/.test(text),
          );
          expect(count).toMatch(new RegExp(`(^|\\D)${listed(before).length} (disputes? )?on record`));
        } finally {
          await popup.close();
        }
      } finally {
        await page.close();
      }
    });
  });
}
