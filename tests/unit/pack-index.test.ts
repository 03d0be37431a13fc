import { describe, expect, it } from 'vitest';
import { PackIndexes } from '../../src/background/pack-index';
import { PackPatterns } from '../../src/background/pack-patterns';
import { PACKS_KEY } from '../../src/core/pack-layout';
import { packListSignature } from '../../src/core/prefilter';
import { storedPack } from './support/stored-pack';

/** storage.local with one generated pack, counting reads of its index. */
function stored(disputes: number) {
  const { local, list, indexKey, vendors } = storedPack(disputes);
  let indexReads = 0;
  const counted = {
    get: (keys: string | string[]) => {
      if ([keys].flat().includes(indexKey)) indexReads++;
      return local.get(keys);
    },
    set: (items: Record<string, unknown>) => local.set(items),
  };
  const patterns = new PackPatterns(counted);
  return { local, list, indexes: new PackIndexes(counted, patterns), reads: () => indexReads, vendors };
}

describe("the background's slices of the packs' indexes", () => {
  it("answers a page with the disputes of the vendors it names, reading the packs' indexes once", async () => {
    const { list, indexes, reads, vendors } = stored(300);
    const packs = packListSignature(list);
    expect(await indexes.sliceFor('Nothing about any vendor here.', packs)).toEqual([]);
    const before = reads(); // making the filter read the index once
    const [slice, ...rest] = (await indexes.sliceFor(`${vendors[42]} denied it.`, packs)) ?? [];
    expect(rest).toEqual([]);
    expect(slice?.disputes.map((d) => d.id)).toEqual(['dispute-42']);
    expect(slice?.pack).toBe('generated-300');
    const [other] = (await indexes.sliceFor(`${vendors[7]} and ${vendors[8]} denied it.`, packs)) ?? [];
    expect(other?.disputes.map((d) => d.id).sort()).toEqual(['dispute-7', 'dispute-8']);
    expect(reads() - before).toBe(1);
  });

  it('reads again when the page read another pack list first, and says null when it still differs', async () => {
    const { local, list, indexes, vendors } = stored(300);
    const packs = packListSignature(list);
    expect(await indexes.sliceFor(`${vendors[3]} denied it.`, packs)).toHaveLength(1);

    // The packs were removed; the page heard of it before the background did.
    await local.set({ [PACKS_KEY]: [] });
    expect(await indexes.sliceFor(`${vendors[3]} denied it.`, packListSignature([]))).toEqual([]);
    // A page that read a list storage no longer holds gets null: it reads the indexes itself.
    expect(await indexes.sliceFor(`${vendors[3]} denied it.`, packs)).toBeNull();
  });

  it('reads again once forgotten (the packs changed)', async () => {
    const { list, indexes, reads, vendors } = stored(20);
    const packs = packListSignature(list);
    await indexes.sliceFor(`${vendors[1]} denied it.`, packs);
    const before = reads();
    indexes.forget();
    expect(await indexes.sliceFor(`${vendors[1]} denied it.`, packs)).toHaveLength(1);
    expect(reads() - before).toBe(1);
  });
});
