/**
 * Per-tab findings, kept in storage.session as well as in memory: the background may be
 * stopped at any time (MV3) and must still answer the popup afterwards. Storage is passed in,
 * so tests can give it a fake (STYLE.md §6).
 */
import type { TabState } from '../core/messages';

export interface SessionArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

const KEY_PREFIX = 'tab:';
const keyOf = (tabId: number) => `${KEY_PREFIX}${tabId}`;

/** Whether a storage.session change holds a new state for the tab (the popup follows its tab). */
export const tabStateChanged = (changes: Record<string, unknown>, tabId: number): boolean =>
  Object.hasOwn(changes, keyOf(tabId));

export class TabStore {
  private readonly cache = new Map<number, TabState | null>();

  constructor(private readonly area: SessionArea) {}

  async get(tabId: number): Promise<TabState | null> {
    if (this.cache.has(tabId)) return this.cache.get(tabId) ?? null;
    const stored = (await this.area.get(keyOf(tabId)))[keyOf(tabId)] as TabState | undefined;
    this.cache.set(tabId, stored ?? null);
    return stored ?? null;
  }

  async set(tabId: number, state: TabState): Promise<void> {
    this.cache.set(tabId, state);
    await this.area.set({ [keyOf(tabId)]: state });
  }

  /** Every tab's state kept now. */
  async all(): Promise<[number, TabState][]> {
    const stored = await this.area.get(null);
    const states: [number, TabState][] = [];
    for (const [key, value] of Object.entries(stored)) {
      const tabId = Number(key.slice(KEY_PREFIX.length));
      if (key.startsWith(KEY_PREFIX) && Number.isInteger(tabId) && value) states.push([tabId, value as TabState]);
    }
    return states;
  }

  async delete(tabId: number): Promise<void> {
    this.cache.set(tabId, null);
    await this.area.remove(keyOf(tabId));
  }
}
