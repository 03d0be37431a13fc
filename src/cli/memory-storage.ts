/** Stores in memory: the options page's import path, run where there is no browser. */
import { localDatasets } from '../core/local-datasets';
import type { PackStores, StorageAreaLike } from '../core/pack-store';

export function memoryStorage(): StorageAreaLike {
  const items = new Map<string, unknown>();
  return {
    async get(keys) {
      const wanted = keys == null ? [...items.keys()] : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => items.has(k)).map((k) => [k, structuredClone(items.get(k))]));
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of typeof keys === 'string' ? [keys] : keys) items.delete(key);
    },
  };
}

export function memoryPackStores(): PackStores {
  const local = memoryStorage();
  return { local, datasets: localDatasets(local) };
}
