/**
 * Stored values this version cannot read — damaged, or written by another program under our
 * keys — are replaced, when the options page opens, by what the extension reads them as (the
 * defaults where nothing is readable), and the page says which were reset. Everything else
 * already reads them that way (parseSettings, parsePausedSites, parseDismissals), so the popup
 * and the pages never break; this makes the stored state match and tells the reader.
 */
import { DISMISSALS_KEY, PAUSED_SITES_KEY, parseDismissals, parsePausedSites } from './browsing';
import { isRecord } from './json-value';
import type { Problem } from './problems';
import { checkSettings, parseSettings, SETTINGS_KEY, SETTINGS_VERSION } from './settings';
import { type StorageAreaLike, writeSettings } from './settings-store';
import { describe } from './shape-problems';

/** Resets what cannot be read; returns what was wrong with each reset value (none when all was fine). */
export async function resetUnreadable(sync: StorageAreaLike, local: StorageAreaLike): Promise<Problem[]> {
  const problems: Problem[] = [];
  const stored = (await sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  const version = (stored as { version?: unknown } | null)?.version;
  // Settings synced from a newer copy are not damaged: this version keeps the fields it knows.
  const newer = typeof version === 'number' && version > SETTINGS_VERSION;
  if (stored !== undefined && !newer) {
    const checked = checkSettings(stored);
    if (!checked.ok) {
      await writeSettings(sync, parseSettings(stored));
      problems.push(...checked.problems);
    }
  }
  const browsing = await local.get([PAUSED_SITES_KEY, DISMISSALS_KEY]);
  if (Object.hasOwn(browsing, PAUSED_SITES_KEY) && !Array.isArray(browsing[PAUSED_SITES_KEY])) {
    await local.set({ [PAUSED_SITES_KEY]: parsePausedSites(browsing[PAUSED_SITES_KEY]) });
    const value = browsing[PAUSED_SITES_KEY];
    problems.push({ path: [PAUSED_SITES_KEY], code: 'problemMustBeArray', values: [describe(value)] });
  }
  if (Object.hasOwn(browsing, DISMISSALS_KEY) && !isRecord(browsing[DISMISSALS_KEY])) {
    await local.set({ [DISMISSALS_KEY]: parseDismissals(browsing[DISMISSALS_KEY]) });
    const value = browsing[DISMISSALS_KEY];
    problems.push({ path: [DISMISSALS_KEY], code: 'problemMustBeObject', values: [describe(value)] });
  }
  return problems;
}
