/**
 * Reads what the extension marked, from the page's own world: the CSS highlight registry is
 * shared with page scripts (HIGHLIGHTS.md §4), so this is exactly what the page could see.
 */
import type { TestPage } from './harness';

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

/**
 * Every marked string, in document order, with the kind of mark. Only mentions near the
 * viewport are registered (src/content/viewport.ts), so this scrolls through the page as a
 * reader would, collecting what is registered at each stop, then scrolls back.
 */
export function markedTexts(page: TestPage): Promise<MarkedText[]> {
  return page.evaluate(async (names: readonly string[]) => {
    const found = new Map<Node, Map<number, { text: string; kind: 'dispute' | 'claim'; range: Range }>>();
    const collect = () => {
      for (const name of names) {
        const highlight = CSS.highlights.get(name);
        if (!highlight) continue;
        for (const r of highlight as unknown as Iterable<AbstractRange>) {
          const at = found.get(r.startContainer) ?? new Map();
          found.set(r.startContainer, at);
          if (at.has(r.startOffset)) continue;
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          const kind = name.startsWith('counterclaim-claim') ? 'claim' : 'dispute';
          at.set(r.startOffset, { text: range.toString().replace(/\s+/g, ' '), kind, range });
        }
      }
    };
    // Two frames: the IntersectionObserver reports after layout, the registry changes after that.
    // False when no frame comes: a tab in the background (Firefox's popup opens as a tab in these
    // specs) renders nothing, so there is nothing to scroll through, and what is registered is
    // what the reader will see.
    const settle = () =>
      new Promise<boolean>((resolve) => {
        setTimeout(() => resolve(false), 1000);
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(true), 0)));
      });
    const home = window.scrollY;
    collect();
    const end = document.documentElement.scrollHeight - window.innerHeight;
    if (end > 0 && (await settle())) {
      // Marks within a screen of the viewport are registered, so stops two screens apart see all.
      for (let y = 0; ; y = Math.min(end, y + 2 * window.innerHeight)) {
        window.scrollTo({ top: y, behavior: 'instant' });
        await settle();
        collect();
        if (y >= end) break;
      }
      window.scrollTo({ top: home, behavior: 'instant' });
      await settle();
    }
    const all = [...found.values()].flatMap((at) => [...at.values()]);
    all.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
    return all.map(({ text, kind }) => ({ text, kind }));
  }, HIGHLIGHT_NAMES);
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
