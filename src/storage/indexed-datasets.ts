/**
 * The imported packs' datasets in the extension's IndexedDB (see pack-layout.ts and
 * pack-stores.ts). The background, the popup and the options page share the database: one
 * origin. Where it cannot be opened, records go to the fallback, storage.local, and are read
 * from there too when IndexedDB has none.
 */
import type { DatasetStore } from '../core/pack-layout';

export const DATABASE = 'counterclaim-packs';
export const STORE = 'datasets';

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`IndexedDB "${DATABASE}": the request failed`));
  });

const committed = (transaction: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    const failed = () => reject(transaction.error ?? new Error(`IndexedDB "${DATABASE}": the write was aborted`));
    transaction.onerror = failed;
    transaction.onabort = failed;
  });

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DATABASE, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  return done(request);
}

/** Opens the database on first use, and again after another page closed it. */
function connect(): () => Promise<IDBDatabase> {
  let connection: Promise<IDBDatabase> | null = null;
  return async () => {
    connection ??= open();
    const db = await connection.catch((error: unknown) => {
      connection = null;
      throw error;
    });
    const forget = () => {
      connection = null;
    };
    // Another page deleting or upgrading the database waits for every connection to close.
    db.onversionchange = () => {
      db.close();
      forget();
    };
    db.onclose = forget;
    return db;
  };
}

export function indexedDatasets(fallback: DatasetStore): DatasetStore {
  const database = connect();
  /** The object store in a new transaction, or null where IndexedDB cannot be opened. */
  const store = async (mode: IDBTransactionMode) => {
    const db = await database().catch(() => null);
    return db ? db.transaction(STORE, mode) : null;
  };
  return {
    async get(keys) {
      const tx = await store('readonly');
      const found = new Map<string, string>();
      if (tx) {
        const records = tx.objectStore(STORE);
        const values = await Promise.all(keys.map((key) => done(records.get(key))));
        keys.forEach((key, i) => {
          if (typeof values[i] === 'string') found.set(key, values[i]);
        });
      }
      const missing = keys.filter((key) => !found.has(key));
      for (const [key, text] of await fallback.get(missing)) found.set(key, text);
      return found;
    },
    async put(records) {
      const tx = await store('readwrite');
      if (!tx) return fallback.put(records);
      for (const [key, text] of records) tx.objectStore(STORE).put(text, key);
      await committed(tx);
    },
    async delete(keys) {
      if (keys.length === 0) return;
      const tx = await store('readwrite');
      if (tx) {
        for (const key of keys) tx.objectStore(STORE).delete(key);
        await committed(tx);
      }
      await fallback.delete(keys);
    },
    async keys() {
      const tx = await store('readonly');
      const stored = tx ? await done(tx.objectStore(STORE).getAllKeys()) : [];
      const keys = new Set([
        ...stored.filter((key): key is string => typeof key === 'string'),
        ...(await fallback.keys()),
      ]);
      return [...keys];
    },
  };
}
