/**
 * The export file: the reader's settings, browsing state (paused sites, per-page dismissals;
 * browsing.ts) and imported packs in one JSON file that imports back to exactly the same
 * state. The bundled pack is not in it (it ships with the extension), nor are the compiled
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

import * as v from 'valibot';
import { type BrowsingState, pageKeyOf } from './browsing';
import { isRecord } from './json-value';
import { MAX_IMPORTED_PACKS, PACK_ORIGINS, type PackOrigin, type StoredPack } from './pack-layout';
import { metaFor, packSizeProblem } from './pack-plan';
import { type Problem, problemsUnder } from './problems';
import { checkSettings, normalizeSite, type Settings, syncedPausedSites } from './settings';
import { shapeProblems } from './shape-problems';
import { validateDataset } from './validate';

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
const isIsoTime = (value: string): boolean => ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
const IsoTimeSchema = v.pipe(v.string(), v.check(isIsoTime, 'problemNotTime'));
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const PackEntrySchema = v.strictObject({
  importedAt: IsoTimeSchema,
  origin: v.picklist(PACK_ORIGINS, 'problemNotOneOf'),
  /** Checked on its own by validateDataset, with its problems moved under the entry. */
  dataset: v.unknown(),
});

const BrowsingSchema = v.strictObject({
  pausedSites: v.array(
    v.pipe(
      v.string(),
      v.check((site) => normalizeSite(site) !== null, 'problemNotSite'),
    ),
  ),
  dismissals: v.record(
    v.pipe(
      v.string(),
      v.check((page) => pageKeyOf(page) === page, 'problemNotPageKey'),
    ),
    v.array(v.pipe(v.string(), v.regex(ID, 'problemNotDisputeId'))),
  ),
});

const backupSchema = (browsing: v.GenericSchema) =>
  v.strictObject({
    format: v.literal(EXPORT_FORMAT),
    version: v.pipe(v.number(), v.integer('problemNotWhole'), v.minValue(1, 'problemNotPositive')),
    exportedAt: IsoTimeSchema,
    /** Checked by checkSettings, which also migrates older settings. */
    settings: v.unknown(),
    browsing,
    packs: v.pipe(
      v.array(PackEntrySchema),
      v.maxLength(MAX_IMPORTED_PACKS, `has more packs than can be installed (${MAX_IMPORTED_PACKS})`),
    ),
  });
/** Version 1 kept paused sites in the settings and had no "browsing". */
const BackupV1Schema = backupSchema(v.optional(v.unknown()));
const BackupSchema = backupSchema(BrowsingSchema);

/** The export file's content (already parsed and walked by parseImport) as a backup. */
export function readBackup(
  value: Record<string, unknown>,
  options: { now: Date },
): { ok: true; backup: Backup } | { ok: false; problems: Problem[] } {
  if (typeof value.version === 'number' && value.version > EXPORT_VERSION) {
    const values = [String(value.version), String(EXPORT_VERSION)];
    return { ok: false, problems: [{ path: ['version'], code: 'problemExportNewer', values }] };
  }
  const schema = value.version === 1 ? BackupV1Schema : BackupSchema;
  const parsed = v.safeParse(schema, value, { abortEarly: false });
  const problems = parsed.success ? [] : shapeProblems(schema, parsed.issues);
  const settings = checkSettings(value.settings, ['settings']);
  if (!settings.ok) problems.push(...settings.problems);

  const packs: StoredPack[] = [];
  const entries = Array.isArray(value.packs) && value.packs.length <= MAX_IMPORTED_PACKS ? value.packs : [];
  entries.forEach((entry: unknown, i) => {
    if (!isRecord(entry)) return;
    const at = ['packs', i, 'dataset'];
    const result = validateDataset(entry.dataset, options);
    if (!result.ok) {
      problems.push(...problemsUnder(at, result.problems));
      return;
    }
    const size = packSizeProblem(result.dataset, at);
    if (size) problems.push(size);
    const { importedAt, origin } = entry;
    if (typeof importedAt === 'string' && PACK_ORIGINS.includes(origin as PackOrigin)) {
      packs.push({ meta: metaFor(result.dataset, importedAt, origin as PackOrigin), dataset: result.dataset });
    }
  });
  if (!parsed.success || !settings.ok || problems.length > 0) return { ok: false, problems };
  const file = parsed.output;
  const browsing: BrowsingState =
    file.version === 1
      ? { pausedSites: syncedPausedSites(file.settings), dismissals: {} }
      : readBrowsing(file.browsing);
  return { ok: true, backup: { exportedAt: file.exportedAt, settings: settings.settings, browsing, packs } };
}

/** A checked "browsing" entry in the stored form: site keys and page dismissals, sorted and once each. */
function readBrowsing(entry: unknown): BrowsingState {
  const { pausedSites, dismissals } = entry as v.InferOutput<typeof BrowsingSchema>;
  const out: BrowsingState = {
    pausedSites: [...new Set(pausedSites.map((site) => normalizeSite(site) as string))].sort(),
    dismissals: {},
  };
  for (const [page, ids] of Object.entries(dismissals))
    if (ids.length > 0) out.dismissals[page] = [...new Set(ids)].sort();
  return out;
}
