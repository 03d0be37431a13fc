/**
 * The "Why marked" line: what on the page put a dispute there, as the page writes it, with what
 * each thing is to the dispute ("Mi Mover — a claim of this dispute; eScan — the claimant;
 * Xiaomi ×4"). Pure: the caller passes the role words (the UI takes them from _locales).
 */
import type { Evidence, EvidenceRole } from './messages';

/** At most this many items: the line names the strongest evidence, not every mention. */
export const WHY_MARKED_ITEMS = 6;

/**
 * One item per piece of evidence, in the order given (strongest first, entities last); an
 * entity's name stands alone, since naming the vendor needs no explanation. A text seen more than
 * once carries its count ("Xiaomi ×4").
 */
export function whyMarkedItems(evidence: readonly Evidence[], roleWord: (role: EvidenceRole) => string): string[] {
  return evidence.slice(0, WHY_MARKED_ITEMS).map(({ text, role, count }) => {
    const seen = count > 1 ? `${text} ×${count}` : text;
    return role === 'entity' ? seen : `${seen} — ${roleWord(role)}`;
  });
}
