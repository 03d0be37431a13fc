/**
 * Our entries in the page's CSS highlight registry. The registry is shared with the page's own
 * scripts (HIGHLIGHTS.md §4), so we keep our own Highlight objects, register each under a
 * prefixed name, re-register if the page replaced or cleared it, and on teardown delete a name
 * only while it still holds our object (an orphaned copy must not erase its successor's marks).
 * Ranges are StaticRanges held in our own index; the registry is never iterated (Firefox content
 * scripts cannot iterate it through the Xray wrapper).
 */
import type { MarkStyle } from '../core/settings';

export type MarkKind = 'dispute' | 'claim' | 'focus';

/** Highlight names; the `::highlight()` rules for them ship in highlights.css. */
export function highlightName(kind: MarkKind, style: MarkStyle): string {
  return kind === 'focus' ? 'counterclaim-focus' : `counterclaim-${kind}${style === 'tint' ? '-tint' : ''}`;
}

export class HighlightLayer {
  readonly highlight = new Highlight();
  private name: string | null = null;

  constructor(
    private readonly kind: MarkKind,
    style: MarkStyle,
  ) {
    this.setStyle(style);
  }

  /** Moves the whole layer to the name for `style` ("off" unregisters it but keeps the ranges). */
  setStyle(style: MarkStyle): void {
    const next = style === 'off' && this.kind !== 'focus' ? null : highlightName(this.kind, style);
    if (next === this.name) return;
    this.unregister();
    this.name = next;
    this.ensureRegistered();
  }

  add(range: AbstractRange): void {
    this.highlight.add(range);
    if (this.highlight.size === 1) this.ensureRegistered();
  }

  delete(range: AbstractRange): void {
    this.highlight.delete(range);
  }

  clear(): void {
    this.highlight.clear();
  }

  /**
   * Registers our object again if the page removed or replaced it. Cheap: one `get`. An empty
   * layer waits for its first range: most pages mention nothing, and registering empty layers
   * is a measurable share of a fresh page's start-up.
   */
  ensureRegistered(): void {
    if (this.name !== null && this.highlight.size > 0 && CSS.highlights.get(this.name) !== this.highlight) {
      CSS.highlights.set(this.name, this.highlight);
    }
  }

  unregister(): void {
    if (this.name !== null && CSS.highlights.get(this.name) === this.highlight) CSS.highlights.delete(this.name);
  }
}
