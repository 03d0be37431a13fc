/**
 * Compiles a validated dataset into the compact index the content script ships with: the
 * pattern list for the matcher, and for each pattern what it points at (an entity, claims).
 * Built once at build time (and once per imported pack), so a page never parses or validates
 * the full dataset.
 */
import { isRecord } from './json-value';
import type { PatternSpec } from './matcher';
import type { Dataset, SignalKind, Statement } from './schema';

/**
 * The compiled index's format. Imported packs keep the index compiled when they were imported;
 * the background recompiles those older than this on install or update (`needsRecompile`), and
 * `withIndexDefaults` reads an older one meanwhile with the newer fields empty.
 * - 1 (no `version` field): aliases and cues only.
 * - 2: signals in targets, each dispute's `start`, each claim's `source`.
 * - 3: each signal target names its signal, so that a signal's other forms (`also`) count as
 *   one; a version 2 target has none, and each of its texts counts apart.
 */
export const INDEX_VERSION = 3;

export interface IndexedClaim {
  id: string;
  /** Who makes the claim (the claimant). */
  source: string;
  /** Sources with a statement in this claim (the claim itself and its responses). */
  sources: string[];
}

export interface IndexedDispute {
  id: string;
  /**
   * The data pack the dispute comes from. Set by `mergeIndexes` (packs.ts), where one index
   * holds several packs; a single pack's index leaves it out and `CompiledIndex.pack` applies.
   */
  pack?: string;
  title: string;
  /**
   * The date of the dispute's earliest statement, as written ("2017-08"); "" when unknown (an
   * index compiled before version 2). A page dated before it is not about the dispute.
   */
  start: string;
  claims: IndexedClaim[];
}

/**
 * What one pattern points at. A text can be several things at once: an entity alias, a claim's
 * cue, a dispute's signal.
 */
export interface PatternTarget {
  /** Index into `disputes` of every dispute this alias puts on the page. */
  disputes: number[];
  /** Claims this text is a cue for, as [dispute index, claim index] pairs. */
  claims: [number, number][];
  /**
   * Disputes this text is a signal of: [dispute index, signal kind, signal index within the
   * dispute]. Every form of one signal (its text and its `also` forms) has the same signal
   * index, so the relevance rule counts them as one; an index compiled before version 3 has
   * no signal index.
   */
  signals: SignalTarget[];
}

/** [dispute index, signal kind, signal index within the dispute (missing before version 3)]. */
export type SignalTarget = [number, SignalKind, number?];

export interface CompiledIndex {
  /** The format (INDEX_VERSION); missing in an index compiled before versions were kept. */
  version?: number;
  pack: string;
  patterns: PatternSpec[];
  targets: PatternTarget[];
  disputes: IndexedDispute[];
}

const statementSources = (statements: readonly Statement[]) => statements.map((s) => s.source);

/** Where a partial date's period starts, for ordering ("2017" → "2017-01-01"). */
const periodStart = (date: string) => (date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);

/** The earliest of partial dates, as written (by the start of each one's period). */
export function earliestDate(dates: readonly string[]): string {
  let best = '';
  for (const date of dates) if (best === '' || periodStart(date) < periodStart(best)) best = date;
  return best;
}

/**
 * Whether a value that crossed a process boundary has an index's shape, as this compiler makes
 * it: what the matcher and the marker read is there, with one target per pattern.
 */
export function isCompiledIndex(value: unknown): value is CompiledIndex {
  const listOf = (list: unknown, is: (item: Record<string, unknown>) => boolean) =>
    Array.isArray(list) && list.every((item) => isRecord(item) && is(item));
  return (
    isRecord(value) &&
    typeof value.pack === 'string' &&
    listOf(value.patterns, (p) => typeof p.text === 'string' && typeof p.caseSensitive === 'boolean') &&
    listOf(value.targets, (t) => Array.isArray(t.disputes) && Array.isArray(t.claims) && Array.isArray(t.signals)) &&
    (value.targets as unknown[]).length === (value.patterns as unknown[]).length &&
    listOf(value.disputes, (d) => typeof d.id === 'string' && typeof d.title === 'string' && Array.isArray(d.claims))
  );
}

/** Whether a stored index was compiled by an older compiler and should be compiled again. */
export const needsRecompile = (index: { version?: unknown } | null | undefined): boolean =>
  typeof index?.version !== 'number' || index.version < INDEX_VERSION;

/**
 * An index of any version with the fields later versions added filled in as empty: no
 * signals, no known start, each claim's claimant unknown (visibility then falls back to all of
 * the claim's sources). Stored indexes come from storage, so missing lists are tolerated too.
 */
export function withIndexDefaults(index: CompiledIndex): CompiledIndex {
  if (!needsRecompile(index)) return index;
  return {
    ...index,
    targets: index.targets.map((t) => ({
      disputes: t.disputes ?? [],
      claims: t.claims ?? [],
      signals: t.signals ?? [],
    })),
    disputes: index.disputes.map((d) => ({
      ...d,
      start: d.start ?? '',
      claims: d.claims.map((c) => ({ ...c, source: c.source ?? '', sources: c.sources ?? [] })),
    })),
  };
}

export function compileIndex(dataset: Dataset): CompiledIndex {
  const disputeIndex = new Map(dataset.disputes.map((d, i) => [d.id, i]));
  const disputesByEntity = new Map<string, number[]>();
  for (const [i, dispute] of dataset.disputes.entries()) {
    for (const entity of dispute.entities) {
      const list = disputesByEntity.get(entity) ?? [];
      list.push(i);
      disputesByEntity.set(entity, list);
    }
  }

  const patterns: PatternSpec[] = [];
  const targets: PatternTarget[] = [];
  const byKey = new Map<string, number>();
  const targetFor = (text: string, caseSensitive: boolean): PatternTarget => {
    const key = `${caseSensitive ? 'c' : 'i'}:${caseSensitive ? text : text.toLowerCase()}`;
    let at = byKey.get(key);
    if (at === undefined) {
      at = patterns.length;
      byKey.set(key, at);
      patterns.push({ text, caseSensitive });
      targets.push({ disputes: [], claims: [], signals: [] });
    }
    return targets[at] as PatternTarget;
  };

  for (const entity of dataset.entities) {
    const disputes = disputesByEntity.get(entity.id);
    if (!disputes) continue; // an entity no dispute names marks nothing
    for (const alias of entity.aliases) {
      const target = targetFor(alias.text, alias.caseSensitive);
      for (const d of disputes) if (!target.disputes.includes(d)) target.disputes.push(d);
    }
  }
  for (const dispute of dataset.disputes) {
    const d = disputeIndex.get(dispute.id) as number;
    for (const [c, claim] of dispute.claims.entries()) {
      for (const cue of claim.cues ?? []) targetFor(cue.text, cue.caseSensitive).claims.push([d, c]);
    }
    for (const [s, signal] of (dispute.signals ?? []).entries()) {
      for (const form of [signal, ...(signal.also ?? [])]) {
        const target = targetFor(form.text, form.caseSensitive);
        if (!target.signals.some(([x]) => x === d)) target.signals.push([d, signal.kind, s]);
      }
    }
  }

  return {
    version: INDEX_VERSION,
    pack: dataset.id,
    patterns,
    targets,
    disputes: dataset.disputes.map((dispute) => ({
      id: dispute.id,
      title: dispute.title,
      start: earliestDate(dispute.claims.flatMap((claim) => [claim.date, ...claim.responses.map((r) => r.date)])),
      claims: dispute.claims.map((claim) => ({
        id: claim.id,
        source: claim.source,
        sources: [...new Set([claim.source, ...statementSources(claim.responses)])],
      })),
    })),
  };
}
