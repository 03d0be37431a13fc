/** The background's reply to a card or popup that needs disputes in full. */
import type { DisputeDetails } from './messages';
import type { Dataset, Dispute, Source } from './schema';

/** The disputes with the given ids and the sources they cite, from several packs (first wins). */
export function disputeDetails(datasets: readonly Dataset[], ids: readonly string[]): DisputeDetails {
  const wanted = new Set(ids);
  const disputes: Dispute[] = [];
  const seen = new Set<string>();
  for (const dataset of datasets) {
    for (const dispute of dataset.disputes) {
      if (wanted.has(dispute.id) && !seen.has(dispute.id)) {
        seen.add(dispute.id);
        disputes.push(dispute);
      }
    }
  }
  const used = new Set(
    disputes.flatMap((d) =>
      d.claims.flatMap((c) => [
        c.source,
        ...(c.attribution?.alternatives ?? []),
        ...c.responses.flatMap((r) => [r.source, ...(r.attribution?.alternatives ?? [])]),
      ]),
    ),
  );
  const sources: Source[] = [];
  const seenSources = new Set<string>();
  for (const dataset of datasets) {
    for (const source of dataset.sources) {
      if (used.has(source.id) && !seenSources.has(source.id)) {
        seenSources.add(source.id);
        sources.push(source);
      }
    }
  }
  return { disputes, sources };
}
