import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));

const { PACKS_SCRIPT_ID, syncPacksScript } = await import('../../src/background/packs-script');
const { CONTENT_PAGES, INJECTED_FILES } = await import('../../src/core/stages');

/** browser.scripting's registry as a list, slow to answer, so that overlapping calls overlap. */
function fakeRegistry() {
  const scripts: { id: string; js: string[]; matches: string[] }[] = [];
  const later = () => new Promise((resolve) => setTimeout(resolve, 5));
  return {
    scripts,
    async getRegisteredContentScripts({ ids }: { ids: string[] }) {
      await later();
      return scripts.filter((s) => ids.includes(s.id));
    },
    async registerContentScripts(list: { id: string; js: string[]; matches: string[] }[]) {
      await later();
      for (const script of list) {
        if (scripts.some((s) => s.id === script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        scripts.push(script);
      }
    },
    async unregisterContentScripts({ ids }: { ids: string[] }) {
      await later();
      for (const id of ids) scripts.splice(scripts.findIndex((s) => s.id === id) >>> 0, 1);
    },
  };
}

const local = (packs: unknown) => ({ get: async () => (packs === undefined ? {} : { packs }) });

describe('the packs script', () => {
  it('is registered, on the content script pages, only while packs are stored', async () => {
    const registry = fakeRegistry();
    await syncPacksScript(registry, local(undefined));
    expect(registry.scripts).toEqual([]);
    await syncPacksScript(registry, local([{ id: 'p1' }]));
    expect(registry.scripts).toEqual([
      expect.objectContaining({ id: PACKS_SCRIPT_ID, js: [INJECTED_FILES.packs], matches: CONTENT_PAGES }),
    ]);
    await syncPacksScript(registry, local([]));
    expect(registry.scripts).toEqual([]);
  });

  it('is registered once when the packs change twice at the same time', async () => {
    const registry = fakeRegistry();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await Promise.all([
      syncPacksScript(registry, local([{ id: 'a' }])),
      syncPacksScript(registry, local([{ id: 'a' }])),
    ]);
    expect(registry.scripts).toHaveLength(1);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
