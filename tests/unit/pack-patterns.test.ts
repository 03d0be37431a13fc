import { describe, expect, it } from 'vitest';
import { PackPatterns } from '../../src/background/pack-patterns';
import { PACKS_KEY } from '../../src/core/pack-layout';
import { mayMatch, PACK_FILTER_KEY, packListSignature } from '../../src/core/prefilter';
import { packMeta, storedPack } from './support/stored-pack';

describe("the background's check of the packs' patterns", () => {
  it('makes the filter from the packs when none is stored, stores it, and answers per text', async () => {
    const { local, list, vendors } = storedPack(300);
    const patterns = new PackPatterns(local);
    const name = vendors[250] as string;
    const texts = ['Nothing about any vendor here.', `Late news: ${name} denied the report.`];
    const [none, one] = await patterns.in(texts);
    expect(none?.patterns).toEqual([]);
    expect(mayMatch(one ?? { words: [], exact: [], patterns: [], always: false }, texts[1] as string)).toBe(true);
    const stored = (await local.get(PACK_FILTER_KEY))[PACK_FILTER_KEY] as { packs: string; filter: { keys?: string } };
    expect(stored.packs).toBe(packListSignature(list));
    expect(typeof stored.filter.keys).toBe('string'); // 300 vendors: the one-pass filter

    // Held: a second question makes and stores nothing again.
    const writes = local.writes;
    await patterns.in(texts);
    expect(local.writes).toBe(writes);
  });

  it('reads a stored filter as it is, and one made for another pack list as missing', async () => {
    const { local, vendors } = storedPack(300);
    await new PackPatterns(local).in(['x']);
    const name = vendors[7] as string;
    // A filter for another list (a pack imported since): made again, and the new pack's name found.
    await local.set({ [PACKS_KEY]: [packMeta('generated-300', '2026-12-07T11:00:00.000Z', 300)] });
    const [found] = await new PackPatterns(local).in([`${name} answered.`]);
    expect(found?.patterns.length).toBeGreaterThan(0);
    const stored = (await local.get(PACK_FILTER_KEY))[PACK_FILTER_KEY] as { packs: string };
    expect(stored.packs).toContain('2026-12-07T11:00:00.000Z');
  });

  it('answers anew once forgotten (packs removed), and tries again after a failed read', async () => {
    const { local, vendors } = storedPack(300);
    const patterns = new PackPatterns(local);
    const text = `${vendors[3]} answered.`;
    expect((await patterns.in([text]))[0]?.patterns.length).toBeGreaterThan(0);
    await local.set({ [PACKS_KEY]: [] });
    patterns.forget();
    expect((await patterns.in([text]))[0]?.patterns).toEqual([]);

    let failing = true;
    const flaky = {
      get: (keys: string[]) => (failing ? Promise.reject(new Error('storage is busy')) : local.get(keys)),
      set: (items: Record<string, unknown>) => local.set(items),
    };
    const again = new PackPatterns(flaky);
    await expect(again.in([text])).rejects.toThrow('storage is busy');
    failing = false;
    expect((await again.in([text]))[0]?.patterns).toEqual([]);
  });

  it('says whether packs exist, reading the list once until it is forgotten', async () => {
    const { local } = storedPack(3);
    let reads = 0;
    let failing = false;
    const counted = {
      get: (keys: string | string[]) => {
        reads++;
        return failing ? Promise.reject(new Error('storage is busy')) : local.get(keys);
      },
      set: (items: Record<string, unknown>) => local.set(items),
    };
    const patterns = new PackPatterns(counted);
    expect(await patterns.exist()).toBe(true);
    expect(await patterns.exist()).toBe(true);
    expect(reads).toBe(1);

    await local.set({ [PACKS_KEY]: [] });
    expect(await patterns.exist()).toBe(true); // held until the change is heard
    patterns.forget();
    expect(await patterns.exist()).toBe(false);

    patterns.forget();
    failing = true;
    await expect(patterns.exist()).rejects.toThrow('storage is busy');
    failing = false;
    expect(await patterns.exist()).toBe(false); // the failure was not kept
  });
});
