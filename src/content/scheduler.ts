/**
 * Runs work in slices that yield to the page, so scanning never makes a long task (design,
 * non-negotiable 3). `scheduler.yield()` keeps our continuation ahead of other queued tasks
 * where it exists (Chrome 129, Firefox 142); otherwise a MessageChannel message, which, unlike
 * requestAnimationFrame, still runs in background tabs where the badge must update.
 */

/**
 * Budget for one slice. The design's ceiling is 10 ms; the last step can run about 3 ms past the
 * budget before V8 has optimised the walk, and a garbage collection of several ms can land
 * inside any slice on a page of many nodes, so the budget leaves room for both.
 */
export const SLICE_MS = 4;

interface YieldingScheduler {
  yield(): Promise<void>;
}

const nativeScheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;

function viaMessageChannel(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export const yieldToPage: () => Promise<void> =
  typeof nativeScheduler?.yield === 'function'
    ? () => (nativeScheduler as YieldingScheduler).yield()
    : viaMessageChannel;

/**
 * Calls `step` until it returns false, yielding to the page whenever a slice has used its
 * budget. Stops early (without error) when `signal` aborts. Resolves with the length of the
 * last slice, so the caller can tell whether its own follow-up work fits in the same task.
 * `now` is a seam for tests.
 */
export async function runSliced(
  step: () => boolean,
  signal: AbortSignal,
  onSlice?: (ms: number) => void,
  now: () => number = () => performance.now(),
): Promise<number> {
  let more = true;
  let last = 0;
  while (more && !signal.aborted) {
    const start = now();
    do more = step();
    while (more && now() - start < SLICE_MS);
    last = now() - start;
    onSlice?.(last);
    if (more) await yieldToPage();
  }
  return last;
}

/** Whether work after a slice of `ms` should wait for a task of its own (design: slices ≤ 10 ms). */
export const needsOwnTask = (ms: number): boolean => ms > SLICE_MS / 2;
