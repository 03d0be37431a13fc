/**
 * Decides which indexed marks are shown, and in which highlight, from what is on the page and
 * the reader's settings:
 * - a dispute is on the page when an alias of one of its entities is (a claim's cue alone,
 *   "Smart Lock" on a Google page, does not count: design, Matching);
 * - a dispute whose every statement is from a switched-off source is not marked at all;
 * - a cue of a claim of an active dispute marks that claim (its own highlight), an alias marks
 *   the dispute;
 * - "first" marks only the first mention of each dispute.
 *
 * A shown mark is registered in the page's highlight registry only while it is near the
 * viewport (viewport.ts; "first" marks always, being a handful), and at most MAX_REGISTERED at
 * once: Chromium revalidates every registered range after each page change (HIGHLIGHTS.md §1).
 */
import type { CompiledIndex, PatternTarget } from '../core/compile';
import type { PageFindings } from '../core/messages';
import type { Settings } from '../core/settings';
import { visibleDisputes } from '../core/visibility';
import { HighlightLayer, type MarkKind } from './highlights';
import type { Mark, MarkIndex } from './marks';
import { yieldToPage } from './scheduler';
import { NearViewport } from './viewport';

export const MAX_REGISTERED = 2000;
const SHOW_PER_TASK = 300;

type LayerKind = Exclude<MarkKind, 'focus'>;
/** Which dispute a mark stands for, and the layer it shows in. */
type Place = { dispute: number; kind: LayerKind };

export class Marker {
  private readonly layers: Record<MarkKind, HighlightLayer>;
  /** Marks that should show, with their layer, wherever they are on the page. */
  private readonly shown = new Map<Mark, LayerKind>();
  /** Shown marks by the element viewport.ts watches for them (watched while the set is not empty). */
  private readonly byAnchor = new Map<Element, Set<Mark>>();
  /** The shown marks registered now (near the viewport), with their layer. */
  private readonly registered = new Map<Mark, LayerKind>();
  private readonly viewport: NearViewport;
  /** Marks the last sync wants shown that are not yet (see showPending). */
  private pending: [Mark, LayerKind][] = [];
  private continuing = false;
  private torn = false;
  private readonly waiting: (() => void)[] = [];
  /** Called with the length of each task that showed marks (the bench's slice timing). */
  onShowSlice: ((ms: number) => void) | undefined;
  private visible: Set<number>;
  private focused: Mark | null = null;

  constructor(
    private readonly index: CompiledIndex,
    private readonly marks: MarkIndex,
    private settings: Settings,
  ) {
    this.visible = visibleDisputes(index, settings);
    this.layers = {
      dispute: new HighlightLayer('dispute', settings.markStyle),
      claim: new HighlightLayer('claim', settings.markStyle),
      focus: new HighlightLayer('focus', settings.markStyle),
    };
    this.viewport = new NearViewport((changed) => this.nearChanged(changed));
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
    this.visible = visibleDisputes(this.index, settings);
    for (const layer of Object.values(this.layers)) layer.setStyle(settings.markStyle);
    this.sync();
  }

  /** Disputes with at least one visible entity mention on the page. */
  activeDisputes(): Set<number> {
    const active = new Set<number>();
    for (const pattern of this.marks.perPattern.keys()) {
      for (const d of this.index.targets[pattern]?.disputes ?? []) if (this.visible.has(d)) active.add(d);
    }
    return active;
  }

  /** Which dispute a pattern's marks stand for and in which layer, or null when they should not show. */
  private classify(target: PatternTarget, active: Set<number>): Place | null {
    for (const [d] of target.claims) if (active.has(d)) return { dispute: d, kind: 'claim' };
    for (const d of target.disputes) if (active.has(d)) return { dispute: d, kind: 'dispute' };
    return null;
  }

  /** Brings what is shown and registered in line with the index; call after each batch of index changes. */
  sync(): void {
    const active = this.activeDisputes();
    const first = this.settings.markWhich === 'first';
    const ordered = first ? this.marks.inDocumentOrder() : this.marks.all;
    const wanted = new Map<Mark, LayerKind>();
    const firstSeen = new Set<number>();
    // Every mark of a pattern has the pattern's target, so each pattern is classified once, not
    // each of the thousands of marks a long page can hold.
    const places = new Map<number, Place | null>();
    for (const mark of ordered) {
      let place = places.get(mark.pattern);
      if (place === undefined) {
        place = this.classify(mark.target, active);
        places.set(mark.pattern, place);
      }
      if (!place) continue;
      if (first) {
        if (firstSeen.has(place.dispute)) continue;
        firstSeen.add(place.dispute);
      }
      wanted.set(mark, place.kind);
    }
    for (const [mark, kind] of this.shown) if (wanted.get(mark) !== kind) this.hide(mark);
    this.pending = [];
    for (const [mark, kind] of wanted) {
      if (!this.shown.has(mark)) this.pending.push([mark, kind]);
      else this.place(mark, kind); // "first" turned on or off: registration rules changed
    }
    if (this.focused && !this.shown.has(this.focused)) this.setFocus(null);
    this.showPending();
  }

  /**
   * Shows queued marks, SHOW_PER_TASK at a time, continuing in later tasks: showing one means
   * watching its element with the IntersectionObserver, and thousands at once (a 5 MB page)
   * would make a long task (design, non-negotiable 3).
   */
  private showPending(): void {
    const start = performance.now();
    for (const [mark, kind] of this.pending.splice(0, SHOW_PER_TASK)) {
      if (this.marks.all.has(mark)) this.show(mark, kind);
    }
    for (const layer of Object.values(this.layers)) layer.ensureRegistered();
    this.onShowSlice?.(performance.now() - start);
    if (this.pending.length === 0) {
      for (const resolve of this.waiting.splice(0)) resolve();
    } else if (!this.continuing) {
      this.continuing = true;
      void yieldToPage().then(() => {
        this.continuing = false;
        if (!this.torn) this.showPending();
      });
    }
  }

  /** Resolves once every mark the last sync wanted is shown (for the bench's timing). */
  whenShown(): Promise<void> {
    return this.pending.length === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  private show(mark: Mark, kind: LayerKind): void {
    this.shown.set(mark, kind);
    const group = this.byAnchor.get(mark.anchor);
    if (group) group.add(mark);
    else {
      this.byAnchor.set(mark.anchor, new Set([mark]));
      this.viewport.watch(mark.anchor);
    }
    this.place(mark, kind);
  }

  private hide(mark: Mark): void {
    if (!this.shown.delete(mark)) return;
    const group = this.byAnchor.get(mark.anchor);
    group?.delete(mark);
    if (group?.size === 0) {
      this.byAnchor.delete(mark.anchor);
      this.viewport.unwatch(mark.anchor);
    }
    this.unregister(mark);
  }

  /** Registers a shown mark if it is near the viewport (or a "first" mark), else unregisters it. */
  private place(mark: Mark, kind: LayerKind): void {
    const wanted = this.settings.markWhich === 'first' || this.viewport.has(mark.anchor);
    if (!wanted) this.unregister(mark);
    else if (!this.registered.has(mark) && this.registered.size < MAX_REGISTERED) {
      this.layers[kind].add(mark.range);
      this.registered.set(mark, kind);
    }
  }

  private unregister(mark: Mark): void {
    const kind = this.registered.get(mark);
    if (!kind) return;
    this.layers[kind].delete(mark.range);
    this.registered.delete(mark);
  }

  /** Elements came near the viewport or went away: (un)register only their marks. */
  private nearChanged(changed: Element[]): void {
    for (const element of changed) {
      for (const mark of this.byAnchor.get(element) ?? []) this.place(mark, this.shown.get(mark) as LayerKind);
    }
    for (const layer of Object.values(this.layers)) layer.ensureRegistered();
  }

  /** Forgets marks the index dropped (their ranges may point at removed text). */
  forget(removed: readonly Mark[]): void {
    for (const mark of removed) {
      this.hide(mark);
      if (mark === this.focused) this.setFocus(null);
    }
  }

  /** Whether a mark should show (it may be far from the viewport, so not registered yet). */
  isShown(mark: Mark): boolean {
    return this.shown.has(mark);
  }

  /** Whether a mark is in the highlight registry now, i.e. drawn on the page. */
  isRegistered(mark: Mark): boolean {
    return this.registered.has(mark);
  }

  /** Whether any mark is drawn on the page now. */
  get anyRegistered(): boolean {
    return this.registered.size > 0;
  }

  /** Every active dispute a pattern's marks stand for, through claims' cues and entities. */
  private disputesFor(target: PatternTarget, active: Set<number>): Set<number> {
    const ids = new Set<number>();
    for (const [d] of target.claims) if (active.has(d)) ids.add(d);
    for (const d of target.disputes) if (active.has(d)) ids.add(d);
    return ids;
  }

  /** The dispute ids a mark stands for (for its card). */
  disputesOf(mark: Mark): string[] {
    return [...this.disputesFor(mark.target, this.activeDisputes())].map((d) => this.index.disputes[d]?.id as string);
  }

  /** Claim ids a shown mark points at, as "disputeId/claimId". */
  claimsOf(mark: Mark): string[] {
    const active = this.activeDisputes();
    return mark.target.claims
      .filter(([d]) => active.has(d))
      .map(([d, c]) => `${this.index.disputes[d]?.id}/${this.index.disputes[d]?.claims[c]?.id}`);
  }

  /** The shown mark after `current` in document order, wrapping around. */
  next(current: Mark | null): Mark | null {
    const ordered = this.marks.inDocumentOrder().filter((m) => this.shown.has(m));
    if (ordered.length === 0) return null;
    const at = current ? ordered.indexOf(current) : -1;
    return ordered[(at + 1) % ordered.length] ?? null;
  }

  get focus(): Mark | null {
    return this.focused;
  }

  setFocus(mark: Mark | null): void {
    if (this.focused) this.layers.focus.delete(this.focused.range);
    this.focused = mark;
    if (mark) this.layers.focus.add(mark.range);
  }

  findings(): PageFindings {
    const active = this.activeDisputes();
    const mentions: Record<string, Record<string, number>> = {};
    for (const [pattern, count] of this.marks.perPattern) {
      const target = this.index.targets[pattern];
      const name = this.index.patterns[pattern]?.text;
      if (!target || name === undefined) continue;
      for (const d of this.disputesFor(target, active)) {
        const id = this.index.disputes[d]?.id as string;
        mentions[id] ??= {};
        const counts = mentions[id];
        counts[name] = (counts[name] ?? 0) + count;
      }
    }
    return {
      disputes: [...active].sort((a, b) => a - b).map((d) => this.index.disputes[d]?.id as string),
      mentions,
    };
  }

  /** Removes everything we showed (teardown, pause). */
  clear(): void {
    this.pending = [];
    for (const resolve of this.waiting.splice(0)) resolve();
    for (const mark of [...this.shown.keys()]) this.hide(mark);
    this.setFocus(null);
  }

  teardown(): void {
    this.torn = true;
    this.clear();
    this.viewport.disconnect();
    for (const layer of Object.values(this.layers)) layer.unregister();
  }
}
