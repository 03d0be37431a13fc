/**
 * Reads what the extension marked, from the page's own world: the CSS highlight registry is
 * shared with page scripts (HIGHLIGHTS.md §4), so this is exactly what the page could see.
 */

import { NEAR_FRACTION } from '../../../src/content/viewport';
import { type TestPage, untilVisible } from './harness';
import { evaluateWithRanges } from './live-ranges';

export interface MarkedText {
  text: string;
  kind: 'dispute' | 'claim';
}

export const HIGHLIGHT_NAMES = [
  'counterclaim-dispute',
  'counterclaim-dispute-tint',
  'counterclaim-claim',
  'counterclaim-claim-tint',
] as const;

interface Registered extends MarkedText {
  /** Child indexes from the document down to the range's start node, then the start offset. */
  at: number[];
}

/** What the registry holds now, with each range's start as a path (the same across calls). */
function registeredNow(page: TestPage) {
  return evaluateWithRanges(
    page,
    (liveRanges, { names, near }: { names: readonly string[]; near: number }) => {
      const pathOf = (node: Node) => {
        const path: number[] = [];
        for (let n: Node | null = node; n?.parentNode; n = n.parentNode) {
          path.unshift(Array.prototype.indexOf.call(n.parentNode.childNodes, n));
        }
        return path;
      };
      const found: Registered[] = [];
      // Registered marks whose element (the start node's parent: what the extension watches) is
      // outside the band the extension registers: left from before a scroll, not yet reported.
      let outside = 0;
      const margin = near * window.innerHeight;
      for (const name of names) {
        for (const range of liveRanges([name])) {
          const box = range.startContainer.parentElement?.getBoundingClientRect();
          if (box && (box.bottom < -margin || box.top > window.innerHeight + margin)) outside++;
          found.push({
            text: range.toString().replace(/\s+/g, ' '),
            kind: name.startsWith('counterclaim-claim') ? 'claim' : 'dispute',
            at: [...pathOf(range.startContainer), range.startOffset],
          });
        }
      }
      const scrollable = document.documentElement.scrollHeight - window.innerHeight;
      // A tab in the background (Firefox's popup opens as a tab in these specs) renders nothing,
      // so scrolling it registers nothing: what is registered is what the reader will see.
      return {
        found,
        outside,
        scrollable: document.visibilityState === 'visible' ? scrollable : 0,
        y: window.scrollY,
        screen: window.innerHeight,
      };
    },
    { names: HIGHLIGHT_NAMES, near: NEAR_FRACTION },
  );
}

/** Between reads of the registry while waiting for the IntersectionObserver to report. */
const SETTLE_MS = 50;

async function scrollTo(page: TestPage, y: number): Promise<void> {
  await page.evaluate((top: number) => window.scrollTo({ top, behavior: 'instant' }), y);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

const keyOf = (found: Registered[]) => found.map((m) => m.at.join('/')).join(' ');

/**
 * What is registered once the extension has caught up with a scroll: the IntersectionObserver
 * reports after the next rendering update, which a loaded machine can delay past any fixed
 * pause. Caught up means no registered mark is left outside the band, and two reads agree.
 */
async function settledMarks(page: TestPage): Promise<Registered[]> {
  let found = await registeredNow(page);
  for (let tries = 0; tries < 40; tries++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const again = await registeredNow(page);
    if (again.outside === 0 && keyOf(again.found) === keyOf(found.found)) return again.found;
    found = again;
  }
  return found.found;
}

/**
 * Every marked string, in document order, with the kind of mark. Only mentions near the
 * viewport are registered (src/content/viewport.ts), so on a long page this scrolls through it
 * as a reader would, collecting what is registered at each stop, then scrolls back. The waits
 * are the test's, not the page's: corpus pages run with page scripts (and so timers) off.
 */
export async function markedTexts(page: TestPage): Promise<MarkedText[]> {
  const all = new Map<string, Registered>();
  const keep = (found: Registered[]) => {
    for (const mark of found) all.set(mark.at.join('/'), mark);
  };
  // A page another tab hides has no marks registered while hidden; that is what it reads then.
  await untilVisible(page, 1_000);
  const first = await registeredNow(page);
  keep(first.found);
  if (first.scrollable > 0) {
    // Marks on screen and within NEAR_FRACTION of a screen above and below are registered: each
    // stop sees that band, and the next stop's band starts where it ends.
    const step = Math.floor(first.screen * (1 + 2 * NEAR_FRACTION));
    for (let y = 0; ; y = Math.min(first.scrollable, y + step)) {
      await scrollTo(page, y);
      keep(await settledMarks(page));
      if (y >= first.scrollable) break;
    }
    await scrollTo(page, first.y);
  }
  const byPosition = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    return a.length - b.length;
  };
  return [...all.values()].sort((a, b) => byPosition(a.at, b.at)).map(({ text, kind }) => ({ text, kind }));
}

/** A fingerprint of the page's DOM and text, to show the extension changed nothing. */
export function domSnapshot(page: TestPage): Promise<{ html: string; text: string; nodes: number }> {
  return page.evaluate(() => {
    let nodes = 0;
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    while (walker.nextNode()) nodes++;
    // innerText on purpose: the text as rendered, which is what a reader would notice changing.
    // biome-ignore lint/performance/useDomNodeTextContent: see above
    return { html: document.documentElement.outerHTML, text: document.body.innerText, nodes };
  });
}

/** Waits until `check` passes or `ms` runs out, then returns its last result. */
export async function waitFor<T>(check: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let value = await check();
  while (!ok(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await check();
  }
  return value;
}
