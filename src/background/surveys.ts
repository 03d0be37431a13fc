/**
 * The background's side of surveys (core/survey.ts): finds which of a page's flows hold a
 * match, judges the page from the texts it then sends, keeps the counts with the tab's state,
 * and judges every surveyed tab again when the reader's settings, paused sites or dismissals
 * change. A tab that then has marks to show is sent the hand-over script, and its full stage
 * takes over from there.
 */
import bundledIndex from 'virtual:counterclaim/index';
import browser from 'webextension-polyfill';
import { type BrowsingState, dismissedOn, isPaused, readBrowsing } from '../core/browsing';
import { createMatcher, type Matcher } from '../core/matcher';
import type { PageFindings } from '../core/messages';
import { parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { INJECTED_FILES } from '../core/stages';
import { countMatches, isPageSurvey, judgeSurvey, type PageSurvey, type SurveyVerdict } from '../core/survey';
import { runFile } from './inject';
import type { TabStore } from './tab-store';

/** A surveyed tab's record, and whether its site is paused (the verdict read that already). */
export interface Surveyed {
  survey: PageSurvey;
  paused: boolean;
}

/** Keeps a tab's findings and shows its badge (index.ts's `store`). */
export type StoreFindings = (
  tabId: number,
  url: string,
  findings: PageFindings,
  surveyed: Surveyed,
) => Promise<unknown>;

/** What judging a page needs besides its counts: the reader's settings and browsing state. */
interface Judging {
  settings: Settings;
  browsing: BrowsingState;
}

async function readJudging(): Promise<Judging> {
  const [stored, browsing] = await Promise.all([
    browser.storage.sync.get(SETTINGS_KEY),
    readBrowsing(browser.storage.local),
  ]);
  return { settings: parseSettings(stored[SETTINGS_KEY]), browsing };
}

function judge(
  { settings, browsing }: Judging,
  url: string,
  pageDate: string | null,
  counts: ReadonlyMap<number, number>,
): SurveyVerdict & { paused: boolean } {
  const paused = isPaused(browsing.pausedSites, url);
  const dismissed = dismissedOn(browsing.dismissals, url);
  return { ...judgeSurvey({ index: bundledIndex, counts, pageDate, settings, dismissed, paused }), paused };
}

export class Surveys {
  private matcher: Matcher | null = null;

  constructor(
    private readonly tabs: TabStore,
    private readonly store: StoreFindings,
  ) {}

  private get bundledMatcher(): Matcher {
    this.matcher ??= createMatcher(bundledIndex.patterns);
    return this.matcher;
  }

  /** Indexes of the texts that hold a match of the bundled patterns. */
  flowsWithMatches(texts: readonly string[]): number[] {
    const found: number[] = [];
    for (const [i, text] of texts.entries()) if (this.bundledMatcher.find(text).length > 0) found.push(i);
    return found;
  }

  /**
   * A page's survey: whether it has marks to show (its full stage then reports by itself);
   * otherwise its findings are kept and shown as if it had reported them.
   */
  async take(tabId: number, url: string, pageDate: string | null, texts: string[], documentId?: string) {
    const counts = countMatches(this.bundledMatcher, texts);
    const { marks, findings, paused } = judge(await readJudging(), url, pageDate, counts);
    if (marks) return true;
    const survey = { counts: [...counts], ...(documentId ? { documentId } : {}) };
    await this.store(tabId, url, findings, { survey, paused });
    return false;
  }

  /** Settings, paused sites or dismissals changed: every surveyed tab is judged again. */
  async judgeAgain(): Promise<void> {
    const judging = await readJudging();
    for (const [tabId, state] of await this.tabs.all()) {
      const { survey } = state;
      if (!isPageSurvey(survey)) continue;
      const { marks, findings, paused } = judge(judging, state.url, state.pageDate, new Map(survey.counts));
      if (!marks) {
        await this.store(tabId, state.url, findings, { survey, paused });
        continue;
      }
      // Into the surveyed document only (Chrome); Firefox names none, and a page that navigated
      // meanwhile has a new first stage, which has no full stage to start yet or starts one in vain.
      const target = survey.documentId ? { tabId, documentIds: [survey.documentId] } : { tabId, frameIds: [0] };
      await runFile(target, INJECTED_FILES.handOver).catch(() => undefined); // closed or navigated
    }
  }
}
