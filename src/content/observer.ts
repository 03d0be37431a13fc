/**
 * Follows the page's changes without ever rescanning the whole page (design, non-negotiable 3):
 * each batch of mutation records becomes a set of flow containers to rescan, plus a flag saying
 * whether text was removed (so marks pointing into it are dropped). Changes inside our own card
 * host are ignored, so our own work never triggers a scan.
 */
import { flowContainer, insideSkipped, isBreak } from './text-flow';

export interface ChangeBatch {
  containers: Set<Element>;
  removed: boolean;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function summarize(records: readonly MutationRecord[], ownHost: Element | null): ChangeBatch {
  const containers = new Set<Element>();
  let removed = false;
  const touch = (node: Node) => {
    if (ownHost && (node === ownHost || ownHost.contains(node))) return;
    if (node.nodeType !== TEXT_NODE && node.nodeType !== ELEMENT_NODE) return;
    if (insideSkipped(node, ownHost)) return;
    // A new block element is its own flow container; text and inline elements join the flow
    // around them, so that whole flow is rescanned (a phrase may now span the edit).
    const container =
      node.nodeType === ELEMENT_NODE && isBreak(node as Element) ? (node as Element) : flowContainer(node);
    if (container) containers.add(container);
  };
  for (const record of records) {
    if (record.type === 'characterData') {
      touch(record.target);
      removed = true; // the old text's marks may now point at the wrong characters
    } else if (record.type === 'childList') {
      if (record.removedNodes.length > 0) {
        removed = true;
        // Removing a node can join the text around it into one flow.
        if (record.target.isConnected) touch(record.target);
      }
      for (const node of record.addedNodes) touch(node);
    }
  }
  return { containers, removed };
}

/** Observes `root`, handing each summarized batch to `onBatch`; stops when `signal` aborts. */
export function observeChanges(
  root: Node,
  ownHost: () => Element | null,
  onBatch: (batch: ChangeBatch) => void,
  signal: AbortSignal,
): void {
  const observer = new MutationObserver((records) => {
    const batch = summarize(records, ownHost());
    if (batch.containers.size > 0 || batch.removed) onBatch(batch);
  });
  observer.observe(root, { childList: true, characterData: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
