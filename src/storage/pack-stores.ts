/**
 * Where this browser keeps imported packs: the list and indexes in storage.local, the datasets
 * in the extension's IndexedDB where its storage is unlimited (the Chrome build), so the browser
 * never evicts them, and IndexedDB writes a large pack in a fraction of storage.local's time.
 * Elsewhere they stay in storage.local: Firefox refuses an add-on its IndexedDB while the
 * reader always browses privately, so packs kept there would be out of reach whenever that
 * setting is on.
 */
import browser from 'webextension-polyfill';
import { localDatasets } from '../core/local-datasets';
import type { PackStores, StorageAreaLike } from '../core/pack-store';
import { indexedDatasets } from './indexed-datasets';

export function browserPackStores(local: StorageAreaLike): PackStores {
  const unlimited = browser.runtime.getManifest().permissions?.includes('unlimitedStorage') === true;
  return { local, datasets: unlimited ? indexedDatasets(localDatasets(local)) : localDatasets(local) };
}
