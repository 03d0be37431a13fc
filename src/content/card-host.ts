/**
 * The one node the extension adds to a page: a host element with a closed shadow root, created
 * when a card first opens (design, non-negotiable 1). The page cannot reach into it, page styles
 * do not reach it, and it is removed again on teardown. Follows Hypothesis' Preact container
 * pattern (STYLE.md §9). The card's UI itself is loaded then too (card-view.ts).
 */
import type { DisputeFinding } from '../core/messages';
import type { Dispute, Source } from '../core/schema';
import type { Translate } from '../ui/i18n';
import type * as CardView from './card-view';
import { loadStage } from './stage-loader';

export interface CardContent {
  disputes: Dispute[];
  sources: ReadonlyMap<string, Source>;
  hiddenSources: ReadonlySet<string>;
  focusClaims: readonly string[];
  /** The findings of the mark's disputes, for the why-marked line. */
  findings?: readonly DisputeFinding[];
  /** The page's own date, for "before/after this article"; null or left out shows no such line. */
  pageDate?: string | null;
  /** The card's "Doesn't apply here": remember the dismissal for this page (the card then closes). */
  onDismiss?: (disputeId: string) => void;
}

const GAP = 6;

let cardView: Promise<typeof CardView> | null = null;

/** The card's UI, loaded once per page; a failed load is tried again next time. */
function loadCardView(): Promise<typeof CardView> {
  cardView ??= loadStage<typeof CardView>('card').catch((error: unknown) => {
    cardView = null;
    throw error;
  });
  return cardView;
}

export class CardHost {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private anchor: DOMRect | null = null;
  private view: typeof CardView | null = null;
  /** Counts show and hide calls, so a show that waited for the UI module yields to a later call. */
  private generation = 0;
  pinned = false;

  constructor(
    private readonly t: Translate,
    private readonly onClose: () => void,
  ) {}

  /** The host element, once created (the scanner and observer skip it). */
  get element(): HTMLElement | null {
    return this.host;
  }

  get isOpen(): boolean {
    return this.mount !== null && this.mount.childElementCount > 0;
  }

  private ensure(view: typeof CardView): HTMLElement {
    if (this.host?.isConnected && this.mount) return this.mount;
    const host = document.createElement('counterclaim-card');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = view.CARD_STYLES;
    const mount = document.createElement('div');
    root.append(style, mount);
    document.documentElement.append(host);
    this.host = host;
    this.mount = mount;
    return mount;
  }

  /**
   * Shows `content` next to `anchor` (the mention's box, in viewport coordinates). Resolves
   * false when a later show or hide came first, or the UI could not be loaded.
   */
  async show(content: CardContent, anchor: DOMRect, pinned: boolean): Promise<boolean> {
    const generation = ++this.generation;
    try {
      this.view ??= await loadCardView();
    } catch (error) {
      console.warn('Counterclaim: the card could not be loaded', error);
      return false;
    }
    if (generation !== this.generation) return false;
    const mount = this.ensure(this.view);
    this.pinned = pinned;
    this.anchor = anchor;
    this.view.renderCard(mount, { ...content, pinned, t: this.t, onClose: this.onClose });
    this.place();
    return true;
  }

  /** Positions the card below the mention, or above it when there is no room below. */
  private place(): void {
    const card = this.mount?.firstElementChild as HTMLElement | null;
    if (!card || !this.anchor) return;
    const { innerWidth: width, innerHeight: height } = window;
    const box = card.getBoundingClientRect();
    const below = this.anchor.bottom + GAP;
    const top =
      below + box.height <= height || this.anchor.top - GAP - box.height < 0
        ? below
        : this.anchor.top - GAP - box.height;
    const left = Math.min(Math.max(8, this.anchor.left), Math.max(8, width - box.width - 8));
    card.style.top = `${Math.max(8, Math.min(top, height - Math.min(box.height, height - 16) - 8))}px`;
    card.style.left = `${left}px`;
  }

  focus(): void {
    (this.mount?.firstElementChild as HTMLElement | null)?.focus();
  }

  contains(node: Node | null): boolean {
    return node !== null && this.host !== null && (node === this.host || this.host.contains(node));
  }

  hide(): void {
    this.generation++;
    if (this.mount && this.view) this.view.renderCard(this.mount, null);
    this.pinned = false;
    this.anchor = null;
  }

  destroy(): void {
    this.hide();
    this.host?.remove();
    this.host = null;
    this.mount = null;
  }
}
