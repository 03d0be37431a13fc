/**
 * The in-page half of the bench, bundled by the runner into one IIFE and evaluated in
 * an isolated world of each page, as a content script is. It times, on the page as loaded:
 *
 * - floor: one filterless TreeWalker(SHOW_TEXT) pass over document.body with one native search
 *   (`indexOf('\u0000')`) over each text node's whole data: every character touched once;
 * - ours: the content script's own scan-and-highlight path — the same modules, not a copy:
 *   core/matcher from the compiled index, content/scanner (text-flow flows → matcher →
 *   StaticRanges in content/marks), content/scheduler's runSliced for the slices, then
 *   content/marker's sync (registration) and findings, exactly as src/content/index.ts drains;
 * - peer: mark.js (`markRegExp`, one alternation of the same patterns, one DOM pass) wrapping
 *   every match in <mark>, the way a DOM-wrapping highlighter works.
 */
import index from 'virtual:counterclaim/index';
import Mark from 'mark.js';
import { Marker } from '../../src/content/marker';
import { MarkIndex } from '../../src/content/marks';
import { Scanner } from '../../src/content/scanner';
import { needsOwnTask, runSliced, yieldToPage } from '../../src/content/scheduler';
import { flowsUnder } from '../../src/content/text-flow';
import type { CompiledIndex } from '../../src/core/compile';
import { createMatcher } from '../../src/core/matcher';
import { parseSettings } from '../../src/core/settings';
import { type OursResult, PAGE_GLOBAL, type PageApi } from '../lib/protocol';

const root = (): Element => document.body ?? document.documentElement;
const now = () => performance.now();

function floor() {
  const t0 = now();
  const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT);
  let sink = 0;
  let nodes = 0;
  let chars = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const data = node.data;
    sink += data.indexOf('\u0000');
    nodes++;
    chars += data.length;
  }
  const ms = now() - t0;
  if (sink === 0.5) console.log(sink); // keeps the searches observable
  return { ms, nodes, chars };
}

/**
 * Times the tasks in which the marker goes on showing marks after a sync (marker.ts
 * showPending, private: the bench looks inside rather than the marker carrying a hook for it),
 * and resolves once none is pending.
 */
function followShowing(marker: Marker, slices: number[]): Promise<void> {
  const inside = marker as unknown as { pending: unknown[]; showPending(): void };
  if (inside.pending.length === 0) return Promise.resolve();
  const showPending = inside.showPending;
  return new Promise((resolve) => {
    inside.showPending = () => {
      const start = now();
      showPending.call(marker);
      slices.push(now() - start);
      if (inside.pending.length > 0) return;
      inside.showPending = showPending;
      resolve();
    };
  });
}

async function ours(custom?: CompiledIndex): Promise<OursResult> {
  const compiled = custom ?? index;
  const slices: number[] = [];
  const t0 = now();
  // The content script's start(): matcher, index of marks, marker (default settings), scanner.
  const matcher = createMatcher(compiled.patterns);
  const matcherMs = now() - t0;
  const marks = new MarkIndex();
  const marker = new Marker(compiled, marks, parseSettings(undefined));
  const scanner = new Scanner(matcher, compiled, marks, () => null);
  const setupMs = now() - t0;
  slices.push(setupMs);
  // As index.ts: setup has its task, the scan starts in the next one.
  await yieldToPage();
  scanner.enqueue(root());
  const lifetime = new AbortController();
  // runSliced yields with scheduler.yield() between slices, as in the content script.
  const lastSliceMs = await runSliced(
    () => scanner.step(),
    lifetime.signal,
    (ms) => slices.push(ms),
  );
  // index.ts drain(): forget the dropped marks in the last slice's task; then registering and
  // the report's findings, in a task of their own after a long slice.
  const t1 = now();
  marker.forget(scanner.takeChanges().dropped);
  let tail = now() - t1;
  const ownTask = needsOwnTask(lastSliceMs);
  if (ownTask) {
    slices[slices.length - 1] = (slices.at(-1) as number) + tail;
    await yieldToPage();
    tail = 0;
  }
  const t2a = now();
  marker.sync();
  const t2 = now();
  const findings = JSON.stringify(marker.findings()); // the report's key, computed in that task too
  const t3 = now();
  const syncTask = tail + (t3 - t2a);
  if (ownTask) slices.push(syncTask);
  else slices[slices.length - 1] = (slices.at(-1) as number) + syncTask;
  // A sync that shows thousands of marks goes on in tasks of its own (marker.ts showPending):
  // those count too, up to the last mark shown.
  await followShowing(marker, slices);
  const tShown = now();
  // Marks near the viewport are registered when the IntersectionObserver reports, after layout.
  await nextFrame();
  await nextFrame();
  const registered = [...marks.all].filter((m) => marker.isRegistered(m)).length;
  const result: OursResult = {
    ms: tShown - t0 - (t3 - t2),
    busyMs: slices.reduce((a, b) => a + b, 0) - (t3 - t2),
    slices,
    longestMs: Math.max(...slices),
    matcherMs,
    syncMs: syncTask,
    marks: marks.all.size,
    registered,
    named: marker.findings().disputes.length,
    chars: 0,
    flows: 0,
  };
  // Not timed: what was scanned, then remove every trace of this run for the next one.
  for (const flow of flowsUnder(root(), null)) {
    result.flows++;
    result.chars += flow.text.length;
  }
  marker.teardown();
  marks.clear();
  if (findings.length < 0) console.log(findings);
  // Let the page render once, so the style work our highlight changes scheduled is not charged
  // to whatever runs next (such as the next run's first checkVisibility).
  await nextFrame();
  return result;
}

// Syntax characters only: with the `u` flag any other escaped character (such as `\-`) is an error.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The same patterns as one alternation: words joined by whitespace or a hyphen (as the matcher
 * allows), case-insensitive ones in an `(?i:…)` group, word boundaries in any script.
 */
function peerPattern(): string {
  const alternatives = index.patterns
    .map((p) => {
      const body = p.text.trim().split(/\s+/).map(escapeRegExp).join('(?:\\s+|[-\u2010\u2011])');
      return { length: p.text.length, source: p.caseSensitive ? body : `(?i:${body})` };
    })
    .sort((a, b) => b.length - a.length)
    .map((a) => a.source);
  return `(?<![\\p{L}\\p{N}\\p{M}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}\\p{M}_])`;
}

/** What our scanner skips (text-flow.ts), so mark.js leaves the same subtrees alone. */
const PEER_EXCLUDE = ['noscript', 'template', 'textarea', 'select', 'option', 'svg *', 'math *', '[contenteditable]'];

function peer(): Promise<{ ms: number; marks: number }> {
  const regexp = new RegExp(peerPattern(), 'gu');
  return new Promise((resolve) => {
    let marks = 0;
    const t0 = now();
    new Mark(root()).markRegExp(regexp, {
      exclude: PEER_EXCLUDE,
      each: () => {
        marks++;
      },
      done: () => resolve({ ms: now() - t0, marks }),
    });
  });
}

function unpeer(): Promise<void> {
  return new Promise<void>((resolve) => new Mark(root()).unmark({ done: () => resolve() })).then(nextFrame);
}

/** After the next rendering update. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Where ours spends its time (diagnosis, not a target): walking the page into flows
 * (text-flow's flowsUnder, nothing else), and the matcher over those flows' texts.
 */
function breakdown() {
  const matcher = createMatcher(index.patterns);
  const texts: string[] = [];
  const t0 = now();
  for (const flow of flowsUnder(root(), null)) texts.push(flow.text);
  const t1 = now();
  let found = 0;
  for (const text of texts) found += matcher.find(text).length;
  const t2 = now();
  return { walkMs: t1 - t0, matchMs: t2 - t1, matches: found };
}

function describe() {
  const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let textNodes = 0;
  let elements = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) textNodes++;
    else elements++;
  }
  // The smallest step performance.now() takes here (5 µs when cross-origin isolated, else 100).
  let step = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 20; i++) {
    const a = now();
    let b = now();
    while (b === a) b = now();
    step = Math.min(step, b - a);
  }
  return {
    textNodes,
    elements,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    timerStepUs: step * 1000,
  };
}

const api: PageApi = { floor, ours, peer, unpeer, peerPattern, breakdown, describe };
(globalThis as Record<string, unknown>)[PAGE_GLOBAL] = api;
