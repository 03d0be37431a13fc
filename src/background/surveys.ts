/**
 * The background's side of surveys (core/survey.ts): finds which of a page's flows hold a
 * match, judges the page from the texts it then sends, keeps the counts with the tab's state,
 * and judges every surveyed tab again when the reader's settings, paused sites or dismissals
 * change. A tab that then has marks to show is sent the hand-over script, and its full stage
 * takes over from there. A page is judged with the index its full stage would build: the
 * bundled one, and the slices of the imported packs it names (page-indexes.ts).
 */
import { type BrowsingState, dismissedOn, isPaused, type LocalArea, readBrowsing } from '../core/browsing';
import type { PageFindings } from '../core/messages';
import type { Settings } from '../core/settings';
import { readSettings, type StorageAreaLike } from '../core/settings-store';
import { INJECTED_FILES } from '../core/stages';
import { countMatches, isPageSurvey, judgeSurvey, type PageSurvey, type SurveyVerdict } from '../core/survey';
import type { RunFile } from './packs-script';
import type { PageIndex, PageIndexes } from './page-indexes';
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

export interface SurveyDeps {
  tabs: TabStore;
  store: StoreFindings;
  sync: Pick<StorageAreaLike, 'get'>;
  local: Pick<LocalArea, 'get'>;
  indexes: PageIndexes;
  /** Runs one of the injected files in a tab (inject.ts's runFile). */
  run: RunFile;
  /** Asks a tab's page for its findings: a surveyed page surveys again. */
  ask: (tabId: number) => Promise<unknown>;
  /** Forgets a tab's findings and clears its badge. */
  clear: (tabId: number) => Promise<unknown>;
}

/** What judging a page needs besides its counts: the reader's settings and browsing state. */
interface Judging {
  settings: Settings;
  browsing: BrowsingState;
}

function judge(
  { settings, browsing }: Judging,
  { index }: PageIndex,
  url: string,
  pageDate: string | null,
  counts: ReadonlyMap<number, number>,
): SurveyVerdict & { paused: boolean } {
  const paused = isPaused(browsing.pausedSites, url);
  const dismissed = dismissedOn(browsing.dismissals, url);
  return { ...judgeSurvey({ index, counts, pageDate, settings, dismissed, paused }), paused };
}

export class Surveys {
  constructor(private readonly deps: SurveyDeps) {}

  private async readJudging(): Promise<Judging> {
    const [settings, browsing] = await Promise.all([readSettings(this.deps.sync), readBrowsing(this.deps.local)]);
    return { settings, browsing };
  }

  /**
   * Indexes of the texts that hold a match; null when the background cannot say: the packs
   * changed meanwhile, or the page names a pack's vendor and these texts are only a part of it
   * (its index is sliced for the whole page's text).
   */
  async flowsWithMatches(texts: readonly string[], whole: boolean): Promise<number[] | null> {
    const page = await this.deps.indexes.for(texts);
    if (!page || (page.packs && !whole)) return null;
    const found: number[] = [];
    for (const [i, text] of texts.entries()) if (page.matcher.find(text).length > 0) found.push(i);
    return found;
  }

  /**
   * A page's survey: whether it has marks to show (its full stage then reports by itself);
   * otherwise its findings are kept and shown as if it had reported them.
   */
  async take(tabId: number, url: string, pageDate: string | null, texts: string[], documentId?: string) {
    // Every pack's dispute that a match here can count for is named in these texts too.
    const page = await this.deps.indexes.for(texts);
    if (!page) return true;
    const counts = countMatches(page.matcher, texts);
    const { marks, findings, paused } = judge(await this.readJudging(), page, url, pageDate, counts);
    if (marks) return true;
    const survey: PageSurvey = {
      counts: [...counts],
      ...(documentId ? { documentId } : {}),
      ...(page.packs ? { packs: page.packs } : {}),
    };
    await this.deps.store(tabId, url, findings, { survey, paused });
    return false;
  }

  /** Settings, paused sites or dismissals changed: every surveyed tab is judged again. */
  async judgeAgain(): Promise<void> {
    const judging = await this.readJudging();
    for (const [tabId, state] of await this.deps.tabs.all()) {
      const { survey } = state;
      if (!isPageSurvey(survey)) continue;
      const page = survey.packs ? await this.deps.indexes.of(survey.packs) : this.deps.indexes.bundledOnly;
      // The packs changed since: the page surveys again (packsChanged).
      if (!page) continue;
      const { marks, findings, paused } = judge(judging, page, state.url, state.pageDate, new Map(survey.counts));
      if (!marks) {
        await this.deps.store(tabId, state.url, findings, { survey, paused });
        continue;
      }
      // Into the surveyed document only (Chrome); Firefox names none, and a page that navigated
      // meanwhile has a new first stage, which has no full stage to start yet or starts one in vain.
      const target = survey.documentId ? { tabId, documentIds: [survey.documentId] } : { tabId, frameIds: [0] };
      await this.deps.run(target, INJECTED_FILES.handOver).catch(() => undefined); // closed or navigated
    }
  }

  /**
   * Packs came or went: a page judged with their slices surveys again, its findings gone until
   * then (with the pack gone it may have none). A page that names a new pack's vendor hears of it
   * from the packs' script (packs-script.ts).
   */
  async packsChanged(): Promise<void> {
    for (const [tabId, { survey }] of await this.deps.tabs.all()) {
      if (!isPageSurvey(survey) || !survey.packs) continue;
      await this.deps.clear(tabId);
      await this.deps.ask(tabId).catch(() => undefined); // closed meanwhile
    }
  }
}
