/**
 * "Whole extension" time from a browser trace (CDP Tracing): the main-thread time, in the
 * page's renderer, of everything the extension runs there.
 *
 * The pages are opened with their own scripts off (a CSP of `script-src 'none'`; content scripts
 * are exempt), and the harness runs no script in the page while the extension works (it waits
 * through CDP metrics, bench/run.ts). So from the content script's injection until the next
 * document commits in that renderer, every script on its main thread is the extension's, and
 * the trace needs no CPU profiler to attribute it. (The profiler's trace categories make V8 log
 * every function it compiles: measured here, they about doubled the script's compile time.)
 *
 * Counted, as a union of time intervals so nothing counts twice: `EvaluateScript` of the content
 * script (parse, compile, top level), every `FunctionCall` into our script (observer and message
 * callbacks), and every `RunMicrotasks` (what runs after an `await`: the scan's slices resumed
 * by `scheduler.yield`, message replies). Native work our code calls (`checkVisibility`'s style
 * and layout, `Highlight.add`, GC during our code) is nested in those and counted with them.
 * Not counted: work the browser does later because of us without our code on the stack (the
 * next frame's highlight painting, GC outside our code). The living pages measure that with the
 * page's whole main-thread time instead.
 *
 * Time is the main thread's own clock (the events' `tts`/`tdur`), not the wall clock: on this
 * 2-core machine the renderer's main thread shares the cores with the browser, GPU and network
 * processes while a page loads, and wall time then also counted the stretches it waited
 * descheduled (about twice the thread time of EvaluateScript, in the same event). Wall time is
 * kept as `wallMs`.
 */
import type { CDPSession } from 'playwright-core';

export const TRACE_CATEGORIES = ['devtools.timeline', 'v8.execute'];

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread clock: start and duration in the thread's own CPU time (µs). */
  tts?: number;
  tdur?: number;
  args?: {
    name?: string;
    data?: { url?: string; frame?: string; isOutermostMainFrame?: boolean };
  };
}

export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (event: { value: object[] }) => {
    for (const e of event.value) events.push(e as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** One content-script instance: from its injection to the next page in its renderer. */
export interface ExtensionLoad {
  /** The page it was injected into (the frame's last committed URL before the injection). */
  url: string;
  /** Union of all our time on the renderer's main thread, in its thread clock, ms. */
  ms: number;
  /** The same in wall-clock time. */
  wallMs: number;
  /** Of `ms`: EvaluateScript of the content script (parse, compile, top level). */
  evaluateMs: number;
  /** Of `ms`: compiling the content script. */
  compileMs: number;
  /** From the injection to the end of our last script task: how long the page had us busy, ms. */
  spanMs: number;
  /** The extension's files that ran in the load (paths from the root), the content script's first. */
  files: string[];
}

type Interval = [number, number];

function unionLength(intervals: Interval[]): number {
  intervals.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [s, e] of intervals) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

/** An event's span in its thread's clock; every event counted here has one. */
function threadInterval(e: TraceEvent): Interval {
  if (e.tts === undefined) throw new Error(`trace: ${e.name} has no thread clock (tts), so its thread time is unknown`);
  return [e.tts, e.tts + (e.tdur ?? 0)];
}

/** Splits the trace into content-script loads (one per injection) and measures each. */
export function extensionLoads(events: TraceEvent[], extensionOrigin: string, contentScript: string): ExtensionLoad[] {
  const scriptUrl = `${extensionOrigin}/${contentScript}`;
  const extensionScheme = `${extensionOrigin.split('://')[0]}://`;
  const mainThreads = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mainThreads.add(`${e.pid}:${e.tid}`);
  }
  const threadOf = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (!mainThreads.has(threadOf(e))) continue;
    const list = byThread.get(threadOf(e)) ?? [];
    list.push(e);
    byThread.set(threadOf(e), list);
  }

  const loads: (ExtensionLoad & { start: number })[] = [];
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts);
    let url = '';
    let mainFrame = '';
    let load: {
      start: number;
      url: string;
      evaluate: Interval[];
      compile: Interval[];
      all: Interval[];
      allWall: Interval[];
      last: number;
      files: Set<string>;
    } | null = null;
    const finish = () => {
      if (!load) return;
      loads.push({
        start: load.start,
        url: load.url,
        ms: unionLength(load.all) / 1000,
        wallMs: unionLength(load.allWall) / 1000,
        evaluateMs: unionLength(load.evaluate) / 1000,
        compileMs: unionLength(load.compile) / 1000,
        spanMs: (load.last - load.start) / 1000,
        files: [...load.files],
      });
      load = null;
    };
    for (const e of list) {
      const data = e.args?.data;
      // A new page in this renderer ends the load before it (its scripts are no longer ours).
      if (e.name === 'CommitLoad' && data?.isOutermostMainFrame) {
        finish();
        url = data.url ?? '';
        mainFrame = data.frame ?? '';
        continue;
      }
      if (e.ph !== 'X') continue;
      const wall: Interval = [e.ts, e.ts + (e.dur ?? 0)];
      // The injected script starts a load; the parts it has injected later (the full stage, the
      // card) are ours too, at the extension's origin.
      const ours = data?.url === scriptUrl;
      const ourModule = ours || (typeof data?.url === 'string' && data.url.startsWith(extensionScheme));
      // (An injection into one of the page's frames is more of our time in the same load.)
      if (e.name === 'EvaluateScript' && ours && data?.frame === mainFrame) {
        finish();
        const interval = threadInterval(e);
        const files = new Set([`/${contentScript}`]);
        load = {
          start: e.ts,
          url,
          evaluate: [interval],
          compile: [],
          all: [interval],
          allWall: [wall],
          last: wall[1],
          files,
        };
        continue;
      }
      if (!load) continue;
      if (e.name === 'v8.compile' && ourModule) load.compile.push(threadInterval(e));
      // Microtasks carry no URL; with the page's scripts off they are ours. A module's compile
      // may run in a task of its own, after its fetch.
      else if (
        e.name === 'RunMicrotasks' ||
        (ourModule && e.name === 'v8.compileModule') ||
        (ourModule && (e.name === 'EvaluateScript' || e.name === 'FunctionCall' || e.name === 'v8.evaluateModule'))
      ) {
        load.all.push(threadInterval(e));
        load.allWall.push(wall);
        load.last = Math.max(load.last, wall[1]);
        if (ourModule) load.files.add(new URL(data?.url as string).pathname);
      }
    }
    finish();
  }
  return loads.sort((a, b) => a.start - b.start).map(({ start: _, ...load }) => load);
}
