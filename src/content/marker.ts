/**
 * Decides which indexed marks are shown, and in which highlight, from what is on the page, the
 * relevance rule (core/relevance.ts) and the reader's settings:
 * - a dispute is named on the page when an alias of one of its entities is; the rule tells which
 *   named disputes the page is about; the rest are on record;
 * - a dispute whose every claim is from a switched-off source, or from a switched-off pack, is not
 *   marked or counted (visibility.ts), nor one the reader dismissed on this page;
 * - "about" (the default) marks every mention (entity aliases, cues, signals) of the disputes the
 *   page is about; "every" every mention of every named dispute; "first" the first mention of
 *   each named dispute;
 * - a cue of a shown dispute's claim shows in the claim highlight, anything else in the dispute one.
 *
 * A shown mark is registered in the page's highlight registry only while it is near the
 * viewport (viewport.ts; "first" marks always, being a handful), and at most MAX_REGISTERED at
 * once: Chromium revalidates every registered range after each page change (HIGHLIGHTS.md §1).
 */
import type { CompiledIndex, PatternTarget } from '../core/compile';
import type { DisputeFinding, PageFindings } from '../core/messages';
import { isMarked, judgeRelevance } from '../core/relevance';
import type { Settings } from '../core/settings';
import { visibleDisputes } from '../core/visibility';
import { HighlightLayer, type MarkKind } from './highlights';
import type { Mark, MarkIndex } from './marks';
import { yieldToPage } from './scheduler';
import { NearViewport } from './viewport';

export const MAX_REGISTERED = 2000;
const SHOW_PER_TASK = 300;

type LayerKind = Exclude<MarkKind, 'focus'>;
/** Which shown disputes a pattern's marks stand for, and the layer they show in. */
type Place = { disputes: number[]; kind: LayerKind };

/** What the relevance rule needs from the page besides its mentions. */
export interface PageContext {
  pageDate: string | null;
  /** Ids of the disputes dismissed on this page. */
  dismissed: ReadonlySet<string>;
}

/** Every dispute a pattern points at: as an entity alias, a claim's cue or a signal. */
function disputesOfTarget(target: PatternTarget): number[] {
  const ids = [...target.disputes];
  for (const [d] of target.claims) if (!ids.includes(d)) ids.push(d);
  for (const [d] of target.signals) if (!ids.includes(d)) ids.push(d);
  return ids;
}

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
  private visible: Set<number>;
  private focused: Mark | null = null;
  /** The relevance rule's verdict at the last sync. */
  private judged: DisputeFinding[] = [];
  /** Named, not dismissed disputes by index, in the findings' order (about ones first). */
  private rank = new Map<number, number>();
  private readonly disputeAt: ReadonlyMap<string, number>;

  constructor(
    private readonly index: CompiledIndex,
    private readonly marks: MarkIndex,
    private settings: Settings,
    private context: PageContext = { pageDate: null, dismissed: new Set() },
  ) {
    this.disputeAt = new Map(index.disputes.map((d, i) => [d.id, i]));
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

  /** The page's date or its dismissals changed: judge and mark again. */
  setContext(context: PageContext): void {
    this.context = context;
    this.sync();
  }

  /** Runs the relevance rule over the mentions now on the page; returns the disputes to mark. */
  private judge(): Set<number> {
    this.judged = judgeRelevance({
      index: this.index,
      counts: this.marks.perPattern,
      pageDate: this.context.pageDate,
      visible: this.visible,
      dismissed: this.context.dismissed,
    });
    this.rank = new Map();
    const marked = new Set<number>();
    for (const finding of this.judged) {
      const d = this.disputeAt.get(finding.id);
      if (d === undefined || finding.dismissed) continue;
      this.rank.set(d, this.rank.size);
      if (isMarked(finding, this.settings.markWhich)) marked.add(d);
    }
    return marked;
  }

  /** Which marked disputes a pattern's marks stand for and in which layer, or null when they should not show. */
  private classify(target: PatternTarget, marked: Set<number>): Place | null {
    const disputes = disputesOfTarget(target).filter((d) => marked.has(d));
    if (disputes.length === 0) return null;
    const kind = target.claims.some(([d]) => marked.has(d)) ? 'claim' : 'dispute';
    return { disputes, kind };
  }

  /** Brings what is shown and registered in line with the index; call after each batch of index changes. */
  sync(): void {
    const marked = this.judge();
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
        place = this.classify(mark.target, marked);
        places.set(mark.pattern, place);
      }
      if (!place) continue;
      if (first) {
        // The first mention of any dispute it stands for not yet marked; it marks them all.
        if (place.disputes.every((d) => firstSeen.has(d))) continue;
        for (const d of place.disputes) firstSeen.add(d);
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
    for (const [mark, kind] of this.pending.splice(0, SHOW_PER_TASK)) {
      if (this.marks.all.has(mark)) this.show(mark, kind);
    }
    this.keepRegistered();
    if (this.pending.length > 0 && !this.continuing) {
      this.continuing = true;
      void yieldToPage().then(() => {
        this.continuing = false;
        if (!this.torn) this.showPending();
      });
    }
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

  /** Named, not dismissed disputes a pattern's marks stand for, in the findings' order (about ones first). */
  private disputesFor(target: PatternTarget): number[] {
    return disputesOfTarget(target)
      .filter((d) => this.rank.has(d))
      .sort((a, b) => (this.rank.get(a) as number) - (this.rank.get(b) as number));
  }

  /** The dispute ids a mark stands for (for its card), about-the-page ones first. */
  disputesOf(mark: Mark): string[] {
    return this.disputesFor(mark.target).map((d) => this.index.disputes[d]?.id as string);
  }

  /** The findings of the disputes a mark stands for (the card's why-marked line), about ones first. */
  findingsOf(mark: Mark): DisputeFinding[] {
    const ids = new Set(this.disputesOf(mark));
    return this.judged.filter((f) => ids.has(f.id));
  }

  /** Claim ids a shown mark points at, as "disputeId/claimId". */
  claimsOf(mark: Mark): string[] {
    return mark.target.claims
      .filter(([d]) => this.rank.has(d))
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

  /** What the page names, as of the last sync (listed for the popup and the badge). */
  findings(): PageFindings {
    return { disputes: this.judged, pageDate: this.context.pageDate };
  }

  /**
   * Registers our highlights again where the page cleared or replaced them (the registry is
   * shared with its scripts): one lookup per layer, after every batch of page changes.
   */
  keepRegistered(): void {
    for (const layer of Object.values(this.layers)) layer.ensureRegistered();
  }

  /** Removes everything we showed (teardown, pause). */
  clear(): void {
    this.pending = [];
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
