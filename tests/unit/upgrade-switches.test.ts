/**
 * An update whose bundled data renames or drops sources: on install/update the background drops
 * the reader's switches for sources and packs that no longer exist, and keeps every other
 * setting as it was.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { upgradeStoredState } from '../../src/background/upgrade';
import { importFile } from '../../src/core/pack-store';
import type { Dataset } from '../../src/core/schema';
import { SETTINGS_KEY, SETTINGS_VERSION } from '../../src/core/settings';
import { FakeStorage, fakeStores } from './support/fake-storage';

const now = new Date('2026-11-25T12:00:00Z');
const { dataset: bundled } = loadDataset();
const goodPack = readFileSync(fileURLToPath(new URL('../fixtures/imports/good/pack.json', import.meta.url)), 'utf8');

async function readerStores() {
  const sync = new FakeStorage({
    [SETTINGS_KEY]: {
      version: SETTINGS_VERSION,
      disabledSources: ['escan', 'xiaomi', 'acme-security'],
      disabledPacks: ['globex-watch'],
      markStyle: 'tint',
      markWhich: 'every',
    },
  });
  const stores = fakeStores(new FakeStorage(), sync);
  expect((await importFile(goodPack, stores, { bundled, now })).ok).toBe(true);
  return stores;
}

describe('an update that changes the bundled pack ids', () => {
  it('drops the switches for sources that no longer exist and keeps the rest', async () => {
    const stores = await readerStores();
    const { sync } = stores;
    // The new version's data calls eScan's source something else.
    const renamed: Dataset = structuredClone(bundled);
    const escan = renamed.sources.find((s) => s.id === 'escan');
    expect(escan).toBeDefined();
    if (escan) escan.id = 'escan-av';
    await upgradeStoredState(stores, renamed);
    expect((await sync.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual({
      version: SETTINGS_VERSION,
      disabledSources: ['xiaomi', 'acme-security'],
      disabledPacks: ['globex-watch'],
      markStyle: 'tint',
      markWhich: 'every',
    });
  });

  it('drops the switch of a pack that is gone, and writes nothing when every switch still applies', async () => {
    const stores = await readerStores();
    const { sync } = stores;
    await upgradeStoredState(stores, bundled);
    const writes = sync.writes;
    expect((await sync.get(SETTINGS_KEY))[SETTINGS_KEY]).toMatchObject({
      disabledSources: ['escan', 'xiaomi', 'acme-security'],
      disabledPacks: ['globex-watch'],
    });
    expect(writes).toBe(0);

    await upgradeStoredState(fakeStores(new FakeStorage(), sync), bundled);
    expect((await sync.get(SETTINGS_KEY))[SETTINGS_KEY]).toMatchObject({
      disabledSources: ['escan', 'xiaomi'],
      disabledPacks: [],
      markStyle: 'tint',
    });
  });
});
