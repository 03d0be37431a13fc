/**
 * Which disputes and claims have something left to show once the reader has switched sources
 * off: a claim stays while any of its statements (the claim or a response) is from a source
 * that is on; a dispute with no claim left is neither marked nor listed.
 */
import type { CompiledIndex } from './compile';
import type { Settings } from './settings';

export function visibleDisputes(
  index: CompiledIndex,
  settings: Pick<Settings, 'disabledSources' | 'disabledPacks'>,
): Set<number> {
  const visible = new Set<number>();
  if (settings.disabledPacks.includes(index.pack)) return visible;
  const off = new Set(settings.disabledSources);
  for (const [i, dispute] of index.disputes.entries()) {
    if (dispute.claims.some((claim) => claim.sources.some((source) => !off.has(source)))) visible.add(i);
  }
  return visible;
}
