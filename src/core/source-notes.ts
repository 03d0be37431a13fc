/**
 * What switching a source off does to the disputes, for the note beside its switch in options:
 * the disputes it makes claims in, and those that are no longer marked or counted because every
 * one of their claims is from a switched-off source (the rule in visibility.ts, on the packs'
 * full data rather than the compiled index).
 */
import type { Dataset } from './schema';

export interface SourceNote {
  /** Titles of the disputes in which this source makes a claim. */
  claimsIn: string[];
  /** Of those, the ones not marked or counted under the given switches. */
  silenced: string[];
}

export function sourceNotes(datasets: readonly Dataset[], disabledSources: readonly string[]): Map<string, SourceNote> {
  const off = new Set(disabledSources);
  const notes = new Map<string, SourceNote>();
  for (const dataset of datasets) {
    for (const dispute of dataset.disputes) {
      const claimants = new Set(dispute.claims.map((claim) => claim.source));
      const silenced = [...claimants].every((source) => off.has(source));
      for (const source of claimants) {
        let note = notes.get(source);
        if (!note) {
          note = { claimsIn: [], silenced: [] };
          notes.set(source, note);
        }
        note.claimsIn.push(dispute.title);
        if (silenced) note.silenced.push(dispute.title);
      }
    }
  }
  return notes;
}
