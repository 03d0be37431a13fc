/**
 * Compiles a validated dataset into the compact index the content script ships with: the
 * pattern list for the matcher, and for each pattern what it points at (an entity, claims).
 * Built once at build time (and once per imported pack), so a page never parses or validates
 * the full dataset (issue 3).
 */
import type { PatternSpec } from './matcher';
import type { Dataset, Statement } from './schema';

export interface IndexedClaim {
  id: string;
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
  claims: IndexedClaim[];
}

/** What one pattern points at. A text can be both an entity alias and a claim's cue. */
export interface PatternTarget {
  /** Index into `disputes` of every dispute this alias puts on the page. */
  disputes: number[];
  /** Claims this text is a cue for, as [dispute index, claim index] pairs. */
  claims: [number, number][];
}

export interface CompiledIndex {
  pack: string;
  patterns: PatternSpec[];
  targets: PatternTarget[];
  disputes: IndexedDispute[];
}

const statementSources = (statements: readonly Statement[]) => statements.map((s) => s.source);

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
      targets.push({ disputes: [], claims: [] });
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
  }

  return {
    pack: dataset.id,
    patterns,
    targets,
    disputes: dataset.disputes.map((dispute) => ({
      id: dispute.id,
      title: dispute.title,
      claims: dispute.claims.map((claim) => ({
        id: claim.id,
        sources: [...new Set([claim.source, ...statementSources(claim.responses)])],
      })),
    })),
  };
}
