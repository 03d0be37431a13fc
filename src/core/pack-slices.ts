/**
 * The part of the imported packs' indexes a page needs: the disputes whose aliases its text
 * names, each with all of its patterns. A large pack's index is megabytes (7.5 MB for 20,000
 * disputes), and a page naming one of its vendors spent a quarter of a second of its main thread
 * reading and parsing all of it; the background holds the indexes and gives each page its slice.
 *
 * Which aliases a text names comes from the packs' filter (prefilter-compile.ts's packFilterOf),
 * which errs only towards "named": it ignores word boundaries. So every pattern the matcher can
 * find on the page belongs to a dispute in the slice, or to none of the packs' disputes the page
 * names; the disputes left out are those the page cannot show, as when no pack's alias is named
 * and the packs are not read at all.
 */
import type { CompiledIndex, PatternTarget, SignalTarget } from './compile';
import { isRecord } from './json-value';
import { isPrefilter, type Prefilter } from './prefilter';
import { phraseKey, phrasesStandingFor } from './prefilter-compile';

/**
 * The packs' aliases a page's text may name (the filter's patternsIn), and the pack list they were
 * found with (prefilter.ts's packListSignature): with the same packs, the same slices again.
 */
export interface PackNames {
  packs: string;
  named: Prefilter;
}

export const isPackNames = (value: unknown): value is PackNames =>
  isRecord(value) && typeof value.packs === 'string' && isPrefilter(value.named);

/** Per phrase of the packs' filter (phraseKey), the [pack, dispute] pairs an alias with that phrase may name. */
export type AliasOwners = Map<string, [number, number][]>;

/**
 * Who each phrase of the packs' filter stands for (prefilter-compile.ts): an alias of several
 * words that holds a one-word alias's word is found as that word ("Globex" stands for "Globex
 * Phones" too), so its disputes are listed under the word.
 */
export function aliasOwners(indexes: readonly CompiledIndex[]): AliasOwners {
  const aliases = indexes.flatMap((index, k) =>
    index.patterns.flatMap((spec, p) => {
      const disputes = index.targets[p]?.disputes ?? [];
      // Only aliases, in the order packFilterOf takes them (prefilter-compile.ts's aliasPatterns).
      return disputes.length > 0 ? [{ spec, pairs: disputes.map((d): [number, number] => [k, d]) }] : [];
    }),
  );
  const owners: AliasOwners = new Map();
  for (const [key, standing] of phrasesStandingFor(aliases.map((a) => a.spec))) {
    owners.set(
      key,
      standing.flatMap((at) => aliases[at]?.pairs ?? []),
    );
  }
  return owners;
}

/** `index` with only the disputes in `keep`, numbered anew, and only the patterns that point at them. */
export function sliceIndex(index: CompiledIndex, keep: ReadonlySet<number>): CompiledIndex {
  const renumbered = new Map<number, number>();
  const disputes: CompiledIndex['disputes'] = [];
  index.disputes.forEach((dispute, d) => {
    if (!keep.has(d)) return;
    renumbered.set(d, disputes.length);
    disputes.push(dispute);
  });
  const patterns: CompiledIndex['patterns'] = [];
  const targets: PatternTarget[] = [];
  index.patterns.forEach((spec, p) => {
    const target = index.targets[p];
    if (!target) return;
    const kept: PatternTarget = {
      disputes: target.disputes.flatMap((d) => (renumbered.has(d) ? [renumbered.get(d) as number] : [])),
      claims: target.claims.flatMap(([d, c]): [number, number][] =>
        renumbered.has(d) ? [[renumbered.get(d) as number, c]] : [],
      ),
      signals: target.signals.flatMap(([d, kind, s]): SignalTarget[] => {
        const to = renumbered.get(d);
        if (to === undefined) return [];
        return s === undefined ? [[to, kind]] : [[to, kind, s]];
      }),
    };
    if (kept.disputes.length + kept.claims.length + kept.signals.length === 0) return;
    patterns.push(spec);
    targets.push(kept);
  });
  return { ...index, patterns, targets, disputes };
}

/**
 * The slices of `indexes` for the aliases `found` in a text (the packs' filter's patternsIn),
 * one per pack that has a dispute there; every index whole when the filter finds everything.
 */
export function slicePacks(indexes: readonly CompiledIndex[], owners: AliasOwners, found: Prefilter): CompiledIndex[] {
  if (found.always) return [...indexes];
  const keep = indexes.map(() => new Set<number>());
  for (const pattern of found.patterns) {
    const first = pattern[0];
    if (first === undefined) continue;
    const key = phraseKey(
      found.exact[first] === 1,
      pattern.map((w) => found.words[w] as string),
    );
    for (const [k, d] of owners.get(key) ?? []) keep[k]?.add(d);
  }
  return indexes.flatMap((index, k) => ((keep[k]?.size ?? 0) > 0 ? [sliceIndex(index, keep[k] as Set<number>)] : []));
}
