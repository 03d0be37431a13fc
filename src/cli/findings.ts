/**
 * From a page's mentions to what the extension would say about it: which disputes the page
 * names, with the counts the relevance rule weighs.
 */
import type { CompiledIndex } from '../core/compile';
import type { DisputeFinding } from '../core/messages';

/**
 * Which disputes the page names: the entity-alias rule the content script applies (a claim's
 * cue alone never brings a dispute in). Each is "on record"; the relevance rule decides "about".
 */
export function judgePage(index: CompiledIndex, counts: ReadonlyMap<number, number>): DisputeFinding[] {
  const named = new Set<number>();
  for (const [pattern] of counts) for (const d of index.targets[pattern]?.disputes ?? []) named.add(d);
  const findings: DisputeFinding[] = [];
  for (const d of [...named].sort((a, b) => a - b)) {
    const dispute = index.disputes[d];
    if (!dispute) continue;
    const mentions: Record<string, number> = {};
    for (const [pattern, count] of counts) {
      const target = index.targets[pattern];
      const text = index.patterns[pattern]?.text;
      if (!target || text === undefined) continue;
      if (target.disputes.includes(d) || target.claims.some(([cd]) => cd === d))
        mentions[text] = (mentions[text] ?? 0) + count;
    }
    const evidence = Object.entries(mentions).map(([text, count]) => ({ text, role: 'entity' as const, count }));
    findings.push({ id: dispute.id, relevance: 'on-record', score: 0, evidence, mentions, dismissed: false });
  }
  return findings;
}
