/**
 * Which disputes have something left to show once the reader has switched sources off: a
 * dispute stays while at least one of its claims is made by a source that is on. When every
 * claim comes from switched-off sources, the dispute is neither marked nor counted, whatever its
 * responses' sources: responses to claims the reader chose not to see are not a dispute on the
 * page. A dispute from a pack that is switched off is not shown either.
 */
import type { CompiledIndex, IndexedClaim } from './compile';
import { isPackOn } from './pack-layout';
import type { Settings } from './settings';

/** The claimant; an index compiled before claims named theirs falls back to every source in the claim. */
const claimants = (claim: IndexedClaim): readonly string[] => (claim.source ? [claim.source] : claim.sources);

export function visibleDisputes(
  index: CompiledIndex,
  settings: Pick<Settings, 'disabledSources' | 'disabledPacks'>,
): Set<number> {
  const visible = new Set<number>();
  const off = new Set(settings.disabledSources);
  for (const [i, dispute] of index.disputes.entries()) {
    // A merged index (mergeIndexes) names each dispute's pack.
    if (!isPackOn(settings, dispute.pack ?? index.pack)) continue;
    if (dispute.claims.some((claim) => claimants(claim).some((source) => !off.has(source)))) visible.add(i);
  }
  return visible;
}
