/**
 * Our own index of marks (HIGHLIGHTS.md, "what this means" 1): each mention is a StaticRange
 * kept here, looked up by text node for hit testing and for dropping marks when the page
 * changes. StaticRanges cost nothing on page mutations, unlike live Ranges, but never update:
 * a changed or removed node must have its marks removed here, which `dropNodes` and
 * `dropDisconnected` do.
 */
import type { PatternTarget } from '../core/compile';

export interface Mark {
  range: StaticRange;
  /** Every text node the range touches (usually one; more when a phrase spans inline tags). */
  nodes: Text[];
  /** The element around the first node: what viewport.ts watches to tell if the mark is near. */
  anchor: Element;
  /** The mention as written on the page, whitespace collapsed ("Mi Mover"). */
  text: string;
  /** Index of the matched pattern; its text is the mention's canonical name ("Mi-Mover" → "Mi Mover"). */
  pattern: number;
  target: PatternTarget;
}

export class MarkIndex {
  private readonly byNode = new Map<Text, Mark[]>();
  /** In insertion order; the initial scan inserts in document order. */
  readonly all = new Set<Mark>();
  /**
   * How many marks each matched pattern has: what the badge, the popup and the marker's dispute
   * rules need, without a pass over thousands of marks on every change.
   */
  readonly perPattern = new Map<number, number>();

  add(mark: Mark): void {
    this.all.add(mark);
    this.perPattern.set(mark.pattern, (this.perPattern.get(mark.pattern) ?? 0) + 1);
    for (const node of mark.nodes) {
      const list = this.byNode.get(node);
      if (list) list.push(mark);
      else this.byNode.set(node, [mark]);
    }
  }

  private remove(mark: Mark, removed: Mark[]): void {
    if (!this.all.delete(mark)) return;
    removed.push(mark);
    const left = (this.perPattern.get(mark.pattern) ?? 1) - 1;
    if (left > 0) this.perPattern.set(mark.pattern, left);
    else this.perPattern.delete(mark.pattern);
    for (const node of mark.nodes) {
      const list = this.byNode.get(node);
      if (!list) continue;
      const rest = list.filter((m) => m !== mark);
      if (rest.length > 0) this.byNode.set(node, rest);
      else this.byNode.delete(node);
    }
  }

  /** Removes every mark touching one of `nodes`; returns the removed marks. */
  dropNodes(nodes: Iterable<Text>): Mark[] {
    const removed: Mark[] = [];
    // The first scan of a page calls this for every flow, before anything is indexed.
    if (this.byNode.size === 0) return removed;
    for (const node of nodes) {
      const list = this.byNode.get(node);
      if (list) for (const mark of list) this.remove(mark, removed);
    }
    return removed;
  }

  /** Removes marks whose text left the document (the page removed an ancestor). */
  dropDisconnected(): Mark[] {
    const removed: Mark[] = [];
    for (const mark of this.all) if (!mark.nodes.every((n) => n.isConnected)) this.remove(mark, removed);
    return removed;
  }

  /** The mark covering character `offset` of `node`, if any. */
  at(node: Node, offset: number): Mark | undefined {
    const list = this.byNode.get(node as Text);
    if (!list) return undefined;
    return list.find((mark) => {
      const { startContainer, startOffset, endContainer, endOffset } = mark.range;
      const afterStart = node !== startContainer || offset >= startOffset;
      const beforeEnd = node !== endContainer || offset < endOffset;
      return afterStart && beforeEnd;
    });
  }

  clear(): Mark[] {
    const removed = [...this.all];
    this.all.clear();
    this.byNode.clear();
    this.perPattern.clear();
    return removed;
  }

  /** Marks in document order (mutations can add marks earlier in the page than older ones). */
  inDocumentOrder(): Mark[] {
    return [...this.all].sort((a, b) => {
      const x = a.range.startContainer;
      const y = b.range.startContainer;
      if (x === y) return a.range.startOffset - b.range.startOffset;
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }
}
