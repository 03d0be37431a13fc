/**
 * Where a batch of page changes may have made a mention, for the first stage's check
 * (first-stage.ts): the whole run of text around each change, since a phrase may now span the edit
 * ("Xiao" + "mi"). A new block element is a run of its own; a text node or inline element joins
 * the run of its nearest block, as in the full stage's observer.ts. Subtrees the scan skips
 * (scripts, styles …) add nothing a reader sees.
 */
import { flowContainer, isBreak, isSkipped } from './text-flow';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function* changedRuns(records: readonly MutationRecord[]): Generator<Element> {
  const seen = new Set<Node>();
  const runOf = (node: Node): Element | null => {
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      if (isSkipped(element, null)) return null;
      if (isBreak(element)) return element;
    } else if (node.nodeType !== TEXT_NODE) return null;
    return flowContainer(node);
  };
  for (const record of records) {
    const nodes = record.type === 'characterData' ? [record.target] : record.addedNodes;
    for (const node of nodes) {
      const run = runOf(node);
      if (!run || seen.has(run)) continue;
      seen.add(run);
      yield run;
    }
  }
}
