/**
 * How the reader reaches the card: hovering a mark (after a short delay) previews it, a click
 * pins it, Esc or a click elsewhere closes it, and the keyboard command moves to the next mark
 * and opens its card with focus in it. Highlights get no events (HIGHLIGHTS.md §6), so the
 * pointer is hit-tested: the caret position under it, looked up in our own mark index, confirmed
 * against the mark's boxes. All listeners end with the content script's lifetime.
 */
import type { Dispute, Source } from '../core/schema';
import type { CardHost } from './card-host';
import type { Marker } from './marker';
import type { Mark, MarkIndex } from './marks';

export const HOVER_DELAY_MS = 350;
const CLOSE_DELAY_MS = 300;

export interface DisputeSource {
  details(ids: string[]): Promise<{ disputes: Dispute[]; sources: Source[] }>;
  hiddenSources(): ReadonlySet<string>;
  /** The card's "Doesn't apply here" for one dispute on this page. */
  dismiss(disputeId: string): void;
}

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const doc = document as CaretDocument;
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** The mention's boxes, through a short-lived live Range (StaticRange has no geometry). */
function boxesOf(mark: Mark): DOMRect[] {
  const range = document.createRange();
  range.setStart(mark.range.startContainer, mark.range.startOffset);
  range.setEnd(mark.range.endContainer, mark.range.endOffset);
  return [...range.getClientRects()];
}

export class Interaction {
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private hovered: Mark | null = null;
  private shownFor: Mark | null = null;
  private pendingFrame = false;
  private returnFocus: HTMLElement | null = null;
  private readonly cache = new Map<string, Dispute>();
  private readonly sources = new Map<string, Source>();

  constructor(
    private readonly marks: MarkIndex,
    private readonly marker: Marker,
    private readonly card: CardHost,
    private readonly data: DisputeSource,
  ) {}

  start(signal: AbortSignal): void {
    const options = { signal, passive: true, capture: true } as const;
    document.addEventListener('pointermove', (e) => this.onPointerMove(e), options);
    document.addEventListener('click', (e) => this.onClick(e), options);
    document.addEventListener('keydown', (e) => this.onKeyDown(e), { signal, capture: true });
    signal.addEventListener('abort', () => {
      clearTimeout(this.hoverTimer);
      clearTimeout(this.closeTimer);
    });
  }

  /** The shown mark under a viewport point, if any. */
  hitTest(x: number, y: number): Mark | null {
    const caret = caretAt(x, y);
    if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
    // The caret lands between characters: over a mark's last half-character it is at its end.
    const mark = this.marks.at(caret.node, caret.offset) ?? this.marks.at(caret.node, caret.offset - 1);
    if (!mark || !this.marker.isRegistered(mark)) return null;
    const inside = boxesOf(mark).some(
      (r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1,
    );
    return inside ? mark : null;
  }

  /**
   * Whether a pointer event can matter: a mark is drawn to hit, or a card is open to keep or
   * close. On most pages neither, and the pointer then costs no caret lookup (a layout query)
   * per frame.
   */
  private get listening(): boolean {
    return this.marker.anyRegistered || this.card.isOpen;
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.pendingFrame || !this.listening) return;
    this.pendingFrame = true;
    const { clientX, clientY, target } = event;
    // One hit test per frame at most: caret lookups cost a layout query.
    requestAnimationFrame(() => {
      this.pendingFrame = false;
      if (this.card.contains(target as Node)) {
        clearTimeout(this.closeTimer);
        return;
      }
      const mark = this.hitTest(clientX, clientY);
      if (mark === this.hovered) return;
      this.hovered = mark;
      clearTimeout(this.hoverTimer);
      if (mark) {
        clearTimeout(this.closeTimer);
        if (mark !== this.shownFor) this.hoverTimer = setTimeout(() => void this.open(mark, false), HOVER_DELAY_MS);
      } else if (this.card.isOpen && !this.card.pinned) {
        this.closeTimer = setTimeout(() => this.close(), CLOSE_DELAY_MS);
      }
    });
  }

  private onClick(event: MouseEvent): void {
    if (!this.listening || this.card.contains(event.target as Node)) return;
    const mark = this.hitTest(event.clientX, event.clientY);
    if (mark) void this.open(mark, true);
    else if (this.card.isOpen) this.close();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.card.isOpen) {
      event.stopPropagation();
      this.close();
    }
  }

  /** Opens the card for `mark`; `pinned` keeps it open until closed, `focus` moves focus into it. */
  async open(mark: Mark, pinned: boolean, focus = false): Promise<void> {
    clearTimeout(this.hoverTimer);
    clearTimeout(this.closeTimer);
    this.shownFor = mark;
    if (pinned) this.marker.setFocus(mark);
    const ids = this.marker.disputesOf(mark);
    const missing = ids.filter((id) => !this.cache.has(id));
    if (missing.length > 0) {
      const { disputes, sources } = await this.data.details(missing);
      for (const dispute of disputes) this.cache.set(dispute.id, dispute);
      for (const source of sources) this.sources.set(source.id, source);
    }
    if (this.shownFor !== mark) return; // the reader moved on while the details loaded
    const anchor = boxesOf(mark)[0];
    if (!anchor) return;
    const disputes = ids.map((id) => this.cache.get(id)).filter((d): d is Dispute => d !== undefined);
    const focusClaims = this.marker.claimsOf(mark).map((ref) => ref.split('/')[1] as string);
    if (focus && !this.card.isOpen) this.returnFocus = document.activeElement as HTMLElement | null;
    const shown = await this.card.show(
      {
        disputes,
        sources: this.sources,
        hiddenSources: this.data.hiddenSources(),
        focusClaims,
        findings: this.marker.findingsOf(mark),
        pageDate: this.marker.findings().pageDate,
        onDismiss: (id) => {
          this.close();
          this.data.dismiss(id);
        },
      },
      anchor,
      pinned,
    );
    if (shown && focus) this.card.focus();
  }

  close(): void {
    const hadFocus = this.card.contains(document.activeElement);
    this.card.hide();
    this.marker.setFocus(null);
    this.shownFor = null;
    if (hadFocus) this.returnFocus?.focus?.();
    this.returnFocus = null;
  }

  /** The keyboard command: next mark in document order, scrolled into view, card focused. */
  async next(): Promise<boolean> {
    const mark = this.marker.next(this.marker.focus);
    if (!mark) return false;
    mark.range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    await this.open(mark, true, true);
    return true;
  }

  /** Closes a card whose mark left the page or stopped being shown. */
  refresh(): void {
    if (this.shownFor && (!this.marks.all.has(this.shownFor) || !this.marker.isShown(this.shownFor))) this.close();
  }
}
