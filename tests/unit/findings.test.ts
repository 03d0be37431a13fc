import { describe, expect, it } from 'vitest';
import { isPageFindings, NO_FINDINGS } from '../../src/core/messages';

const good = {
  disputes: [
    {
      id: 'escan-xiaomi-2017',
      relevance: 'about',
      score: 5,
      evidence: [
        { text: 'Mi Mover', role: 'claim', count: 2, claim: 'mi-mover' },
        { text: 'eScan', role: 'claimant', count: 3 },
        { text: 'Xiaomi', role: 'entity', count: 4 },
      ],
      mentions: { 'Mi Mover': 2, eScan: 3, Xiaomi: 4 },
      dismissed: false,
    },
  ],
  pageDate: '2017-08-10',
};

describe('isPageFindings: a content script’s report is checked field by field', () => {
  it('accepts well-formed findings and none', () => {
    expect(isPageFindings(good)).toBe(true);
    expect(isPageFindings(NO_FINDINGS)).toBe(true);
    expect(isPageFindings({ ...good, pageDate: null })).toBe(true);
  });

  const first = good.disputes[0] as (typeof good.disputes)[number];
  it.each([
    ['the old shape', { disputes: ['escan-xiaomi-2017'], mentions: {} }],
    ['no page date', { disputes: good.disputes }],
    ['a page date that is not a day', { ...good, pageDate: '2017-08' }],
    ['an unknown relevance', { ...good, disputes: [{ ...first, relevance: 'maybe' }] }],
    ['a negative score', { ...good, disputes: [{ ...first, score: -1 }] }],
    [
      'an unknown evidence role',
      { ...good, disputes: [{ ...first, evidence: [{ text: 'x', role: 'vibe', count: 1 }] }] },
    ],
    ['a zero count', { ...good, disputes: [{ ...first, mentions: { Xiaomi: 0 } }] }],
    ['dismissed missing', { ...good, disputes: [{ ...first, dismissed: undefined }] }],
    ['a repeated dispute', { ...good, disputes: [first, first] }],
    ['not an object', 'escan'],
  ])('refuses %s', (_, value) => {
    expect(isPageFindings(value)).toBe(false);
  });
});
