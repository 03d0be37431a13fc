/**
 * Follows the page's changes without ever rescanning the whole page (design, non-negotiable 3):
 * each batch of mutation records becomes a set of flow containers to rescan, plus what the marks
 * index must forget: edited or removed text nodes (one lookup each), and whether an element was
 * removed (the only change that needs a sweep of every mark, since its subtree's text went with
 * it). A page that rewrites one small element's text every frame therefore costs a lookup and a
 * tiny rescan per frame, whatever the number of marks. Changes inside our own card host
 * are ignored, so our own work never triggers a scan.
 */
import { flowContainer, insideSkipped, isBreak } from './text-flow';

export interface ChangeBatch {
  containers: Set<Element>;
  /** Text nodes whose marks are stale: edited (offsets moved) or removed. */
  texts: Text[];
  /** An element left the document: marks anywhere under it must go. */
  elementRemoved: boolean;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function summarize(records: readonly MutationRecord[], ownHost: Element | null): ChangeBatch {
  const containers = new Set<Element>();
  const texts: Text[] = [];
  let elementRemoved = false;
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
      // The old text's marks may point at the wrong characters, and a rescan skips empty text.
      if (record.target.nodeType === TEXT_NODE) texts.push(record.target as Text);
    } else if (record.type === 'childList') {
      if (record.removedNodes.length > 0) {
        for (const node of record.removedNodes) {
          if (node.nodeType === TEXT_NODE) texts.push(node as Text);
          else if (node.nodeType === ELEMENT_NODE) elementRemoved = true;
        }
        // Removing a node can join the text around it into one flow.
        if (record.target.isConnected) touch(record.target);
      }
      for (const node of record.addedNodes) touch(node);
    }
  }
  return { containers, texts, elementRemoved };
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
    if (batch.containers.size > 0 || batch.texts.length > 0 || batch.elementRemoved) onBatch(batch);
  });
  observer.observe(root, { childList: true, characterData: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
