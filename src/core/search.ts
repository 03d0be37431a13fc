/**
 * The popup's search over the whole dataset: by entity or product (names and aliases), by
 * claimant or responder (source names), or by words of the title. Case and accents are ignored;
 * every word of the query must match somewhere in the dispute.
 */
import type { Dataset, Dispute } from './schema';

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The searchable text of each dispute, built once per dataset. */
export function searchIndex(dataset: Dataset): Map<Dispute, string> {
  const entities = new Map(dataset.entities.map((e) => [e.id, e]));
  const sources = new Map(dataset.sources.map((s) => [s.id, s.name]));
  const index = new Map<Dispute, string>();
  for (const dispute of dataset.disputes) {
    const parts = [dispute.title];
    for (const id of dispute.entities) {
      const entity = entities.get(id);
      if (entity) parts.push(entity.name, ...entity.aliases.map((a) => a.text));
    }
    for (const claim of dispute.claims) {
      parts.push(sources.get(claim.source) ?? '', ...(claim.cues ?? []).map((c) => c.text));
      for (const response of claim.responses) parts.push(sources.get(response.source) ?? '');
    }
    index.set(dispute, fold(parts.join('\n')));
  }
  return index;
}

export function searchDisputes(index: Map<Dispute, string>, query: string): Dispute[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return [...index].filter(([, text]) => words.every((w) => text.includes(w))).map(([dispute]) => dispute);
}
