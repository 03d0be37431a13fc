/**
 * "Whole extension" time from a browser trace (CDP Tracing): the main-thread time, in the
 * page's renderer, of everything the extension runs there. Two sources, merged as a union of
 * time intervals so nothing counts twice:
 *
 * - trace events on a renderer main thread whose URL field names the extension
 *   (`EvaluateScript` and `v8.compile` of the content script: start-up, parse, compile, the
 *   module's top level; `FunctionCall` and the like for callbacks when the trace has them);
 * - the V8 CPU profile the trace carries (100 µs sampling): every sample whose JS stack has a
 *   chrome-extension:// frame, weighted by the time to the next sample. This covers what runs
 *   after an `await` or a yield (the scan's slices, the MutationObserver callback), which trace
 *   events attribute to no script, including native work called from our code
 *   (`checkVisibility` style and layout, `Highlight.add`).
 *
 * Not counted: work the browser does later because of us without our code on the stack (the
 * next frame's style and highlight painting, GC of our garbage outside our frames). The living
 * pages measure that with the page's whole main-thread time instead.
 */
import type { CDPSession } from 'playwright-core';

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.cpu_profiler.hires',
];

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      url?: string;
      frame?: string;
      scriptName?: string;
      startTime?: number;
      stackTrace?: { url?: string }[];
      cpuProfile?: {
        nodes?: { id: number; parent?: number; callFrame: { url?: string; functionName: string } }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
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

/** One content-script instance: from its injection to the end of the trace or the next one. */
export interface ExtensionLoad {
  pid: number;
  /** The page it was injected into (the frame's last committed URL before the injection). */
  url: string;
  /** Union of all our time in this renderer's main thread, ms. */
  ms: number;
  /** Of which: EvaluateScript of the content script (parse, compile, top level). */
  evaluateMs: number;
  /** Of which: CPU-profile samples with our frames outside EvaluateScript. */
  sampledMs: number;
  /** From the injection to our last sample: how long the page had us around, ms. */
  spanMs: number;
  /** Our heaviest functions by self time (sampled), for diagnosis. */
  top: { fn: string; ms: number }[];
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

const urlOf = (e: TraceEvent): string => {
  const data = e.args?.data;
  return data?.url ?? data?.scriptName ?? data?.stackTrace?.[0]?.url ?? '';
};

/** Splits the trace into content-script loads (one per injection) and measures each. */
export function extensionLoads(events: TraceEvent[], extensionOrigin: string, contentScript: string): ExtensionLoad[] {
  const isOurs = (url: string | undefined) => url?.startsWith(extensionOrigin) === true;
  const mainThreads = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mainThreads.add(`${e.pid}:${e.tid}`);
  }
  const onMain = (e: TraceEvent) => mainThreads.has(`${e.pid}:${e.tid}`);

  // Which URL each frame showed: CommitLoad events, in time order.
  const commits = events.filter((e) => e.name === 'CommitLoad').sort((a, b) => a.ts - b.ts);
  const urlOfFrame = (frame: string | undefined, ts: number) => {
    let url = '';
    for (const c of commits) {
      if (c.ts > ts) break;
      if (c.args?.data?.frame === frame) url = c.args?.data?.url ?? '';
    }
    return url;
  };

  // Injections: EvaluateScript of the content script on a renderer main thread.
  const starts = events
    .filter((e) => e.name === 'EvaluateScript' && onMain(e) && urlOf(e) === `${extensionOrigin}/${contentScript}`)
    .sort((a, b) => a.ts - b.ts);
  const loads = starts.map((e) => ({
    url: urlOfFrame(e.args?.data?.frame, e.ts),
    pid: e.pid,
    start: e.ts,
    end: Number.POSITIVE_INFINITY,
    evaluate: [] as Interval[],
    events: [] as Interval[],
    samples: [] as Interval[],
    self: new Map<string, number>(),
    last: e.ts + (e.dur ?? 0),
  }));
  for (let i = 0; i < loads.length; i++) {
    const next = loads.slice(i + 1).find((l) => l.pid === loads[i]?.pid);
    if (next && loads[i]) (loads[i] as { end: number }).end = next.start;
  }
  const loadAt = (pid: number, ts: number) => loads.find((l) => l.pid === pid && ts >= l.start - 1 && ts < l.end);

  for (const e of events) {
    if (e.ph !== 'X' || !onMain(e) || !isOurs(urlOf(e))) continue;
    const load = loadAt(e.pid, e.ts);
    if (!load) continue;
    const interval: Interval = [e.ts, e.ts + (e.dur ?? 0)];
    if (e.name === 'EvaluateScript') load.evaluate.push(interval);
    load.events.push(interval);
  }

  // CPU profiles: one per thread (Profile event: pid/tid of the profiled thread), chunks by id.
  const profiles = new Map<
    string,
    {
      pid: number;
      tid: number;
      time: number;
      nodes: Map<number, { parent?: number; url: string; fn: string }>;
      samples: number[];
      deltas: number[];
    }
  >();
  for (const e of events) {
    if (e.name === 'Profile' && e.id !== undefined) {
      profiles.set(`${e.pid}:${e.id}`, {
        pid: e.pid,
        tid: e.tid,
        time: e.args?.data?.startTime ?? e.ts,
        nodes: new Map(),
        samples: [],
        deltas: [],
      });
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.id === undefined) continue;
    const profile = profiles.get(`${e.pid}:${e.id}`);
    const data = e.args?.data;
    if (!profile || !data) continue;
    for (const n of data.cpuProfile?.nodes ?? []) {
      profile.nodes.set(n.id, { parent: n.parent, url: n.callFrame.url ?? '', fn: n.callFrame.functionName });
    }
    for (const s of data.cpuProfile?.samples ?? []) profile.samples.push(s);
    for (const d of data.timeDeltas ?? []) profile.deltas.push(d);
  }
  for (const profile of profiles.values()) {
    if (!mainThreads.has(`${profile.pid}:${profile.tid}`)) continue;
    const ours = new Map<number, boolean>();
    const hasOurFrame = (id: number): boolean => {
      const known = ours.get(id);
      if (known !== undefined) return known;
      const node = profile.nodes.get(id);
      const result = !!node && (isOurs(node.url) || (node.parent !== undefined && hasOurFrame(node.parent)));
      ours.set(id, result);
      return result;
    };
    let t = profile.time;
    const n = Math.min(profile.samples.length, profile.deltas.length);
    for (let i = 0; i < n; i++) {
      t += profile.deltas[i] as number;
      const id = profile.samples[i] as number;
      if (!hasOurFrame(id)) continue;
      // Weight: until the next sample, at most 1 ms (a gap means the sampler missed ticks).
      const weight = Math.min(1000, Math.max(0, (profile.deltas[i + 1] as number | undefined) ?? 100));
      const load = loadAt(profile.pid, t);
      if (!load) continue;
      load.samples.push([t, t + weight]);
      load.last = Math.max(load.last, t + weight);
      const leaf = profile.nodes.get(id);
      const key = leaf && isOurs(leaf.url) ? leaf.fn || '(anonymous)' : `${leaf?.fn || '(native)'} ← ours`;
      load.self.set(key, (load.self.get(key) ?? 0) + weight);
    }
  }

  return loads.map((l) => {
    const all = unionLength([...l.events, ...l.samples]) / 1000;
    const evaluateMs = unionLength([...l.evaluate]) / 1000;
    return {
      pid: l.pid,
      url: l.url,
      ms: all,
      evaluateMs,
      sampledMs: all - evaluateMs,
      spanMs: (l.last - l.start) / 1000,
      top: [...l.self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([fn, us]) => ({ fn, ms: Math.round(us) / 1000 })),
    };
  });
}
