/**
 * Issue 17: marks follow the relevance rule in the real browsers. With default settings a page
 * about a dispute lists it first (the tab state the popup reads) and marks it inline; an ordinary
 * page that names a vendor has no inline mark; the density setting changes marks live; a
 * switched-off claimant unmarks its dispute; the badge says about / on record / nothing; a
 * dismissal (as the card writes it) unmarks, survives a reload and is undone; the page's own
 * date is read and a page dated before a dispute is not about it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../build/dataset';
import { DISMISSALS_KEY, pageKeyOf } from '../../../src/core/browsing';
import { createMatcher } from '../../../src/core/matcher';
import type { TabState } from '../../../src/core/messages';
import { badgeText, pageFindings, storedFindings, tabIdOf } from '../support/extension';
import type { Harness, Launch, TestPage } from '../support/harness';
import { type MarkedText, markedTexts, waitFor } from '../support/marks';
import { FIXTURES } from '../support/paths';
import { resetReaderState, writeLocal, writeSettings } from '../support/reader-state';
import { useSession } from '../support/session';

const FOUNDING = 'escan-xiaomi-2017';
const OTHER_XIAOMI = [
  'bluebox-xiaomi-mi4-2015',
  'f-secure-xiaomi-redmi-1s-2014',
  'forbes-xiaomi-browser-incognito-2020',
  'lithuania-ncsc-xiaomi-2021',
];

/** One page of the relevance set: the dispute it is about (null for an ordinary article). */
interface RelevancePage {
  file: string;
  about: string | null;
  published?: string | null;
}

/**
 * The project's own relevance set (tests/fixtures/relevance/expected.json), plus the founding
 * fixture (about the eScan dispute) and the page that names no vendor.
 */
function relevancePages(): RelevancePage[] {
  const base: RelevancePage[] = [
    { file: 'founding-article/page.html', about: FOUNDING },
    { file: 'no-vendor/page.html', about: null },
  ];
  const listed = join(FIXTURES, 'relevance', 'expected.json');
  if (!existsSync(listed)) return base;
  const set = JSON.parse(readFileSync(listed, 'utf8')) as RelevancePage[];
  return [...base, ...set.map((page) => ({ ...page, file: `relevance/${page.file}` }))];
}

/** Which disputes a marked text stands for, by the bundled index (what the build ships). */
const { index } = loadDataset();
const matcher = createMatcher(index.patterns);
function disputesOfMark(text: string): Set<string> {
  const ids = new Set<string>();
  for (const match of matcher.find(text)) {
    const target = index.targets[match.pattern];
    if (!target) continue;
    const all = [...target.disputes, ...target.claims.map(([d]) => d), ...target.signals.map(([d]) => d)];
    for (const d of all) ids.add(index.disputes[d]?.id as string);
  }
  return ids;
}

/** Writes the dismissals as the card's "Doesn't apply here" does (storage.local, by page key). */
const writeDismissals = (harness: Harness, dismissals: Record<string, string[]>) =>
  writeLocal(harness, DISMISSALS_KEY, dismissals);

/** The tab state once the content script has reported, and `ok` holds. */
async function findingsOf(harness: Harness, page: TestPage, ok: (state: TabState) => boolean = () => true) {
  const tabId = await tabIdOf(harness, page);
  const state = await waitFor(
    () => pageFindings(harness, tabId, page.url),
    (s) => ok(s),
  );
  return { tabId, state };
}

const about = (state: TabState) =>
  state.disputes.filter((d) => d.relevance === 'about' && !d.dismissed).map((d) => d.id);
const listed = (state: TabState) => state.disputes.filter((d) => !d.dismissed).map((d) => d.id);
const texts = (marks: MarkedText[]) => marks.map((m) => m.text);
/** Lets a content script that has reported finish showing its marks (they are shown in tasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

export function relevanceSpecs(launch: Launch): void {
  const env = useSession(launch);

  afterEach(() => resetReaderState(env.harness));

  describe('relevance with default settings', () => {
    it('each page about a dispute lists it first and marks it; no ordinary page has an inline mark', {
      timeout: 600_000,
    }, async () => {
      const problems: string[] = [];
      const pages = relevancePages();
      for (const want of pages) {
        const page = await env.harness.openPage(env.server.url(`/fixtures/${want.file}`));
        try {
          const { state } = await findingsOf(env.harness, page);
          if (want.about) {
            const marks = await waitFor(
              () => markedTexts(page),
              (m) => m.some((mark) => disputesOfMark(mark.text).has(want.about as string)),
            );
            if (state.disputes[0]?.id !== want.about || state.disputes[0]?.relevance !== 'about')
              problems.push(`${want.file}: first is ${state.disputes[0]?.id} (${state.disputes[0]?.relevance})`);
            if (!marks.some((mark) => disputesOfMark(mark.text).has(want.about as string)))
              problems.push(`${want.file}: no inline mark of ${want.about} (marks: ${texts(marks).join(', ')})`);
          } else {
            await settle();
            const marks = await markedTexts(page);
            if (marks.length > 0) problems.push(`${want.file}: ordinary page marked: ${texts(marks).join(', ')}`);
            if (about(state).length > 0) problems.push(`${want.file}: judged about ${about(state).join(', ')}`);
          }
          if (want.published !== undefined && state.pageDate !== want.published)
            problems.push(`${want.file}: page date ${state.pageDate}, the page says ${want.published}`);
        } finally {
          await page.close();
        }
      }
      expect(problems).toEqual([]);
      expect(pages.filter((p) => p.about).length).toBeGreaterThanOrEqual(1);
    });

    it('the badge counts about disputes loudly, on-record ones apart, and says so in words', async () => {
      const founding = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      const ordinary = await env.harness.openPage(env.server.url('/fixtures/density/page.html'));
      const none = await env.harness.openPage(env.server.url('/fixtures/no-vendor/page.html'));
      try {
        const title = (tabId: number) =>
          env.harness.inExtension((api, id: number) => api.action.getTitle({ tabId: id }), tabId);
        const f = await findingsOf(env.harness, founding);
        expect(listed(f.state)[0]).toBe(FOUNDING);
        expect(listed(f.state).slice(1).sort()).toEqual(OTHER_XIAOMI);
        expect(await badgeText(env.harness, f.tabId)).toBe('1+4');
        expect(await title(f.tabId)).toBe('1 dispute about this page; 4 more on record for vendors named here');

        // The same vendors with the claimant gone from the page: on record only, "+n" on grey.
        await writeSettings(env.harness, { disabledSources: ['escan'] });
        const off = await waitFor(
          () => badgeText(env.harness, f.tabId),
          (t) => t.startsWith('+'),
        );
        expect(off).toBe('+4');
        expect(await title(f.tabId)).toBe('4 disputes on record for vendors named here');
        const color = await env.harness.inExtension(
          (api, id: number) => api.action.getBadgeBackgroundColor({ tabId: id }),
          f.tabId,
        );
        expect(color.slice(0, 3)).toEqual([0x6b, 0x72, 0x80]);

        const n = await findingsOf(env.harness, none);
        expect(n.state.disputes).toEqual([]);
        expect(await badgeText(env.harness, n.tabId)).toBe('');
        // Opened before eScan was switched off: it applies the change in its own time.
        const o = await findingsOf(env.harness, ordinary);
        const quiet = await waitFor(
          () => badgeText(env.harness, o.tabId),
          (t) => /^\+\d+$/.test(t),
        );
        expect(quiet).toMatch(/^\+\d+$/);
      } finally {
        await founding.close();
        await ordinary.close();
        await none.close();
      }
    });
  });

  describe('mark density', () => {
    it('about → every → first changes the marks live', { timeout: 120_000 }, async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/density/page.html'));
      try {
        const { state } = await findingsOf(env.harness, page);
        expect(about(state)).toEqual([FOUNDING]);
        const aboutMarks = texts(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length >= 7,
          ),
        );
        // Every mention of the eScan dispute (its entity, its claimant's names, a claim's cue),
        // nothing of the vendors the sidebar only names.
        expect(aboutMarks.filter((t) => t === 'Xiaomi')).toHaveLength(4);
        expect(aboutMarks).toEqual(expect.arrayContaining(['eScan', 'MicroWorld', 'security apps']));
        for (const other of ['Lenovo', 'Zoom call', 'Huawei']) expect(aboutMarks).not.toContain(other);

        await writeSettings(env.harness, { markWhich: 'every' });
        const every = texts(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length > aboutMarks.length,
          ),
        );
        expect(every).toEqual(expect.arrayContaining([...aboutMarks, 'Lenovo', 'Zoom call', 'Huawei']));

        await writeSettings(env.harness, { markWhich: 'first' });
        const first = texts(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length < every.length,
          ),
        );
        // The first mention of each named dispute: one Xiaomi (it stands for all five Xiaomi
        // disputes), and one of each vendor the sidebar names.
        expect(first.filter((t) => t === 'Xiaomi')).toHaveLength(1);
        expect(first).toEqual(expect.arrayContaining(['Lenovo', 'Zoom call', 'Huawei']));
        expect(first.length).toBeLessThan(aboutMarks.length + 3);

        await writeSettings(env.harness, { markWhich: 'about' });
        expect(
          texts(
            await waitFor(
              () => markedTexts(page),
              (m) => m.length === aboutMarks.length,
            ),
          ),
        ).toEqual(aboutMarks);
      } finally {
        await page.close();
      }
    });
  });

  describe('switched-off sources', () => {
    it('eScan off unmarks the founding dispute and leaves the other Xiaomi disputes listed, marked in every mode', {
      timeout: 120_000,
    }, async () => {
      const page = await env.harness.openPage(env.server.url('/fixtures/founding-article/page.html'));
      try {
        const { tabId } = await findingsOf(env.harness, page, (s) => about(s).includes(FOUNDING));
        const before = await waitFor(
          () => markedTexts(page),
          (m) => m.length > 0,
        );
        expect(texts(before)).toContain('Mi Mover');

        await writeSettings(env.harness, { disabledSources: ['escan'] });
        const state = (await waitFor(
          () => storedFindings(env.harness, tabId),
          (s) => s !== null && !listed(s).includes(FOUNDING),
        )) as TabState;
        expect(listed(state).sort()).toEqual([...OTHER_XIAOMI].sort());
        expect(about(state)).toEqual([]);
        expect(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length === 0,
          ),
        ).toEqual([]);

        await writeSettings(env.harness, { markWhich: 'every' });
        const every = texts(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length > 0,
          ),
        );
        expect(every).toContain('Xiaomi');
        // Mi Mover is the founding dispute's alone: it stays unmarked.
        expect(every).not.toContain('Mi Mover');
      } finally {
        await page.close();
      }
    });
  });

  describe('"Doesn\'t apply here"', () => {
    it('a dismissed dispute loses its marks, stays dismissed after a reload, and returns when undone', {
      timeout: 120_000,
    }, async () => {
      const url = env.server.url('/fixtures/founding-article/page.html?utm_source=test#top');
      const page = await env.harness.openPage(url);
      try {
        const { tabId } = await findingsOf(env.harness, page, (s) => about(s).includes(FOUNDING));
        const before = await waitFor(
          () => markedTexts(page),
          (m) => m.length > 0,
        );
        const key = pageKeyOf(url) as string;
        expect(key).not.toMatch(/[?#]/);

        await writeDismissals(env.harness, { [key]: [FOUNDING] });
        expect(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length === 0,
          ),
        ).toEqual([]);
        const dismissed = (await waitFor(
          () => storedFindings(env.harness, tabId),
          (s) => s?.disputes.some((d) => d.id === FOUNDING && d.dismissed) === true,
        )) as TabState;
        expect(dismissed.disputes.at(-1)).toMatchObject({ id: FOUNDING, dismissed: true });
        expect(await badgeText(env.harness, tabId)).toBe('+4');

        await page.goto(env.server.url('/fixtures/founding-article/page.html'));
        const reloaded = await findingsOf(env.harness, page);
        expect(reloaded.state.disputes.find((d) => d.id === FOUNDING)?.dismissed).toBe(true);
        await settle();
        expect(await markedTexts(page)).toEqual([]);

        await writeDismissals(env.harness, {});
        expect(
          await waitFor(
            () => markedTexts(page),
            (m) => m.length === before.length,
          ),
        ).toEqual(before);
        expect(await badgeText(env.harness, reloaded.tabId)).toBe('1+4');
      } finally {
        await page.close();
      }
    });
  });

  describe("the page's own date", () => {
    it.each([
      ['meta.html', '2017-08-10', true],
      ['json-ld.html', '2018-03-02', true],
      ['time.html', '2017-08-12', true],
      ['undated.html', null, true],
      // Published before the dispute's first statement (August 2017): not about it.
      ['before.html', '2017-07-30', false],
    ])('%s: %s', async (file, date, isAbout) => {
      const page = await env.harness.openPage(env.server.url(`/fixtures/page-date/${file}`));
      try {
        const { state } = await findingsOf(env.harness, page);
        expect(state.pageDate).toBe(date);
        expect(about(state)).toEqual(isAbout ? [FOUNDING] : []);
        expect(listed(state)).toContain(FOUNDING);
        if (!isAbout) {
          await settle();
          expect(await markedTexts(page)).toEqual([]);
        }
      } finally {
        await page.close();
      }
    });
  });
}
