/**
 * Which marked elements are near the viewport (living pages). In Chromium every page
 * change makes the next frame revalidate every registered highlight range (HIGHLIGHTS.md §1), so
 * a page that never stops changing pays per registered range, per frame. Registering only the
 * mentions on screen or just beyond it keeps that cost to the few the reader sees, however many
 * the page holds; the rest stay in our index (badge, popup, next mention) and are registered as
 * the reader scrolls towards them.
 *
 * One IntersectionObserver watches the element around each shown mark's first text node (the
 * marker watches an element once, however many marks it holds). Its callbacks run after layout,
 * so a mark scrolled into the margin is registered before it reaches the screen.
 */

/**
 * How far beyond the viewport a mark still counts as near, as a fraction of the screen's height
 * above and below: enough for a mention scrolled in at wheel or fling speed (tens of pixels a
 * frame) to be registered before it shows. Every marked element in the margin costs as much as
 * one on screen on a page that keeps changing, so a wider margin makes a busy page pay for
 * marks the reader cannot see (bench/README.md has the figures).
 */
export const NEAR_FRACTION = 0.1;
const NEAR_MARGIN = `${NEAR_FRACTION * 100}% 0px`;

export class NearViewport {
  /**
   * Elements last seen near the viewport. Kept (weakly) after unwatch, so marks shown again —
   * after a pause, say, in a tab that is not being rendered and so gets no IntersectionObserver
   * report until it is — are registered at once where they were; the next report corrects it.
   */
  private readonly near = new WeakSet<Element>();
  private readonly watched = new Set<Element>();
  /** Created on the first watch: most pages have no mark to watch. */
  private observer: IntersectionObserver | null = null;

  /** `onChange` gets the elements that came near or went away, after layout. */
  constructor(private readonly onChange: (changed: Element[]) => void) {}

  private createObserver(): IntersectionObserver {
    return new IntersectionObserver(
      (entries) => {
        const changed: Element[] = [];
        for (const entry of entries) {
          if (!this.watched.has(entry.target)) continue;
          const was = this.near.has(entry.target);
          if (entry.isIntersecting) this.near.add(entry.target);
          else this.near.delete(entry.target);
          if (was !== entry.isIntersecting) changed.push(entry.target);
        }
        if (changed.length > 0) this.onChange(changed);
      },
      { rootMargin: NEAR_MARGIN },
    );
  }

  has(element: Element): boolean {
    return this.near.has(element);
  }

  watch(element: Element): void {
    this.watched.add(element);
    this.observer ??= this.createObserver();
    this.observer.observe(element);
  }

  unwatch(element: Element): void {
    this.watched.delete(element);
    this.observer?.unobserve(element);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.watched.clear();
  }
}
