import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { createMatcher } from '../../src/core/matcher';
import { isSurveyMessage } from '../../src/core/messages';
import { phraseFilter } from '../../src/core/prefilter';
import { judgeRelevance } from '../../src/core/relevance';
import { defaultSettings, type Settings } from '../../src/core/settings';
import { countMatches, isPageSurvey, judgeSurvey } from '../../src/core/survey';
import { visibleDisputes } from '../../src/core/visibility';

const { index } = loadDataset();
const matcher = createMatcher(index.patterns);

/** The founding dispute's page in three flows, and a review that only names the vendor. */
const ABOUT = ['eScan reported that security apps on MIUI can be uninstalled', 'Xiaomi denied it', 'More on Xiaomi'];
const NAMES = ['The Xiaomi 13 has a fine camera', 'Xiaomi sells it in Europe'];

function verdict(
  texts: string[],
  change: Partial<Settings> = {},
  more: { dismissed?: string[]; paused?: boolean } = {},
) {
  return judgeSurvey({
    index,
    counts: countMatches(matcher, texts),
    pageDate: '2017-08-11',
    settings: { ...defaultSettings(), ...change },
    dismissed: new Set(more.dismissed ?? []),
    paused: more.paused ?? false,
  });
}

describe('countMatches', () => {
  it('counts each pattern over every flow, never across two', () => {
    const counts = countMatches(matcher, ['Xiaomi and Xiaomi', 'Mi', 'Mover Xiaomi']);
    const byText = Object.fromEntries([...counts].map(([p, n]) => [index.patterns[p]?.text, n]));
    expect(byText.Xiaomi).toBe(3);
    // "Mi" ends one flow and "Mover" starts the next: not the phrase "Mi Mover".
    expect(byText['Mi Mover']).toBeUndefined();
    const together = countMatches(matcher, ['Mi Mover']);
    expect([...together.keys()].map((p) => index.patterns[p]?.text)).toContain('Mi Mover');
  });
});

describe('judgeSurvey', () => {
  it('finds what the relevance rule finds over the same counts', () => {
    const counts = countMatches(matcher, ABOUT);
    const settings = defaultSettings();
    expect(verdict(ABOUT).findings).toEqual({
      disputes: judgeRelevance({
        index,
        counts,
        pageDate: '2017-08-11',
        visible: visibleDisputes(index, settings),
        dismissed: new Set(),
      }),
      pageDate: '2017-08-11',
    });
  });

  it('has marks to show on a page about a dispute, and none on one that only names its vendor', () => {
    expect(verdict(ABOUT).marks).toBe(true);
    const names = verdict(NAMES);
    expect(names.marks).toBe(false);
    expect(names.findings.disputes.length).toBeGreaterThan(0);
    expect(names.findings.disputes.every((d) => d.relevance === 'on-record')).toBe(true);
  });

  it('marks a page that only names a vendor when the reader asks for every mention or the first', () => {
    expect(verdict(NAMES, { markWhich: 'every' }).marks).toBe(true);
    expect(verdict(NAMES, { markWhich: 'first' }).marks).toBe(true);
    expect(verdict([], { markWhich: 'every' }).marks).toBe(false);
  });

  it('has nothing to mark where every named dispute was dismissed or its claimant switched off', () => {
    const ids = verdict(NAMES).findings.disputes.map((d) => d.id);
    const dismissed = verdict(NAMES, { markWhich: 'every' }, { dismissed: ids });
    expect(dismissed.marks).toBe(false);
    expect(dismissed.findings.disputes.every((d) => d.dismissed)).toBe(true);
    expect(verdict(ABOUT, { disabledSources: ['escan'] }).marks).toBe(false);
  });

  it('finds nothing and marks nothing on a paused site, and keeps the page date for when it is resumed', () => {
    expect(verdict(ABOUT, {}, { paused: true })).toEqual({
      findings: { disputes: [], pageDate: '2017-08-11' },
      marks: false,
    });
  });
});

describe('what crosses a boundary', () => {
  it('takes a stored survey only in its own shape', () => {
    expect(isPageSurvey({ counts: [[3, 2]], documentId: 'D' })).toBe(true);
    expect(isPageSurvey({ counts: [] })).toBe(true);
    const named = phraseFilter([{ asWritten: false, words: ['globex'] }]);
    expect(isPageSurvey({ counts: [[400, 1]], packs: { packs: '["p@1"]', named } })).toBe(true);
    for (const bad of [
      null,
      {},
      { counts: [[3]] },
      { counts: [[-1, 2]] },
      { counts: [[1.5, 2]] },
      { counts: [], documentId: 4 },
      { counts: [], packs: { packs: 1, named } },
      { counts: [], packs: { packs: '', named: { ...named, patterns: [[7]] } } },
      { counts: [], packs: 'globex' },
    ])
      expect(isPageSurvey(bad)).toBe(false);
  });

  it('takes a survey message only with a page address, a date or null, and texts', () => {
    const message = { type: 'survey', url: 'https://news.example/a', pageDate: '2017-08-11', texts: ['Xiaomi'] };
    expect(isSurveyMessage(message)).toBe(true);
    expect(isSurveyMessage({ ...message, pageDate: null, texts: [] })).toBe(true);
    for (const bad of [
      { ...message, url: 3 },
      { ...message, pageDate: 'August' },
      { ...message, texts: [1] },
      { ...message, texts: 'Xiaomi' },
    ])
      expect(isSurveyMessage(bad)).toBe(false);
  });
});
