/**
 * A page that names vendors but is about none of their disputes has nothing to mark: its
 * findings are the quiet badge's and the popup's only. So a page whose text may hold a match is
 * surveyed first (content/survey.ts): it walks its text as the scan does, and sends the texts of
 * the flows that hold a match and that the scan reads; the background works out its findings
 * from them here, with the same matcher over the same flows and the same relevance rule as the
 * full stage (content/page-session.ts). Only when the verdict has something to mark does the page
 * load its full stage, which then finds the same. Pure: no DOM, no browser API.
 */
import type { CompiledIndex } from './compile';
import { isRecord } from './json-value';
import type { Matcher } from './matcher';
import type { PageFindings } from './messages';
import { isPackNames, type PackNames } from './pack-slices';
import { isMarked, judgeRelevance } from './relevance';
import type { Settings } from './settings';
import { visibleDisputes } from './visibility';

/** What a survey leaves in the tab's state, for judging again when settings change. */
export interface PageSurvey {
  /** How often each pattern (by index into the patterns of the index it was judged with) is on the page. */
  counts: [pattern: number, count: number][];
  /** The document that sent it (Chrome), so a later hand-over reaches that one only. */
  documentId?: string;
  /**
   * The imported packs' names the page's text held, when its index merged the bundled one with
   * their slices: judged again, it is sliced again from them.
   */
  packs?: PackNames;
}

/** Matches per pattern over the texts, each text one flow: a match never spans two. */
export function countMatches(matcher: Matcher, texts: readonly string[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const text of texts) {
    for (const { pattern } of matcher.find(text)) counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
  }
  return counts;
}

export interface SurveyInput {
  index: CompiledIndex;
  counts: ReadonlyMap<number, number>;
  pageDate: string | null;
  settings: Settings;
  /** Ids of the disputes dismissed on this page. */
  dismissed: ReadonlySet<string>;
  /** The reader paused the extension on this site. */
  paused: boolean;
}

export interface SurveyVerdict {
  /** What the full stage would report for the page. */
  findings: PageFindings;
  /** Whether the page has marks to show under these settings: then it loads its full stage. */
  marks: boolean;
}

/** The full stage's findings for a page with these counts, and whether it marks any of them. */
export function judgeSurvey({ index, counts, pageDate, settings, dismissed, paused }: SurveyInput): SurveyVerdict {
  // The date stays with the tab's state: judged again once the site is resumed, it counts.
  if (paused) return { findings: { disputes: [], pageDate }, marks: false };
  const disputes = judgeRelevance({ index, counts, pageDate, visible: visibleDisputes(index, settings), dismissed });
  const marks = disputes.some((finding) => isMarked(finding, settings.markWhich));
  return { findings: { disputes, pageDate }, marks };
}

/** Whether a stored value has a survey's shape (storage.session can hold an older version's). */
export function isPageSurvey(value: unknown): value is PageSurvey {
  if (!isRecord(value) || !Array.isArray(value.counts)) return false;
  if (value.documentId !== undefined && typeof value.documentId !== 'string') return false;
  if (value.packs !== undefined && !isPackNames(value.packs)) return false;
  return value.counts.every(
    (pair) => Array.isArray(pair) && pair.length === 2 && pair.every((n) => Number.isInteger(n) && n >= 0),
  );
}
