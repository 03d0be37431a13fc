/**
 * The extension registers StaticRanges, which have neither text nor geometry: a spec that reads
 * the CSS highlight registry turns each into a live Range first, here. A function sent to a page
 * travels as its source text, without what it closes over, so the helper goes along inside the
 * function that uses it.
 */
import type { TestPage } from './harness';

/** Live Ranges over what the registry holds under `names`, name by name, in registration order. */
function liveRanges(names: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const name of names) {
    const highlight = CSS.highlights.get(name);
    if (!highlight) continue;
    for (const r of highlight as unknown as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      ranges.push(range);
    }
  }
  return ranges;
}

export type LiveRanges = typeof liveRanges;

/** Runs `fn` in the page's own world with `liveRanges` at hand. */
export function evaluateWithRanges<R, A = undefined>(
  page: TestPage,
  fn: (liveRanges: LiveRanges, arg: A) => R | Promise<R>,
  arg?: A,
): Promise<R> {
  const withHelper = new Function('arg', `return (${fn})(${liveRanges}, arg);`) as (arg: A) => R | Promise<R>;
  return page.evaluate(withHelper, arg as A);
}
