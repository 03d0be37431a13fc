/**
 * The one node the extension adds to a page: a host element with a closed shadow root, created
 * when a card first opens (design, non-negotiable 1). The page cannot reach into it, page styles
 * do not reach it, and it is removed again on teardown. Follows Hypothesis' Preact container
 * pattern (STYLE.md §9).
 */
import { h, render } from 'preact';
import type { Dispute, Source } from '../core/schema';
import { Card } from '../ui/Card';
import cardCss from '../ui/card.css?inline';
import disputeCss from '../ui/dispute-view.css?inline';
import type { Translate } from '../ui/i18n';

export interface CardContent {
  disputes: Dispute[];
  sources: ReadonlyMap<string, Source>;
  hiddenSources: ReadonlySet<string>;
  focusClaims: readonly string[];
}

const GAP = 6;

export class CardHost {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private anchor: DOMRect | null = null;
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

  private ensure(): HTMLElement {
    if (this.host?.isConnected && this.mount) return this.mount;
    const host = document.createElement('counterclaim-card');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = `${cardCss}\n${disputeCss}`;
    const mount = document.createElement('div');
    root.append(style, mount);
    document.documentElement.append(host);
    this.host = host;
    this.mount = mount;
    return mount;
  }

  /** Shows `content` next to `anchor` (the mention's box, in viewport coordinates). */
  show(content: CardContent, anchor: DOMRect, pinned: boolean): void {
    const mount = this.ensure();
    this.pinned = pinned;
    this.anchor = anchor;
    render(
      h(Card, {
        ...content,
        pinned,
        t: this.t,
        onClose: this.onClose,
      }),
      mount,
    );
    this.place();
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
    if (this.mount) render(null, this.mount);
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
