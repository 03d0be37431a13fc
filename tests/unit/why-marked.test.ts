import { describe, expect, it } from 'vitest';
import type { Evidence, EvidenceRole } from '../../src/core/messages';
import { WHY_MARKED_ITEMS, whyMarkedItems } from '../../src/core/why-marked';

const ROLE: Record<EvidenceRole, string> = {
  entity: 'a vendor',
  claim: 'a claim of this dispute',
  claimant: 'the claimant',
  party: 'a party to it',
  flaw: 'a flaw it names',
  product: 'a product it concerns',
  term: 'a term of it',
};
const roleWord = (role: EvidenceRole) => ROLE[role];

describe('the why-marked line', () => {
  it('names each piece of evidence with what it is to the dispute, the vendor alone', () => {
    const evidence: Evidence[] = [
      { text: 'Mi Mover', role: 'claim', count: 1, claim: 'mi-mover' },
      { text: 'eScan', role: 'claimant', count: 3 },
      { text: 'Xiaomi', role: 'entity', count: 4 },
    ];
    expect(whyMarkedItems(evidence, roleWord).join('; ')).toBe(
      'Mi Mover — a claim of this dispute; eScan ×3 — the claimant; Xiaomi ×4',
    );
  });

  it('keeps to the strongest evidence on a page full of it', () => {
    const evidence: Evidence[] = Array.from({ length: 10 }, (_, i) => ({ text: `flaw ${i}`, role: 'flaw', count: 1 }));
    const items = whyMarkedItems(evidence, roleWord);
    expect(items).toHaveLength(WHY_MARKED_ITEMS);
    expect(items[0]).toBe('flaw 0 — a flaw it names');
  });

  it('is empty without evidence', () => {
    expect(whyMarkedItems([], roleWord)).toEqual([]);
  });
});
