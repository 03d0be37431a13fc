/**
 * Which disputes and claims have something left to show once the reader has switched sources
 * off: a claim stays while any of its statements (the claim or a response) is from a source
 * that is on; a dispute with no claim left is neither marked nor listed. A dispute from a pack
 * that is switched off is not shown either.
 */
import type { CompiledIndex } from './compile';
import type { Settings } from './settings';

export function visibleDisputes(
  index: CompiledIndex,
  settings: Pick<Settings, 'disabledSources' | 'disabledPacks'>,
): Set<number> {
  const visible = new Set<number>();
  const packsOff = new Set(settings.disabledPacks);
  const off = new Set(settings.disabledSources);
  for (const [i, dispute] of index.disputes.entries()) {
    // A merged index (packs.ts mergeIndexes) names each dispute's pack.
    if (packsOff.has(dispute.pack ?? index.pack)) continue;
    if (dispute.claims.some((claim) => claim.sources.some((source) => !off.has(source)))) visible.add(i);
  }
  return visible;
}
