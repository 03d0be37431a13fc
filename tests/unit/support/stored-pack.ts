/** storage.local as an import of a generated pack leaves it (the background makes the packs' filter). */
import { compileIndex } from '../../../src/core/compile';
import { PACKS_KEY, type PackMeta, packIndexKey, storedJson } from '../../../src/core/pack-layout';
import { generatedPack, generatedVendors } from '../../support/generated-pack';
import { FakeStorage } from './fake-storage';

export const packMeta = (id: string, importedAt: string, disputes: number): PackMeta => ({
  id,
  name: id,
  version: '1',
  disputes,
  importedAt,
  origin: 'pack',
});

export function storedPack(disputes: number) {
  const pack = generatedPack(disputes);
  const list = [packMeta(pack.id, '2026-12-07T10:00:00.000Z', disputes)];
  const local = new FakeStorage({ [PACKS_KEY]: list, [packIndexKey(pack.id)]: storedJson(compileIndex(pack)) });
  return { local, list, indexKey: packIndexKey(pack.id), vendors: generatedVendors(disputes) };
}
