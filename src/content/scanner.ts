/**
 * Turns a subtree's text into indexed marks: flows → matcher → StaticRanges. Work is queued per
 * container element and done in slices (scheduler.ts); a queued container that lies inside
 * another queued one is scanned once, with the outer one.
 */
import type { CompiledIndex } from '../core/compile';
import type { Matcher } from '../core/matcher';
import type { Mark, MarkIndex } from './marks';
import { EDITABLE, type Flow, flowsUnder, isSeen, locate } from './text-flow';

const WHITESPACE = /\s+/g;

export class Scanner {
  private readonly queue: Element[] = [];
  private current: { flows: Iterator<Flow> } | null = null;
  /** Marks replaced by a rescan, for the caller to unregister, and how many were added. */
  private dropped: Mark[] = [];
  private added = 0;

  constructor(
    private readonly matcher: Matcher,
    private readonly index: CompiledIndex,
    private readonly marks: MarkIndex,
    private readonly ownHost: () => Element | null,
  ) {}

  get idle(): boolean {
    return this.current === null && this.queue.length === 0;
  }

  /**
   * Scans these flows, walked from the page as `flowsUnder` walks it, before anything queued
   * after: the page's first scan, on an idle scanner, when a survey walked the page just before
   * and found matches in these only.
   */
  scanWalked(flows: readonly Flow[]): void {
    this.current = { flows: flows.values() };
  }

  /** Queues `container` for a scan, unless it is already covered by a queued ancestor. */
  enqueue(container: Element): void {
    if (this.queue.some((queued) => queued === container || queued.contains(container))) return;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (container.contains(this.queue[i] as Element)) this.queue.splice(i, 1);
    }
    this.queue.push(container);
  }

  /** Scans one flow; false when nothing is left to do. Callers slice on this. */
  step(): boolean {
    while (!this.current) {
      const next = this.queue.shift();
      if (!next) return false;
      if (next.isConnected) this.current = { flows: flowsUnder(next, this.ownHost()) };
    }
    const { value: flow, done } = this.current.flows.next();
    if (done) {
      this.current = null;
      return this.queue.length > 0;
    }
    this.markFlow(flow);
    return true;
  }

  /** What the scans since the last call changed in the index (see index.ts `settle`). */
  takeChanges(): { dropped: Mark[]; added: number } {
    const changes = { dropped: this.dropped, added: this.added };
    this.dropped = [];
    this.added = 0;
    return changes;
  }

  private markFlow(flow: Flow): void {
    if (flow.nodes.length === 0) return;
    // Marks from an earlier scan of the same text are replaced, never doubled.
    const replaced = this.marks.dropNodes(flow.nodes);
    if (replaced.length > 0) this.dropped.push(...replaced);
    const matches = this.matcher.find(flow.text);
    if (matches.length === 0) return;
    if (!isSeen(flow)) return;
    const parent = flow.nodes[0]?.parentElement as Element;
    for (const match of matches) {
      const target = this.index.targets[match.pattern];
      if (!target) continue;
      const where = locate(flow, match.start, match.end);
      if (
        where.startContainer.parentElement?.closest(EDITABLE) ||
        where.endContainer.parentElement?.closest(EDITABLE)
      ) {
        continue;
      }
      const mark: Mark = {
        range: new StaticRange(where),
        nodes: where.nodes,
        anchor: where.startContainer.parentElement ?? parent,
        text: flow.text.slice(match.start, match.end).replace(WHITESPACE, ' '),
        pattern: match.pattern,
        target,
      };
      this.marks.add(mark);
      this.added++;
    }
  }
}
