/**
 * The export file: the reader's settings, browsing state (paused sites, per-page dismissals;
 * browsing.ts) and imported packs in one JSON file that imports back to exactly the same state
 *. The bundled pack is not in it (it ships with the extension), nor are the compiled
 * indexes (compileIndex rebuilds them identically).
 *
 *   { "format": "counterclaim-export", "version": 2, "exportedAt": ISO,
 *     "settings": Settings, "browsing": { "pausedSites": [site], "dismissals": { page: [id] } },
 *     "packs": [{ "importedAt": ISO, "origin": "pack", "dataset": Dataset }] }
 *
 * Version 1 had no "browsing": its paused sites were in the settings, and are read from there.
 *
 * Reading is strict: an unknown key, a bad value or an invalid pack refuses the whole file.
 */
import { type BrowsingState, pageKeyOf } from './browsing';
import { MAX_IMPORTED_PACKS, metaFor, type PackOrigin, packSizeProblem, type StoredPack } from './packs';
import { checkSettings, normalizeSite, type Settings, syncedPausedSites } from './settings';
import { type Problem, validateDataset } from './validate';

export const EXPORT_FORMAT = 'counterclaim-export';
export const EXPORT_VERSION = 2;

export interface Backup {
  exportedAt: string;
  settings: Settings;
  browsing: BrowsingState;
  packs: StoredPack[];
}

export function buildExport(
  settings: Settings,
  packs: readonly StoredPack[],
  browsing: BrowsingState,
  now: Date = new Date(),
): string {
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    settings,
    browsing,
    packs: packs.map(({ meta, dataset }) => ({ importedAt: meta.importedAt, origin: meta.origin, dataset })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** "counterclaim-export-2026-11-25.json" */
export const exportFileName = (now: Date = new Date()) => `counterclaim-export-${now.toISOString().slice(0, 10)}.json`;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const isIsoTime = (value: unknown): value is string =>
  typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TOP_KEYS = ['format', 'version', 'exportedAt', 'settings', 'browsing', 'packs'];
const BROWSING_KEYS = ['pausedSites', 'dismissals'];
const PACK_KEYS = ['importedAt', 'origin', 'dataset'];
const ORIGINS: readonly PackOrigin[] = ['pack', 'claimreview'];

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], at: string): Problem[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: at, message: `unknown key ${JSON.stringify(key)} (allowed: ${allowed.join(', ')})` }));
}

/** The export file's content (already parsed and walked by parseImport) as a backup. */
export function readBackup(
  value: Record<string, unknown>,
  options: { now: Date },
): { ok: true; backup: Backup } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = unknownKeys(value, TOP_KEYS, '(root)');
  if (value.format !== EXPORT_FORMAT) {
    problems.push({ path: 'format', message: `is not "${EXPORT_FORMAT}"` });
    return { ok: false, problems };
  }
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    problems.push({ path: 'version', message: 'must be a whole number, 1 or more' });
  } else if (value.version > EXPORT_VERSION) {
    problems.push({
      path: 'version',
      message: `is ${value.version}: the file was written by a newer version of Counterclaim (this one reads version ${EXPORT_VERSION}); update the extension`,
    });
    return { ok: false, problems };
  }
  if (!isIsoTime(value.exportedAt))
    problems.push({ path: 'exportedAt', message: 'must be a time such as 2026-11-25T12:00:00.000Z' });
  const settings = checkSettings(value.settings, 'settings');
  if (!settings.ok) problems.push(...settings.problems);
  const browsing =
    value.version === 1
      ? { pausedSites: syncedPausedSites(value.settings), dismissals: {} }
      : readBrowsingEntry(value.browsing, problems);

  const packs: StoredPack[] = [];
  if (!Array.isArray(value.packs)) problems.push({ path: 'packs', message: 'must be a list' });
  else if (value.packs.length > MAX_IMPORTED_PACKS) {
    problems.push({
      path: 'packs',
      message: `has ${value.packs.length} packs; at most ${MAX_IMPORTED_PACKS} can be installed`,
    });
  } else {
    value.packs.forEach((entry, i) => {
      const at = `packs[${i}]`;
      if (!isRecord(entry)) {
        problems.push({ path: at, message: 'must be an object' });
        return;
      }
      problems.push(...unknownKeys(entry, PACK_KEYS, at));
      if (!isIsoTime(entry.importedAt))
        problems.push({ path: `${at}.importedAt`, message: 'must be a time such as 2026-11-25T12:00:00.000Z' });
      if (!ORIGINS.includes(entry.origin as PackOrigin)) {
        problems.push({ path: `${at}.origin`, message: `is not one of ${ORIGINS.join(', ')}` });
      }
      const result = validateDataset(entry.dataset, options);
      if (!result.ok) {
        for (const p of result.problems) {
          const path =
            p.path === '(root)' ? `${at}.dataset` : `${at}.dataset${p.path.startsWith('[') ? '' : '.'}${p.path}`;
          problems.push({ path, message: p.message });
        }
        return;
      }
      const size = packSizeProblem(result.dataset, `${at}.dataset`);
      if (size) problems.push(size);
      if (isIsoTime(entry.importedAt) && ORIGINS.includes(entry.origin as PackOrigin)) {
        packs.push({
          meta: metaFor(result.dataset, entry.importedAt, entry.origin as PackOrigin),
          dataset: result.dataset,
        });
      }
    });
  }
  if (problems.length > 0 || !settings.ok) return { ok: false, problems };
  return {
    ok: true,
    backup: { exportedAt: value.exportedAt as string, settings: settings.settings, browsing, packs },
  };
}

/** The "browsing" entry, checked strictly: a bad site or page is refused, not dropped. */
function readBrowsingEntry(value: unknown, problems: Problem[]): BrowsingState {
  const out: BrowsingState = { pausedSites: [], dismissals: {} };
  if (!isRecord(value)) {
    problems.push({ path: 'browsing', message: 'must be an object with pausedSites and dismissals' });
    return out;
  }
  problems.push(...unknownKeys(value, BROWSING_KEYS, 'browsing'));
  const { pausedSites, dismissals } = value;
  if (!Array.isArray(pausedSites)) problems.push({ path: 'browsing.pausedSites', message: 'must be a list of sites' });
  else
    pausedSites.forEach((site, i) => {
      const key = typeof site === 'string' ? normalizeSite(site) : null;
      if (key === null) problems.push({ path: `browsing.pausedSites[${i}]`, message: 'is not a site name' });
      else if (!out.pausedSites.includes(key)) out.pausedSites.push(key);
    });
  out.pausedSites.sort();
  if (!isRecord(dismissals)) problems.push({ path: 'browsing.dismissals', message: 'must be an object' });
  else
    for (const [page, ids] of Object.entries(dismissals)) {
      const at = `browsing.dismissals[${JSON.stringify(page)}]`;
      if (pageKeyOf(page) !== page) problems.push({ path: at, message: 'is not a page address without query' });
      else if (
        !Array.isArray(ids) ||
        !ids.every((id) => typeof id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))
      )
        problems.push({ path: at, message: 'must be a list of dispute ids' });
      else if (ids.length > 0) out.dismissals[page] = [...new Set(ids as string[])].sort();
    }
  return out;
}
