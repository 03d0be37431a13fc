/**
 * One compiled index from several (the bundled pack's and each imported pack's), so the content
 * script runs one matcher over one pattern list.
 */
import { type CompiledIndex, INDEX_VERSION, type PatternTarget, type SignalTarget } from './compile';
import type { PatternSpec } from './matcher';
import { BUNDLED_PACK_ID } from './pack-layout';

/** Pattern words as the matcher sees them: any whitespace or a hyphen separates two words. */
const words = (text: string) =>
  text
    .normalize('NFC')
    .split(/[\s-]+/u)
    .filter((w) => w.length > 0);

interface MergedPattern {
  spec: PatternSpec;
  words: string[];
  /** Targets each input index contributes, already remapped to merged dispute numbers. */
  from: Map<number, PatternTarget>;
}

const addTarget = (into: PatternTarget, t: PatternTarget) => {
  for (const d of t.disputes) if (!into.disputes.includes(d)) into.disputes.push(d);
  for (const c of t.claims) if (!into.claims.some(([d, i]) => d === c[0] && i === c[1])) into.claims.push(c);
  for (const g of t.signals) if (!into.signals.some(([d]) => d === g[0])) into.signals.push(g);
};

/**
 * One index from several (the bundled index first, then each enabled imported pack), so the
 * content script runs one matcher over one pattern list:
 * - disputes are concatenated, each naming its `pack`; a dispute id seen before is dropped
 *   (planImport refuses such packs; this keeps a stale store from showing one id twice);
 * - patterns that match the same text (same words, same case rule) become one, with the
 *   targets of all;
 * - since the matcher reports only the longest match at a position, a pattern also carries what
 *   another pack would have found there on its own: the targets of that pack's longest pattern
 *   that is a word-wise prefix of it ("Globex" in one pack, "Globex Phones" in another), or the
 *   same words ignoring case ("globex" for "GLOBEX"). Within one pack nothing changes: each
 *   pack finds what it finds alone. A case-sensitive pattern is placed before a case-insensitive
 *   one with the same words, so that it wins where both match.
 * With one index, the result is that index (its disputes named by pack).
 */
export function mergeIndexes(indexes: readonly CompiledIndex[]): CompiledIndex {
  const first = indexes[0];
  const withPack = (index: CompiledIndex) => index.disputes.map((d) => ({ ...d, pack: d.pack ?? index.pack }));
  if (!first) return { version: INDEX_VERSION, pack: BUNDLED_PACK_ID, patterns: [], targets: [], disputes: [] };
  if (indexes.length === 1) return { ...first, disputes: withPack(first) };

  const disputes: CompiledIndex['disputes'] = [];
  const seenIds = new Set<string>();
  const remaps = indexes.map((index) =>
    withPack(index).map((dispute) => {
      if (seenIds.has(dispute.id)) return -1;
      seenIds.add(dispute.id);
      disputes.push(dispute);
      return disputes.length - 1;
    }),
  );

  const merged: MergedPattern[] = [];
  const byKey = new Map<string, MergedPattern>();
  const keyOf = (w: readonly string[], caseSensitive: boolean) =>
    `${caseSensitive ? 'c' : 'i'}:${(caseSensitive ? w : w.map((x) => x.toLowerCase())).join(' ')}`;
  indexes.forEach((index, k) => {
    const remap = remaps[k] as number[];
    index.patterns.forEach((spec, p) => {
      const w = words(spec.text);
      const key = keyOf(w, spec.caseSensitive);
      let m = byKey.get(key);
      if (!m) {
        m = { spec, words: w, from: new Map() };
        byKey.set(key, m);
        merged.push(m);
      }
      const target = index.targets[p] ?? { disputes: [], claims: [], signals: [] };
      const mapped: PatternTarget = {
        disputes: target.disputes.map((d) => remap[d] ?? -1).filter((d) => d >= 0),
        claims: target.claims.map(([d, c]): [number, number] => [remap[d] ?? -1, c]).filter(([d]) => d >= 0),
        signals: target.signals
          .map(([d, kind, s]): SignalTarget => (s === undefined ? [remap[d] ?? -1, kind] : [remap[d] ?? -1, kind, s]))
          .filter(([d]) => d >= 0),
      };
      const own = m.from.get(k);
      if (own) addTarget(own, mapped);
      else m.from.set(k, mapped);
    });
  });

  const targets = merged.map((m) => {
    const target: PatternTarget = { disputes: [], claims: [], signals: [] };
    for (const t of m.from.values()) addTarget(target, t);
    // Longest prefix first: a pack alone would have matched its longest pattern here.
    const served = new Set(m.from.keys());
    for (let n = m.words.length; n >= 1; n--) {
      const prefix = m.words.slice(0, n);
      const candidates = [
        byKey.get(keyOf(prefix, false)),
        m.spec.caseSensitive ? byKey.get(keyOf(prefix, true)) : undefined,
      ];
      for (const q of candidates) {
        if (!q || q === m) continue;
        for (const [k, t] of q.from) {
          if (served.has(k)) continue;
          served.add(k);
          addTarget(target, t);
        }
      }
    }
    return target;
  });

  // Case-sensitive before case-insensitive among patterns with the same words.
  const group = (m: MergedPattern) => m.words.map((w) => w.toLowerCase()).join(' ');
  const firstOfGroup = new Map<string, number>();
  merged.forEach((m, i) => {
    if (!firstOfGroup.has(group(m))) firstOfGroup.set(group(m), i);
  });
  const order = merged
    .map((m, i) => ({ i, g: firstOfGroup.get(group(m)) as number, cs: m.spec.caseSensitive ? 0 : 1 }))
    .sort((a, b) => a.g - b.g || a.cs - b.cs || a.i - b.i)
    .map((x) => x.i);

  return {
    version: INDEX_VERSION,
    pack: first.pack,
    patterns: order.map((i) => (merged[i] as MergedPattern).spec),
    targets: order.map((i) => targets[i] as PatternTarget),
    disputes,
  };
}
