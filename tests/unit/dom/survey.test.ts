// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../build/dataset';
import { MarkIndex } from '../../../src/content/marks';
import { Scanner } from '../../../src/content/scanner';
import type { SurveyResult } from '../../../src/content/survey';
import { checkedText } from '../../../src/content/text-flow';
import { createMatcher } from '../../../src/core/matcher';
import type { ToBackground } from '../../../src/core/messages';
import { mayMatch } from '../../../src/core/prefilter';
import { prefilterOf } from '../../../src/core/prefilter-compile';
import { countMatches } from '../../../src/core/survey';
import { page } from './page';

const { index } = loadDataset();
const matcher = createMatcher(index.patterns);
const bundled = prefilterOf(index);
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** What the full stage's scan indexes on the page: marks per pattern. */
function scanCounts(root: Element): Map<number, number> {
  const marks = new MarkIndex();
  const scanner = new Scanner(matcher, index, marks, () => null);
  scanner.enqueue(root);
  while (scanner.step());
  return new Map(marks.perPattern);
}

/** The background as the survey meets it: the questions it was asked, and what it was sent. */
const background = {
  questions: [] as string[][],
  /** Per question, whether it said its texts are all the page's flows. */
  whole: [] as boolean[],
  surveyed: null as string[] | null,
  /** Its verdict: whether the page has marks to show. */
  marks: false,
  answer(message: ToBackground): unknown {
    if (message.type === 'flows-with-matches') {
      background.questions.push(message.texts);
      background.whole.push(message.whole);
      return message.texts.flatMap((text, i) => (matcher.find(text).length > 0 ? [i] : []));
    }
    if (message.type === 'survey') {
      background.surveyed = message.texts;
      return background.marks;
    }
    throw new Error(`unexpected ${message.type}`);
  },
};
let surveyPage: (root: Element, signal: AbortSignal) => Promise<SurveyResult>;

beforeAll(async () => {
  // The content script's runtime (content/runtime.ts) is read when its module loads.
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: { sendMessage: async (message: ToBackground) => background.answer(message) },
  };
  ({ surveyPage } = await import('../../../src/content/survey'));
});

/** What the background counts from the page's survey: null when the page loads its full stage. */
async function surveyCounts(root: Element): Promise<Map<number, number> | null> {
  background.questions = [];
  background.whole = [];
  background.surveyed = null;
  const result = await surveyPage(root, new AbortController().signal);
  if (result.found === 'marks') return null;
  return countMatches(matcher, result.found === 'kept' ? (background.surveyed ?? []) : []);
}

const sorted = (counts: Map<number, number> | null) => (counts ? [...counts].sort(([a], [b]) => a - b) : counts);

/** The body of each of the project's own fixture pages that the first stage would survey. */
function fixturePages(): [string, string][] {
  const files = ['density/page.html', 'founding-article/page.html', 'long-page/page.html', 'no-vendor/page.html'];
  for (const dir of ['relevance/about', 'relevance/ordinary', 'relevance/dated']) {
    for (const name of readdirSync(join(FIXTURES, dir))) if (name.endsWith('.html')) files.push(`${dir}/${name}`);
  }
  return files.map((file) => {
    const html = readFileSync(join(FIXTURES, file), 'utf8');
    return [file, /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html];
  });
}

afterEach(() => {
  delete (Element.prototype as Partial<Element>).checkVisibility;
});

describe('surveyFlows', () => {
  it('counts what the scan indexes, pattern by pattern, on every fixture page that names a vendor', async () => {
    let surveyed = 0;
    for (const [file, body] of fixturePages()) {
      const root = page(body);
      const { text, skipped } = checkedText(root);
      if (!mayMatch(bundled, text, skipped)) continue;
      surveyed++;
      expect(sorted(await surveyCounts(root)), file).toEqual(sorted(scanCounts(root)));
    }
    expect(surveyed).toBeGreaterThanOrEqual(30);
  });

  it('sends back only the flows that hold a match, and asks in parts on a very long page', async () => {
    const root = page('<p>Weather today</p><p>Xiaomi <b>Mi</b> phones</p><div>Sports</div><p>more Xiaomi</p>');
    await surveyCounts(root);
    expect(background.surveyed).toEqual(['Xiaomi Mi phones', 'more Xiaomi']);
    expect(background.questions).toHaveLength(1);
    expect(background.whole).toEqual([true]);

    const paragraph = `<p>${'long text '.repeat(2_000)}</p>`;
    const long = page(`${paragraph.repeat(25)}<p>Xiaomi at the end</p>`);
    expect(sorted(await surveyCounts(long))).toEqual(sorted(scanCounts(long)));
    expect(background.questions.length).toBeGreaterThan(1);
    expect(background.questions.flat()).toHaveLength(26);
    // A part of the page only: the background slices the packs' disputes for a whole page.
    expect(background.whole.every((whole) => !whole)).toBe(true);
    expect(background.surveyed).toEqual(['Xiaomi at the end']);
  });

  it('finds a phrase a skipped element splits in the page text, as the scan does', async () => {
    // "Mi Mover" is not a phrase of the page's textContent: the script's text sits inside it.
    const root = page('<p>Xiaomi says Mi<script>var x = 1</script> Mover is safe</p>');
    expect(sorted(await surveyCounts(root))).toEqual(sorted(scanCounts(root)));
    expect([...((await surveyCounts(root)) ?? new Map()).keys()].map((p) => index.patterns[p]?.text)).toContain(
      'Mi Mover',
    );
  });

  it('leaves out flows the reader cannot see, as the scan does', async () => {
    // jsdom lays nothing out: the browser's answer stands in for elements with `hidden`.
    (Element.prototype as Element).checkVisibility = function (this: Element) {
      return !this.closest('[hidden]');
    };
    const root = page('<p hidden>Xiaomi and eScan</p><p>Lenovo laptops</p>');
    const counts = await surveyCounts(root);
    expect(sorted(counts)).toEqual(sorted(scanCounts(root)));
    expect([...(counts ?? new Map()).keys()].map((p) => index.patterns[p]?.text)).toEqual(['Lenovo']);
  });

  it('hands over when text that may match is in an editable region, where the scan decides match by match', async () => {
    const root = page('<p>Xiaomi news</p><div contenteditable><p>my Xiaomi notes</p></div>');
    expect(await surveyCounts(root)).toBeNull();
    const off = page('<p>Xiaomi news</p><div contenteditable="false"><p>their Xiaomi notes</p></div>');
    expect(sorted(await surveyCounts(off))).toEqual(sorted(scanCounts(off)));
  });

  it('leaves a page with more text naming vendors than one message carries to the full stage', async () => {
    const root = page(`<p>${'Xiaomi phones '.repeat(1_000)}</p>`.repeat(20));
    background.surveyed = null;
    const result = await surveyPage(root, new AbortController().signal);
    expect(result.found).toBe('marks');
    expect(result.found === 'marks' && result.flows?.length).toBe(20);
    expect(background.surveyed).toBeNull();
  });

  it('asks nothing once the page went away meanwhile', async () => {
    const root = page('<p>Xiaomi</p>'.repeat(50));
    const lifetime = new AbortController();
    lifetime.abort();
    background.questions = [];
    expect(await surveyPage(root, lifetime.signal)).toEqual({ found: 'nothing' });
    expect(background.questions).toEqual([]);
  });

  it('loads the full stage when the background gives no usable answer', async () => {
    const root = page('<p>Xiaomi</p>');
    const answer = background.answer;
    try {
      for (const reply of [undefined, [5], [0, 0, -1], 'all']) {
        background.answer = () => reply;
        expect(await surveyPage(root, new AbortController().signal)).toEqual({ found: 'marks', flows: null });
      }
    } finally {
      background.answer = answer;
    }
  });

  it('hands the full stage the flows that hold a match, and its first scan of them finds all the scan finds', async () => {
    background.marks = true;
    try {
      let handed = 0;
      for (const [file, body] of fixturePages()) {
        const root = page(body);
        const result = await surveyPage(root, new AbortController().signal);
        if (result.found !== 'marks') continue;
        handed++;
        const marks = new MarkIndex();
        const scanner = new Scanner(matcher, index, marks, () => null);
        scanner.scanWalked(result.flows ?? []);
        while (scanner.step());
        expect(sorted(new Map(marks.perPattern)), file).toEqual(sorted(scanCounts(root)));
      }
      expect(handed).toBeGreaterThanOrEqual(30);
    } finally {
      background.marks = false;
    }
  });
});
