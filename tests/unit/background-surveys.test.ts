import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { PackIndexes } from '../../src/background/pack-index';
import { PackPatterns } from '../../src/background/pack-patterns';
import { PageIndexes } from '../../src/background/page-indexes';
import { type Surveyed, Surveys } from '../../src/background/surveys';
import { TabStore } from '../../src/background/tab-store';
import { PAUSED_SITES_KEY } from '../../src/core/browsing';
import { type CompiledIndex, compileIndex } from '../../src/core/compile';
import { createMatcher } from '../../src/core/matcher';
import { mergeIndexes } from '../../src/core/merge-indexes';
import type { PageFindings } from '../../src/core/messages';
import { PACKS_KEY } from '../../src/core/pack-layout';
import { defaultSettings, type MarkWhich, SETTINGS_KEY } from '../../src/core/settings';
import { INJECTED_FILES } from '../../src/core/stages';
import { countMatches, judgeSurvey } from '../../src/core/survey';
import { generatedPack } from '../support/generated-pack';
import { seededRandom } from '../support/random';
import { FakeStorage } from './support/fake-storage';
import { storedPack } from './support/stored-pack';

const bundled = loadDataset().index;
const URL = 'https://news.example/review';
const TAB = 7;

/** The background's surveys over storage in memory, with one generated pack of `disputes` stored. */
function background(disputes: number) {
  const { local, vendors } = storedPack(disputes);
  const sync = new FakeStorage();
  const patterns = new PackPatterns(local);
  const packIndexes = new PackIndexes(local, patterns);
  const tabs = new TabStore(new FakeStorage());
  const stored: { tabId: number; findings: PageFindings; surveyed: Surveyed }[] = [];
  const ran: string[] = [];
  const asked: number[] = [];
  const surveys = new Surveys({
    tabs,
    store: async (tabId, url, findings, surveyed) => {
      stored.push({ tabId, findings, surveyed });
      await tabs.set(tabId, {
        disputes: findings.disputes,
        pageDate: findings.pageDate,
        url,
        paused: surveyed.paused,
        survey: surveyed.survey,
      });
    },
    sync,
    local,
    indexes: new PageIndexes(bundled, { exist: () => patterns.exist(), indexes: packIndexes }),
    run: async (_target, file) => {
      ran.push(file);
    },
    ask: async (tabId) => {
      asked.push(tabId);
    },
    clear: (tabId) => tabs.delete(tabId),
  });
  const density = (markWhich: MarkWhich) => sync.set({ [SETTINGS_KEY]: { ...defaultSettings(), markWhich } });
  /** A page's survey as content/survey.ts makes it: which flows hold a match, then those texts. */
  const survey = async (flows: string[]) => {
    const holding = await surveys.flowsWithMatches(flows, true);
    if (holding === null) throw new Error('the background could not say');
    if (holding.length === 0) return 'nothing';
    const texts = holding.map((i) => flows[i] as string);
    return (await surveys.take(TAB, URL, '2026-12-01', texts)) ? 'marks' : 'kept';
  };
  const forgetPacks = () => {
    patterns.forget();
    packIndexes.forget();
  };
  return { surveys, survey, density, stored, ran, asked, local, sync, vendors, forgetPacks, tabs };
}

/** The findings the full stage reports for these flows with the whole pack merged in. */
function wholeFindings(pack: CompiledIndex, flows: string[], markWhich: MarkWhich = 'about') {
  const index = mergeIndexes([bundled, pack]);
  const settings = { ...defaultSettings(), markWhich };
  return judgeSurvey({
    index,
    counts: countMatches(createMatcher(index.patterns), flows),
    pageDate: '2026-12-01',
    settings,
    dismissed: new Set(),
    paused: false,
  });
}

describe("the background's surveys, with an imported pack", () => {
  it("judge a page that names only a pack's vendor with that vendor's dispute, and keep its findings", async () => {
    const { survey, stored, vendors, density } = background(300);
    await density('about');
    const flows = ['A long review of a camera.', `${vendors[42]} denied the report.`, 'Nothing else here.'];
    expect(await survey(flows)).toBe('kept');
    const [kept] = stored;
    expect(kept?.findings.disputes.map((d) => d.id)).toEqual(['dispute-42']);
    expect(kept?.findings).toEqual(wholeFindings(compileIndex(generatedPack(300)), flows).findings);
    expect(kept?.surveyed.survey.packs?.packs).toBeTruthy();

    // Under "every mention" the page has marks to show: its full stage loads, nothing is kept.
    await density('every');
    expect(await survey(flows)).toBe('marks');
    expect(stored).toHaveLength(1);
  });

  it('gives the findings the whole pack gives, on random pages of its names, bundled names and plain words', async () => {
    const { survey, stored, density } = background(300);
    await density('about');
    const pack = compileIndex(generatedPack(300));
    const random = seededRandom(11);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    const words = pack.patterns.map((p) => p.text);
    const plain = ['the', 'report', 'said', 'Smart', 'phones', 'Xiaomi', 'eScan', 'denied', 'data', 'Cloud', 'MIUI'];
    let named = 0;
    for (let page = 0; page < 150; page++) {
      const flows = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        Array.from({ length: 2 + Math.floor(random() * 12) }, () => (random() < 0.12 ? pick(words) : pick(plain))).join(
          random() < 0.5 ? ' ' : '. ',
        ),
      );
      const expected = wholeFindings(pack, flows);
      stored.length = 0;
      const found = await survey(flows);
      const page = flows.join(' | ');
      if (found === 'nothing') expect(expected.findings.disputes, page).toEqual([]);
      else expect(found === 'marks', page).toBe(expected.marks);
      if (found === 'kept') expect(stored[0]?.findings, page).toEqual(expected.findings);
      if (expected.findings.disputes.some((f) => f.id.startsWith('dispute-'))) named++;
    }
    expect(named).toBeGreaterThan(30); // the pages do name the pack's vendors
  });

  it("cannot say for a part of a long page that names a pack's vendor; a part naming only bundled ones it can", async () => {
    const { surveys, vendors } = background(300);
    expect(await surveys.flowsWithMatches([`${vendors[3]} denied it.`, 'Plain words.'], false)).toBeNull();
    expect(await surveys.flowsWithMatches(['Xiaomi denied it.', 'Plain words.'], false)).toEqual([0]);
    expect(await surveys.flowsWithMatches([`${vendors[3]} denied it.`, 'Plain words.'], true)).toEqual([0]);
  });

  it('judges the page again with the same slice when settings change (a pause, the pack switched off, every mention), and asks it to survey again when the packs change', async () => {
    const { surveys, survey, stored, ran, asked, density, local, sync, vendors, forgetPacks, tabs } = background(300);
    await density('about');
    expect(await survey([`${vendors[9]} denied the report.`])).toBe('kept');
    const first = stored[0]?.findings;
    expect(first?.disputes.map((d) => d.id)).toEqual(['dispute-9']);

    // A paused site: nothing to show, the counts kept.
    await local.set({ [PAUSED_SITES_KEY]: ['news.example'] });
    await surveys.judgeAgain();
    expect(stored[1]?.surveyed.paused).toBe(true);
    await local.set({ [PAUSED_SITES_KEY]: [] });
    await surveys.judgeAgain();
    expect(stored[2]?.findings).toEqual(first);
    // The pack switched off: its dispute is neither listed nor counted.
    await sync.set({ [SETTINGS_KEY]: { ...defaultSettings(), disabledPacks: ['generated-300'] } });
    await surveys.judgeAgain();
    expect(stored[3]?.findings.disputes).toEqual([]);
    // Every mention: the page is handed over to its full stage.
    await density('every');
    await surveys.judgeAgain();
    expect(ran).toEqual([INJECTED_FILES.handOver]);

    // The pack is removed: the page is not judged with a slice of what is gone, but asked again.
    await density('about');
    await local.set({ [PACKS_KEY]: [] });
    forgetPacks();
    const before = stored.length;
    await surveys.judgeAgain();
    expect(stored).toHaveLength(before);
    await surveys.packsChanged();
    expect(asked).toEqual([TAB]);
    expect(await tabs.get(TAB)).toBeNull(); // its findings went with the pack
  });

  it('judges a page naming no pack vendor with the bundled index alone', async () => {
    const { survey, stored, density } = background(20);
    await density('about');
    expect(await survey(['The Xiaomi 13 has a fine camera', 'Xiaomi sells it in Europe'])).toBe('kept');
    expect(stored[0]?.surveyed.survey.packs).toBeUndefined();
    const verdict = judgeSurvey({
      index: bundled,
      counts: countMatches(createMatcher(bundled.patterns), [
        'The Xiaomi 13 has a fine camera',
        'Xiaomi sells it in Europe',
      ]),
      pageDate: '2026-12-01',
      settings: defaultSettings(),
      dismissed: new Set(),
      paused: false,
    });
    expect(stored[0]?.findings).toEqual(verdict.findings);
  });
});
