import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { searchDisputes, searchIndex } from '../../src/core/search';

const { dataset } = loadDataset();
const index = searchIndex(dataset);
const ids = (query: string) => searchDisputes(index, query).map((d) => d.id);

describe('searching the whole dataset', () => {
  it('finds the founding dispute by its product, claimant or vendor', () => {
    expect(ids('Mi Mover')).toEqual(['escan-xiaomi-2017']);
    expect(ids('escan')).toContain('escan-xiaomi-2017');
    expect(ids('xiaomi')).toEqual(expect.arrayContaining(['escan-xiaomi-2017', 'f-secure-xiaomi-redmi-1s-2014']));
  });

  it('ignores case and accents, and needs every word', () => {
    expect(ids('MI MOVER')).toEqual(['escan-xiaomi-2017']);
    expect(ids('xiaomi superfish')).toEqual([]);
  });

  it('finds nothing for an empty query', () => {
    expect(ids('   ')).toEqual([]);
  });
});
