import { describe, expect, it } from 'vitest';
import type { Evidence, EvidenceRole } from '../../src/core/messages';
import { WHY_MARKED_ENTITIES, WHY_MARKED_SIGNALS, whyMarkedItems } from '../../src/core/why-marked';

const ROLE: Record<EvidenceRole, [string, string]> = {
  entity: ['a vendor', 'vendors'],
  claim: ['a claim of this dispute', 'claims of this dispute'],
  claimant: ['the claimant', 'the claimant'],
  party: ['a party to it', 'parties to it'],
  flaw: ['a flaw it names', 'flaws it names'],
  product: ['a product it concerns', 'products it concerns'],
  term: ['a term of it', 'terms of it'],
};
const roleWord = (role: EvidenceRole, many: boolean) => ROLE[role][many ? 1 : 0];
const line = (evidence: Evidence[]) => whyMarkedItems(evidence, roleWord).join('; ');

describe('the why-marked line', () => {
  it('names each piece of evidence with what it is to the dispute, the vendor alone', () => {
    expect(
      line([
        { text: 'Mi Mover', role: 'claim', count: 1, claim: 'mi-mover' },
        { text: 'eScan', role: 'claimant', count: 1 },
        { text: 'Xiaomi', role: 'entity', count: 4 },
      ]),
    ).toBe('Mi Mover — a claim of this dispute; eScan — the claimant; Xiaomi ×4');
  });

  it('groups texts of one role, with their counts, under one plural word', () => {
    expect(
      line([
        { text: 'eScan', role: 'claimant', count: 2 },
        { text: 'security apps', role: 'claim', count: 1 },
        { text: 'MicroWorld', role: 'claimant', count: 1 },
        { text: 'Smart Lock', role: 'claim', count: 3 },
        { text: 'Xiaomi', role: 'entity', count: 6 },
        { text: 'Mi Mover', role: 'entity', count: 2 },
      ]),
    ).toBe(
      'eScan ×2, MicroWorld — the claimant; security apps, Smart Lock ×3 — claims of this dispute; Xiaomi ×6, Mi Mover ×2',
    );
  });

  it('keeps to the strongest evidence on a page full of it, and still names the vendor', () => {
    const flaws: Evidence[] = Array.from({ length: 10 }, (_, i) => ({ text: `flaw ${i}`, role: 'flaw', count: 1 }));
    const vendors: Evidence[] = Array.from({ length: 5 }, (_, i) => ({
      text: `vendor ${i}`,
      role: 'entity',
      count: 1,
    }));
    const items = whyMarkedItems([...flaws, ...vendors], roleWord);
    expect(items).toHaveLength(2);
    expect(items[0]?.split(', ')).toHaveLength(WHY_MARKED_SIGNALS);
    expect(items[0]).toMatch(/^flaw 0, .* — flaws it names$/);
    expect(items[1]?.split(', ')).toHaveLength(WHY_MARKED_ENTITIES);
  });

  it('is empty without evidence', () => {
    expect(whyMarkedItems([], roleWord)).toEqual([]);
  });
});
