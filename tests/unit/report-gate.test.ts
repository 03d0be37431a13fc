import { describe, expect, it } from 'vitest';
import { ReportGate } from '../../src/core/report-gate';

/** A clock the test moves by hand. */
function manualClock() {
  let time = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => time,
    later: (run: () => void, ms: number) => {
      const timer = { at: time + ms, run };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
    advance(ms: number) {
      time += ms;
      for (const timer of timers.filter((t) => t.at <= time)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    },
  };
}

describe('findings reports', () => {
  it('a page that changes every frame sends at most one report per interval, the latest', () => {
    const clock = manualClock();
    const sent: number[] = [];
    const gate = new ReportGate<number>(250, (n) => sent.push(n), clock);
    for (let frame = 0; frame < 60; frame++) {
      gate.report(`findings ${frame}`, frame);
      clock.advance(16);
    }
    clock.advance(250);
    // One second of frames: the first at once, then one per 250 ms, ending with the last.
    expect(sent.length).toBeLessThanOrEqual(5);
    expect(sent[0]).toBe(0);
    expect(sent.at(-1)).toBe(59);
  });

  it('sends nothing when the findings did not change', () => {
    const clock = manualClock();
    const sent: string[] = [];
    const gate = new ReportGate<string>(250, (s) => sent.push(s), clock);
    gate.report('same', 'first');
    for (let i = 0; i < 10; i++) {
      clock.advance(100);
      gate.report('same', 'again');
    }
    clock.advance(1000);
    expect(sent).toEqual(['first']);
    gate.report('changed', 'new');
    expect(sent).toEqual(['first', 'new']);
  });

  it('drops a waiting report when stopped', () => {
    const clock = manualClock();
    const sent: string[] = [];
    const gate = new ReportGate<string>(250, (s) => sent.push(s), clock);
    gate.report('a', 'a');
    gate.report('b', 'b');
    gate.stop();
    clock.advance(1000);
    expect(sent).toEqual(['a']);
  });
});
