/**
 * An in-memory storage area with the part of the browser.storage API that src/core/pack-store.ts
 * uses. Values are stored as JSON (like the browsers do), so a test can compare snapshots and
 * see that nothing was written.
 */
import type { DatasetStore } from '../../../src/core/pack-layout';
import type { StorageAreaLike } from '../../../src/core/pack-store';

export class FakeStorage implements StorageAreaLike {
  private items: Record<string, string> = {};
  writes = 0;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(initial)) this.items[key] = JSON.stringify(value);
  }

  async get(keys?: null | string | string[]): Promise<Record<string, unknown>> {
    const wanted =
      keys === null || keys === undefined ? Object.keys(this.items) : typeof keys === 'string' ? [keys] : keys;
    const out: Record<string, unknown> = {};
    for (const key of wanted) {
      const value = this.items[key];
      if (value !== undefined) out[key] = JSON.parse(value);
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.writes++;
    for (const [key, value] of Object.entries(items)) this.items[key] = JSON.stringify(value);
  }

  async remove(keys: string | string[]): Promise<void> {
    this.writes++;
    for (const key of typeof keys === 'string' ? [keys] : keys) delete this.items[key];
  }

  /** Everything stored, as JSON text per key: equal snapshots mean equal contents. */
  snapshot(): Record<string, string> {
    return { ...this.items };
  }
}

/** The datasets' store in memory, counting writes like FakeStorage. */
export class FakeDatasets implements DatasetStore {
  private records: Map<string, string>;
  writes = 0;

  constructor(initial: Record<string, string> = {}) {
    this.records = new Map(Object.entries(initial));
  }

  async get(keys: readonly string[]): Promise<Map<string, string>> {
    return new Map(keys.filter((key) => this.records.has(key)).map((key) => [key, this.records.get(key) as string]));
  }

  async put(records: ReadonlyMap<string, string>): Promise<void> {
    this.writes++;
    for (const [key, text] of records) this.records.set(key, text);
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) this.writes++;
    for (const key of keys) this.records.delete(key);
  }

  async keys(): Promise<string[]> {
    return [...this.records.keys()];
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries(this.records);
  }
}

/** storage.local, storage.sync and the datasets, each in memory. */
export function fakeStores(local = new FakeStorage(), sync = new FakeStorage()) {
  return { local, sync, datasets: new FakeDatasets() };
}
