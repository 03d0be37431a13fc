import { describe, expect, it } from 'vitest';
import { Held } from '../../src/core/held';

describe('a held value', () => {
  it('is read once until forgotten', async () => {
    let reads = 0;
    const held = new Held(async () => ++reads);
    expect(await Promise.all([held.get(), held.get()])).toEqual([1, 1]);
    held.forget();
    expect(await held.get()).toBe(2);
    expect(reads).toBe(2);
  });

  it('keeps no failed read, nor one forgotten while it ran', async () => {
    let reads = 0;
    let fail = true;
    const held = new Held(async () => {
      reads++;
      if (fail) throw new Error('storage is busy');
      return reads;
    });
    await expect(held.get()).rejects.toThrow('storage is busy');
    fail = false;
    expect(await held.get()).toBe(2);

    held.forget();
    const running = held.get();
    held.forget();
    expect(await running).toBe(3);
    expect(await held.get()).toBe(4);
  });
});
