// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { runSliced, SLICE_MS } from '../../../src/content/scheduler';

/** A clock that moves forward by `tick` ms each time it is read. */
function fakeClock(tick: number) {
  let t = 0;
  return () => {
    t += tick;
    return t;
  };
}

describe('runSliced', () => {
  it('runs every step, in slices that stay within the budget', async () => {
    const slices: number[] = [];
    let left = 20;
    await runSliced(
      () => --left > 0,
      new AbortController().signal,
      (ms) => slices.push(ms),
      fakeClock(1),
    );
    expect(left).toBe(0);
    expect(slices.length).toBeGreaterThan(1);
    for (const ms of slices) expect(ms).toBeLessThanOrEqual(SLICE_MS + 1);
  });

  it('yields to the page between slices', async () => {
    let pageRan = false;
    let seenByStep = false;
    let steps = 0;
    setTimeout(() => {
      pageRan = true;
    }, 0);
    await runSliced(
      () => {
        if (pageRan) seenByStep = true;
        return ++steps < 200;
      },
      new AbortController().signal,
      undefined,
      fakeClock(1),
    );
    expect(seenByStep).toBe(true);
  });

  it('stops when its signal aborts', async () => {
    const lifetime = new AbortController();
    let steps = 0;
    await runSliced(
      () => {
        steps++;
        if (steps === 3) lifetime.abort();
        return true;
      },
      lifetime.signal,
      undefined,
      fakeClock(SLICE_MS),
    );
    expect(steps).toBe(3);
  });
});
