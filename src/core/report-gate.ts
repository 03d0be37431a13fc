/**
 * Findings go to the background at most once per interval, and only when they changed: a page
 * that keeps changing would otherwise send a message per batch of changes. The first report
 * goes at once; within an interval the latest one waits for its end. Pure: the clock and the
 * timer are given.
 */
/** The content script's spacing of its reports: a few a second at most. */
export const REPORT_INTERVAL_MS = 250;

export interface Clock {
  now(): number;
  later(run: () => void, ms: number): () => void;
}

export class ReportGate<T> {
  private sentKey = '';
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private queued: { key: string; value: T } | null = null;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: T) => void,
    private readonly clock: Clock,
  ) {}

  /** `key` identifies the value: an unchanged key is not sent again. */
  report(key: string, value: T): void {
    this.queued = { key, value };
    if (this.cancel) return;
    const wait = this.lastSentAt + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.cancel = this.clock.later(() => this.flush(), wait);
  }

  /** Drops what is waiting (the page session ended). */
  stop(): void {
    this.cancel?.();
    this.cancel = null;
    this.queued = null;
  }

  private flush(): void {
    this.cancel = null;
    const queued = this.queued;
    this.queued = null;
    if (!queued || queued.key === this.sentKey) return;
    this.sentKey = queued.key;
    this.lastSentAt = this.clock.now();
    this.send(queued.value);
  }
}
