/**
 * A value read once and kept until forgotten. A failed read is not kept: the next caller reads
 * again. A read that was forgotten while it ran is not kept either.
 */
export class Held<T> {
  private pending: Promise<T> | null = null;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.pending) return this.pending;
    const pending = this.read();
    this.pending = pending;
    pending.catch(() => {
      if (this.pending === pending) this.pending = null;
    });
    return pending;
  }

  forget(): void {
    this.pending = null;
  }
}
