/**
 * The "Why marked" line: what on the page put a dispute there, as the page writes it, with what
 * each thing is to the dispute ("Mi Mover — a claim of this dispute; eScan — the claimant;
 * Xiaomi ×4"). Pure: the caller passes the role words (the UI takes them from _locales).
 */
import type { Evidence, EvidenceRole } from './messages';

/** At most this many signals and cues: the line names the strongest evidence, not every word. */
export const WHY_MARKED_SIGNALS = 8;
/** At most this many vendor names, which close the line. */
export const WHY_MARKED_ENTITIES = 4;

/**
 * One item per role, in the order the evidence gives (strongest first, entities last): the texts
 * of that role, each with its count when seen more than once, then the role's word, singular or
 * plural ("security apps, Smart Lock — claims of this dispute"). Vendor names stand alone, since
 * naming the vendor needs no explanation ("Xiaomi ×4").
 */
export function whyMarkedItems(
  evidence: readonly Evidence[],
  roleWord: (role: EvidenceRole, many: boolean) => string,
): string[] {
  const seen = ({ text, count }: Evidence) => (count > 1 ? `${text} ×${count}` : text);
  const signals = evidence.filter((e) => e.role !== 'entity').slice(0, WHY_MARKED_SIGNALS);
  const entities = evidence.filter((e) => e.role === 'entity').slice(0, WHY_MARKED_ENTITIES);
  const byRole = new Map<EvidenceRole, Evidence[]>();
  for (const item of signals) byRole.set(item.role, [...(byRole.get(item.role) ?? []), item]);
  const items = [...byRole].map(([role, list]) => `${list.map(seen).join(', ')} — ${roleWord(role, list.length > 1)}`);
  if (entities.length > 0) items.push(entities.map(seen).join(', '));
  return items;
}
