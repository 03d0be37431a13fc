/**
 * The datasets' records in storage.local, where the extension's IndexedDB cannot be opened:
 * Firefox refuses it to an add-on when the reader always browses privately, but not
 * storage.local. Each record is an item "pack-record:<key>".
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
