/**
 * What the in-page bench (bench/page/entry.ts, injected as an IIFE) hands back to the runner.
 * Types only, shared by both sides.
 */
import type { CompiledIndex } from '../../src/core/compile';

export interface FloorResult {
  ms: number;
  /** Text nodes visited and characters searched. */
  nodes: number;
  chars: number;
}

export interface OursResult {
  /** Start (matcher built from the index) until every range is registered (Marker.sync done). */
  ms: number;
  /** Time spent running our code (the slices), without the gaps where we yielded to the page. */
  busyMs: number;
  /** Uninterrupted main-thread slices of our code, in ms: setup joins the first, sync and findings the last. */
  slices: number[];
  longestMs: number;
  /** Building the matcher from the index's patterns (part of the first slice). */
  matcherMs: number;
  /** Marker.sync plus findings (part of the last slice). */
  syncMs: number;
  /** Marks in the index, and how many ranges are registered. */
  marks: number;
  registered: number;
  /** Disputes the findings name (an entity alias is on the page). */
  named: number;
  /** Characters of flow text handed to the matcher. */
  chars: number;
  flows: number;
}

export interface PeerResult {
  ms: number;
  /** <mark> elements mark.js inserted. */
  marks: number;
}

export interface PageApi {
  floor(): FloorResult;
  ours(index?: CompiledIndex): Promise<OursResult>;
  peer(): Promise<PeerResult>;
  /** Undoes peer() (not timed). */
  unpeer(): Promise<void>;
  /** Diagnosis: time walking the page into flows, and matching their texts. */
  breakdown(): { walkMs: number; matchMs: number; matches: number };
  /** The alternation mark.js is given, for the record. */
  peerPattern(): string;
  /** Text nodes under body, and whether performance.now() is fine-grained here. */
  describe(): { textNodes: number; elements: number; crossOriginIsolated: boolean; timerStepUs: number };
}

export const PAGE_GLOBAL = '__counterclaimBench';
