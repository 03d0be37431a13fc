/**
 * Stored values this version cannot read — damaged, or written by another program under our
 * keys — are replaced, when the options page opens, by what the extension reads them as (the
 * defaults where nothing is readable), and the page says which were reset. Everything else
 * already reads them that way (parseSettings, parsePausedSites, parseDismissals), so the popup
 * and the pages never break; this makes the stored state match and tells the reader.
 */
import { DISMISSALS_KEY, PAUSED_SITES_KEY, parseDismissals, parsePausedSites } from './browsing';
import type { StorageAreaLike } from './pack-store';
import { checkSettings, parseSettings, SETTINGS_KEY, SETTINGS_VERSION } from './settings';
import { formatProblems } from './validate';

/** Resets what cannot be read; returns one line per reset value (empty when all was fine). */
export async function resetUnreadable(sync: StorageAreaLike, local: StorageAreaLike): Promise<string[]> {
  const lines: string[] = [];
  const stored = (await sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  const version = (stored as { version?: unknown } | null)?.version;
  // Settings synced from a newer copy are not damaged: this version keeps the fields it knows.
  const newer = typeof version === 'number' && version > SETTINGS_VERSION;
  if (stored !== undefined && !newer) {
    const checked = checkSettings(stored);
    if (!checked.ok) {
      await sync.set({ [SETTINGS_KEY]: parseSettings(stored) });
      lines.push(...formatProblems(checked.problems).split('\n'));
    }
  }
  const browsing = await local.get([PAUSED_SITES_KEY, DISMISSALS_KEY]);
  const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Object.hasOwn(browsing, PAUSED_SITES_KEY) && !Array.isArray(browsing[PAUSED_SITES_KEY])) {
    await local.set({ [PAUSED_SITES_KEY]: parsePausedSites(browsing[PAUSED_SITES_KEY]) });
    lines.push(`${PAUSED_SITES_KEY}: must be a list of sites`);
  }
  if (Object.hasOwn(browsing, DISMISSALS_KEY) && !isRecord(browsing[DISMISSALS_KEY])) {
    await local.set({ [DISMISSALS_KEY]: parseDismissals(browsing[DISMISSALS_KEY]) });
    lines.push(`${DISMISSALS_KEY}: must be an object`);
  }
  return lines;
}
