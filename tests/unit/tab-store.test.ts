import { describe, expect, it } from 'vitest';
import { TabStore, tabStateChanged } from '../../src/background/tab-store';
import type { TabState } from '../../src/core/messages';

/** storage.session as a map, recording what was written to it. */
function fakeSession() {
  const items = new Map<string, unknown>();
  const changes: Record<string, unknown>[] = [];
  return {
    items,
    changes,
    async get(key: string | null) {
      if (key === null) return Object.fromEntries(items);
      return items.has(key) ? { [key]: items.get(key) } : {};
    },
    async set(values: Record<string, unknown>) {
      for (const [k, v] of Object.entries(values)) items.set(k, v);
      changes.push(values);
    },
    async remove(key: string) {
      items.delete(key);
      changes.push({ [key]: undefined });
    },
  };
}

const state = (url: string): TabState => ({ url, paused: false, disputes: [], pageDate: null });

describe('TabStore', () => {
  it('answers after the background was stopped and started again', async () => {
    const session = fakeSession();
    await new TabStore(session).set(3, state('https://news.example/a'));
    const restarted = new TabStore(session);
    expect(await restarted.get(3)).toEqual(state('https://news.example/a'));
    expect(await restarted.get(4)).toBeNull();
  });

  it('forgets a tab that navigated or closed, in memory and in storage', async () => {
    const session = fakeSession();
    const tabs = new TabStore(session);
    await tabs.set(3, state('https://news.example/a'));
    await tabs.delete(3);
    expect(await tabs.get(3)).toBeNull();
    expect(await new TabStore(session).get(3)).toBeNull();
  });

  it('keeps tabs apart', async () => {
    const tabs = new TabStore(fakeSession());
    await tabs.set(1, state('https://a.example/'));
    await tabs.set(2, state('https://b.example/'));
    expect((await tabs.get(1))?.url).toBe('https://a.example/');
    expect((await tabs.get(2))?.url).toBe('https://b.example/');
  });

  it("tells the popup when its own tab's state changed, and only then", async () => {
    const session = fakeSession();
    const tabs = new TabStore(session);
    await tabs.set(5, state('https://news.example/a'));
    await tabs.delete(6);
    const [written, removed] = session.changes as [Record<string, unknown>, Record<string, unknown>];
    expect(tabStateChanged(written, 5)).toBe(true);
    expect(tabStateChanged(written, 6)).toBe(false);
    expect(tabStateChanged(removed, 6)).toBe(true);
  });

  it('lists every tab it keeps, after a restart too, and nothing else in the area', async () => {
    const session = fakeSession();
    const tabs = new TabStore(session);
    await tabs.set(3, state('https://news.example/a'));
    await tabs.set(7, state('https://news.example/b'));
    await tabs.delete(3);
    await session.set({ 'tab:x': state('https://news.example/c'), other: 1 });
    expect(await new TabStore(session).all()).toEqual([[7, state('https://news.example/b')]]);
  });
});
