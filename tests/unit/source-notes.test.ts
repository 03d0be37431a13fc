import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/schema';
import { sourceNotes } from '../../src/core/source-notes';

/** Only the fields the notes read: titles and who makes each claim and response. */
const dispute = (title: string, claimants: string[], responder: string) => ({
  title,
  claims: claimants.map((source) => ({ source, responses: [{ source: responder }] })),
});
const dataset = {
  sources: [],
  disputes: [
    dispute('Firm A on Vendor X', ['firm-a'], 'vendor-x'),
    dispute('Firm A and Paper B on Vendor Y', ['firm-a', 'paper-b'], 'vendor-y'),
  ],
} as unknown as Dataset;

describe('the note beside a source switch', () => {
  it('lists the disputes a source makes claims in, none silenced while every source is on', () => {
    expect(sourceNotes([dataset], []).get('firm-a')).toEqual({
      claimsIn: ['Firm A on Vendor X', 'Firm A and Paper B on Vendor Y'],
      silenced: [],
    });
  });

  it('names a dispute as not marked once every claim of it is from switched-off sources', () => {
    expect(sourceNotes([dataset], ['firm-a']).get('firm-a')?.silenced).toEqual(['Firm A on Vendor X']);
    expect(sourceNotes([dataset], ['firm-a', 'paper-b']).get('paper-b')?.silenced).toEqual([
      'Firm A and Paper B on Vendor Y',
    ]);
  });

  it('says nothing for a source that only responds, whatever its switch', () => {
    expect(sourceNotes([dataset], ['vendor-x']).get('vendor-x')).toBeUndefined();
    expect(sourceNotes([dataset], ['vendor-x']).get('firm-a')?.silenced).toEqual([]);
  });
});
