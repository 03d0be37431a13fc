/**
 * The datasets' records in storage.local, each an item "pack-record:<key>": where the Firefox
 * build keeps them, and the Chrome build where its IndexedDB cannot be opened (pack-stores.ts).
 * Over a storage area passed in, so the CLI and unit tests use it on one in memory.
 */
import { type DatasetStore, PACK_RECORD_PREFIX } from './pack-layout';
import type { StorageAreaLike } from './settings-store';

const item = (key: string) => `${PACK_RECORD_PREFIX}${key}`;

export function localDatasets(local: StorageAreaLike): DatasetStore {
  return {
    async get(keys) {
      if (keys.length === 0) return new Map();
      const items = await local.get(keys.map(item));
      const found = new Map<string, string>();
      for (const key of keys) {
        const text = items[item(key)];
        if (typeof text === 'string') found.set(key, text);
      }
      return found;
    },
    async put(records) {
      await local.set(Object.fromEntries([...records].map(([key, text]) => [item(key), text])));
    },
    async delete(keys) {
      if (keys.length > 0) await local.remove(keys.map(item));
    },
    async keys() {
      return Object.keys(await local.get(null))
        .filter((key) => key.startsWith(PACK_RECORD_PREFIX))
        .map((key) => key.slice(PACK_RECORD_PREFIX.length));
    },
  };
}
