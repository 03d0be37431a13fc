/**
 * The state of a browser with a large imported pack, for the "with the 20,000-dispute pack" rows:
 * the generated pack (tests/support/generated-pack.ts) stored the way an import leaves it for the
 * content script: the pack list, the pack's compiled index, and the packs' filter the background
 * would write. Its dataset is left out: the content script never reads it (only the card's
 * details, the popup and the options page do), and writing its 20 MB takes Chromium seconds
 * (the import phase, bench/lib/import-timing.ts, times that).
 */
import type { Page } from 'playwright-core';
import { compileIndex } from '../../src/core/compile';
import { PACKS_KEY, packIndexKey, storedJson } from '../../src/core/pack-layout';
import { metaFor } from '../../src/core/pack-plan';
import { PACK_FILTER_KEY, packListSignature } from '../../src/core/prefilter';
import { packFilterOf } from '../../src/core/prefilter-compile';
import { generatedPack } from '../../tests/support/generated-pack';

export interface StoredPackSizes {
  disputes: number;
  aliases: number;
  /** JSON bytes of what was stored: the compiled index and the filter. */
  indexBytes: number;
  filterBytes: number;
}

/** The part of `chrome` the bench calls in an extension page. */
export type ChromeApi = {
  storage: { local: { set(items: object): Promise<void>; clear(): Promise<void> } };
};

/**
 * Stores the pack through `extensionPage`, a page of the extension (the service worker may be
 * stopped by then). The background checks each page that loads from then on against it; the
 * loads measured with the pack show that it ran its packs' script in each.
 */
export async function storeGeneratedPack(extensionPage: Page, disputes: number): Promise<StoredPackSizes> {
  const pack = generatedPack(disputes);
  const index = compileIndex(pack);
  const list = [metaFor(pack, new Date().toISOString(), 'pack')];
  const filter = packFilterOf([index]);
  const items = {
    [PACKS_KEY]: list,
    [packIndexKey(pack.id)]: storedJson(index),
    [PACK_FILTER_KEY]: { packs: packListSignature(list), filter },
  };
  await extensionPage.evaluate(async (stored) => {
    await (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.set(stored);
  }, items);
  return {
    disputes,
    aliases: pack.entities.reduce((n, e) => n + e.aliases.length, 0),
    indexBytes: JSON.stringify(index).length,
    filterBytes: JSON.stringify(filter).length,
  };
}
