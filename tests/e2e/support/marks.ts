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

/** Every marked string, in document order, with the kind of mark. */
export function markedTexts(page: TestPage): Promise<MarkedText[]> {
  return page.evaluate((names: readonly string[]) => {
    const found: { text: string; kind: 'dispute' | 'claim'; range: Range }[] = [];
    for (const name of names) {
      const highlight = CSS.highlights.get(name);
      if (!highlight) continue;
      for (const r of highlight as unknown as Iterable<AbstractRange>) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        found.push({
          text: range.toString().replace(/\s+/g, ' '),
          kind: name.startsWith('counterclaim-claim') ? 'claim' : 'dispute',
          range,
        });
      }
    }
    found.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
    return found.map(({ text, kind }) => ({ text, kind }));
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
