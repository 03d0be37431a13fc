import { describe, expect, it, vi } from 'vitest';
import type { Prefilter } from '../../src/core/prefilter';
import { phraseFilter } from '../../src/core/prefilter';

vi.mock('webextension-polyfill', () => ({ default: {} }));

const { checkPacksIn } = await import('../../src/background/packs-script');
const { INJECTED_FILES } = await import('../../src/core/stages');

const NONE: Prefilter = phraseFilter([]);
const ONE: Prefilter = phraseFilter([{ asWritten: false, words: ['acme'] }]);

/** The packs as the background holds them: whether any exist, and what a text holds of them. */
function lookup(exist: boolean, found: Prefilter = NONE) {
  const asked: string[][] = [];
  return {
    asked,
    exist: async () => exist,
    in: async (texts: readonly string[]) => {
      asked.push([...texts]);
      return texts.map(() => found);
    },
  };
}

/** `runFile` in a tab whose packs' script answers `answer`; records the files run. */
function tab(answer: unknown) {
  const ran: string[] = [];
  const run = async (target: { tabId: number; frameIds?: number[] }, file: string) => {
    expect(target).toEqual({ tabId: 7, frameIds: [0] });
    ran.push(file);
    if (answer instanceof Error) throw answer;
    return file === INJECTED_FILES.packs ? answer : undefined;
  };
  return { ran, run };
}

describe("the background's check of a page against the packs", () => {
  it('runs nothing in the page while no pack exists', async () => {
    const page = tab('Acme denied it.');
    await checkPacksIn(7, lookup(false), page.run);
    expect(page.ran).toEqual([]);
  });

  it("looks for the packs' patterns in the page's text, and has the page check only when some are there", async () => {
    const quiet = tab('A page about the weather.');
    const none = lookup(true, NONE);
    await checkPacksIn(7, none, quiet.run);
    expect(none.asked).toEqual([['A page about the weather.']]);
    expect(quiet.ran).toEqual([INJECTED_FILES.packs]);

    const naming = tab('Acme denied the report.');
    await checkPacksIn(7, lookup(true, ONE), naming.run);
    expect(naming.ran).toEqual([INJECTED_FILES.packs, INJECTED_FILES.packsFound]);

    // A filter on which every text may match (a pattern with no word to look for).
    const always = tab('Anything.');
    await checkPacksIn(7, lookup(true, phraseFilter([], true)), always.run);
    expect(always.ran).toEqual([INJECTED_FILES.packs, INJECTED_FILES.packsFound]);
  });

  it('asks nothing more of a page that does not answer with text, or where the script cannot run', async () => {
    for (const answer of [null, undefined, 42, '', { text: 'Acme' }, new Error('No tab with id: 7')]) {
      const page = tab(answer);
      const packs = lookup(true, ONE);
      await checkPacksIn(7, packs, page.run);
      expect(page.ran).toEqual([INJECTED_FILES.packs]);
      expect(packs.asked).toEqual([]);
    }
  });

  it('leaves the page as it is, with a warning, when the packs cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const page = tab('Acme denied it.');
    const busy = new Error('storage is busy');
    await expect(checkPacksIn(7, { exist: () => Promise.reject(busy), in: async () => [] }, page.run)).resolves.toBe(
      undefined,
    );
    await expect(checkPacksIn(7, { exist: async () => true, in: () => Promise.reject(busy) }, page.run)).resolves.toBe(
      undefined,
    );
    expect(page.ran).toEqual([INJECTED_FILES.packs]);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});
