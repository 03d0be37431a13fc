import { describe, expect, it } from 'vitest';
import { listedSources, SOURCES_LISTED } from '../../src/options/source-filter';

const rows = Array.from({ length: 200 }, (_, i) => ({ id: `s-${i}`, name: `Firm ${i} Research` }));
const none = new Set<string>();

describe('the sources the options page lists', () => {
  it(`lists a kind of at most ${SOURCES_LISTED} in full, and only ${SOURCES_LISTED} of a larger one`, () => {
    expect(listedSources(rows.slice(0, SOURCES_LISTED), '', none).rows).toHaveLength(SOURCES_LISTED);
    const listed = listedSources(rows, '', none);
    expect(listed.rows.map((r) => r.id)).toEqual(rows.slice(0, SOURCES_LISTED).map((r) => r.id));
    expect(listed.matching).toBe(200);
  });

  it('finds sources by any part of the name, whatever its case', () => {
    const listed = listedSources(rows, '  firm 19', none);
    expect(listed.rows.map((r) => r.name)).toEqual([
      'Firm 19 Research',
      ...Array.from({ length: 10 }, (_, i) => `Firm ${190 + i} Research`),
    ]);
    expect(listed.matching).toBe(11);
    expect(listedSources(rows, 'RESEARCH', none).matching).toBe(200);
    expect(listedSources(rows, 'nobody', none)).toEqual({ rows: [], matching: 0 });
  });

  it('lists switched-off sources first, all of them, so what is off is always in view', () => {
    const off = new Set(['s-150', 's-199', ...Array.from({ length: 60 }, (_, i) => `s-${i + 60}`)]);
    const listed = listedSources(rows, '', off);
    expect(listed.rows).toHaveLength(62);
    expect(listed.rows.slice(0, 2).map((r) => r.id)).toEqual(['s-60', 's-61']);
    expect(listed.rows.every((r) => off.has(r.id))).toBe(true);
    const few = listedSources(rows, '', new Set(['s-150']));
    expect(few.rows.map((r) => r.id)).toEqual(['s-150', ...rows.slice(0, SOURCES_LISTED - 1).map((r) => r.id)]);
  });
});
