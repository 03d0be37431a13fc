/**
 * Imported data packs in storage.local. Pure: the options page reads storage, asks
 * the functions here what to write, and writes only when the whole plan is sound.
 *
 * Storage layout (storage.local):
 *   "packs"                 PackMeta[]   the list, in import order; the commit point of a change
 *   "pack-dataset:<id>"     Dataset      the full pack, for the popup, the card and options
 *   "pack-index:<id>"       CompiledIndex  what the content script reads (compileIndex)
 * A pack is on unless its id is in settings.disabledPacks (storage.sync); the bundled pack
 * ("counterclaim") ships with the extension and is never stored here.
 *
 * Rules for an import (planImport), so that one id always means one thing across packs:
 * - the pack id must not be the bundled pack's;
 * - a pack id already installed is replaced when the incoming version is the same or newer,
 *   and refused when it is older (remove the installed pack first to go back);
 * - a dispute id must not be used by any other pack (the background, the popup and the page
 *   findings name disputes by id alone);
 * - a source or entity id may be shared with another pack only when both describe exactly the
 *   same source or entity (disabledSources names sources by id: one switch, one source);
 * - at most MAX_IMPORTED_PACKS packs, MAX_PACK_BYTES per pack as stored, and the whole of
 *   storage.local within LOCAL_QUOTA_BYTES (Chrome's quota without "unlimitedStorage"; Firefox
 *   enforces none, and gets the same limit so that both behave alike).
 */
import { type CompiledIndex, compileIndex, INDEX_VERSION, type PatternTarget, type SignalTarget } from './compile';
import type { PatternSpec } from './matcher';
import type { DisputeDetails } from './messages';
import type { Dataset, Dispute, Entity, Source, SourceKind } from './schema';
import { type Settings, utf8Length } from './settings';
import { SOURCE_KINDS } from './source-kinds';
import type { Problem } from './validate';

export const BUNDLED_PACK_ID = 'counterclaim';
export const PACKS_KEY = 'packs';
export const PACK_DATASET_PREFIX = 'pack-dataset:';
export const PACK_INDEX_PREFIX = 'pack-index:';
export const packDatasetKey = (id: string) => `${PACK_DATASET_PREFIX}${id}`;
export const packIndexKey = (id: string) => `${PACK_INDEX_PREFIX}${id}`;

/** chrome.storage.local.QUOTA_BYTES without the "unlimitedStorage" permission. */
export const LOCAL_QUOTA_BYTES = 10 * 1024 * 1024;
/** One pack as stored (its dataset's JSON). */
export const MAX_PACK_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORTED_PACKS = 20;
export const MAX_DISPUTES_PER_PACK = 1000;

export type PackOrigin = 'pack' | 'claimreview';

export interface PackMeta {
  id: string;
  name: string;
  version: string;
  /** Number of disputes in the pack. */
  disputes: number;
  /** When the pack was imported, as an ISO 8601 string. */
  importedAt: string;
  /** The format of the file it came from. */
  origin: PackOrigin;
}

export interface StoredPack {
  meta: PackMeta;
  dataset: Dataset;
}

/** What to write: `set` in one storage.local.set call, then `remove`. */
export interface StorageChanges {
  set: Record<string, unknown>;
  remove: string[];
}

export type PlanResult =
  | { ok: true; changes: StorageChanges; packs: StoredPack[]; replaced: PackMeta | null }
  | { ok: false; problems: Problem[] };

export interface PlanOptions {
  /** The bundled dataset, which imports must not contradict. */
  bundled: Dataset;
  /** Bytes storage.local holds now (see `localBytes`). */
  bytesInUse: number;
}

// ---------------------------------------------------------------------------------------------
// Reading what is stored

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isPackMeta(value: unknown): value is PackMeta {
  if (!isRecord(value)) return false;
  return (
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.version === 'string' &&
    typeof value.disputes === 'number' &&
    typeof value.importedAt === 'string' &&
    (value.origin === 'pack' || value.origin === 'claimreview')
  );
}

/** The stored pack list; entries that are not pack metadata are skipped. */
export function readPackList(value: unknown): PackMeta[] {
  return Array.isArray(value) ? value.filter(isPackMeta) : [];
}

/** Installed packs from storage.local items (e.g. `storage.local.get(null)`), in list order. */
export function packsFromItems(items: Record<string, unknown>): StoredPack[] {
  const packs: StoredPack[] = [];
  for (const meta of readPackList(items[PACKS_KEY])) {
    const dataset = items[packDatasetKey(meta.id)];
    if (isRecord(dataset) && Array.isArray(dataset.disputes)) packs.push({ meta, dataset: dataset as Dataset });
  }
  return packs;
}

/** Ids of the packs that are on, bundled first, for the content script and the popup. */
export function enabledPackIds(list: readonly PackMeta[], settings: Pick<Settings, 'disabledPacks'>): string[] {
  const off = new Set(settings.disabledPacks);
  return [BUNDLED_PACK_ID, ...list.map((m) => m.id)].filter((id) => !off.has(id));
}

/** Bytes of storage items as the browsers count them (key plus JSON value, UTF-8). */
export function localBytes(items: Record<string, unknown>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(items)) bytes += itemBytes(key, value);
  return bytes;
}

const itemBytes = (key: string, value: unknown) => utf8Length(key) + utf8Length(JSON.stringify(value) ?? '');

/** "840 KB", "2.4 MB": sizes in messages, rounded up so an over-limit size never reads as the limit. */
export function formatSize(bytes: number): string {
  if (bytes < 100 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  const mb = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `${Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

/** The bytes a pack takes in storage.local: its dataset and its index. */
export function packBytes(dataset: Dataset, index: CompiledIndex = compileIndex(dataset)): number {
  return itemBytes(packDatasetKey(dataset.id), dataset) + itemBytes(packIndexKey(dataset.id), index);
}

/** Why a pack is too large to store, or null. */
export function packSizeProblem(dataset: Dataset, at = '(root)'): Problem | null {
  const bytes = utf8Length(JSON.stringify(dataset));
  if (bytes <= MAX_PACK_BYTES) return null;
  return { path: at, message: `the pack is ${formatSize(bytes)}; the limit is ${formatSize(MAX_PACK_BYTES)}` };
}

// ---------------------------------------------------------------------------------------------
// Planning changes

/** -1, 0 or 1 for two x.y.z versions. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Structural equality of JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  const other = Object.keys(b).filter((k) => b[k] !== undefined);
  return keys.length === other.length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

const label = (dataset: Dataset) => `"${dataset.name}" (${dataset.id})`;

/**
 * Ids in `incoming` that another pack uses for something else. `others` are the bundled pack
 * and every installed pack that the import would keep.
 */
export function collisionProblems(incoming: Dataset, others: readonly Dataset[]): Problem[] {
  const problems: Problem[] = [];
  if (incoming.id === BUNDLED_PACK_ID) {
    problems.push({
      path: 'id',
      message: `"${BUNDLED_PACK_ID}" is the id of the bundled data; an imported pack needs another id`,
    });
  }
  const disputes = new Map<string, Dataset>();
  const sources = new Map<string, { item: Source; pack: Dataset }>();
  const entities = new Map<string, { item: Entity; pack: Dataset }>();
  for (const pack of others) {
    for (const d of pack.disputes) if (!disputes.has(d.id)) disputes.set(d.id, pack);
    for (const s of pack.sources) if (!sources.has(s.id)) sources.set(s.id, { item: s, pack });
    for (const e of pack.entities) if (!entities.has(e.id)) entities.set(e.id, { item: e, pack });
  }
  incoming.disputes.forEach((dispute, i) => {
    const pack = disputes.get(dispute.id);
    if (pack) {
      problems.push({
        path: `disputes[${i}].id`,
        message: `"${dispute.id}" is already the id of a dispute in ${label(pack)}; a dispute id may be used by one pack only`,
      });
    }
  });
  incoming.sources.forEach((source, i) => {
    const other = sources.get(source.id);
    if (other && !sameJson(other.item, source)) {
      problems.push({
        path: `sources[${i}]`,
        message: `"${source.id}" is already a source in ${label(other.pack)} with a different name, kind or link; a source id shared between packs must describe the same source`,
      });
    }
  });
  incoming.entities.forEach((entity, i) => {
    const other = entities.get(entity.id);
    if (other && !sameJson(other.item, entity)) {
      problems.push({
        path: `entities[${i}]`,
        message: `"${entity.id}" is already an entity in ${label(other.pack)} with different names or links; an entity id shared between packs must describe the same entity`,
      });
    }
  });
  return problems;
}

function listWith(packs: readonly StoredPack[]): PackMeta[] {
  return packs.map((p) => p.meta);
}

export function metaFor(dataset: Dataset, importedAt: string, origin: PackOrigin): PackMeta {
  return {
    id: dataset.id,
    name: dataset.name,
    version: dataset.version,
    disputes: dataset.disputes.length,
    importedAt,
    origin,
  };
}

function quotaProblem(bytesAfter: number, bytesInUse: number, needed: number): Problem | null {
  if (bytesAfter <= LOCAL_QUOTA_BYTES) return null;
  return {
    path: '(storage)',
    message: `storing this needs ${formatSize(needed)}, and the extension's storage already holds ${formatSize(bytesInUse)}; together that is over the browser's limit of ${formatSize(LOCAL_QUOTA_BYTES)}. Remove a pack first`,
  };
}

/**
 * What to write to install `incoming` (a validated dataset), or why not. `existing` are the
 * installed packs (packsFromItems); `importedAt` is the ISO time to record.
 */
export function planImport(
  existing: readonly StoredPack[],
  incoming: Dataset,
  options: PlanOptions & { importedAt: string; origin: PackOrigin },
): PlanResult {
  const size = packSizeProblem(incoming);
  if (size) return { ok: false, problems: [size] };
  const installed = existing.find((p) => p.meta.id === incoming.id) ?? null;
  if (installed && compareVersions(incoming.version, installed.meta.version) < 0) {
    return {
      ok: false,
      problems: [
        {
          path: 'version',
          message: `this file has version ${incoming.version} of ${label(incoming)}, older than the installed ${installed.meta.version}; remove the installed pack first to go back to an older version`,
        },
      ],
    };
  }
  if (!installed && existing.length >= MAX_IMPORTED_PACKS) {
    return {
      ok: false,
      problems: [
        {
          path: '(storage)',
          message: `${MAX_IMPORTED_PACKS} packs are installed, the most there can be; remove one first`,
        },
      ],
    };
  }
  const kept = existing.filter((p) => p.meta.id !== incoming.id);
  const collisions = collisionProblems(incoming, [options.bundled, ...kept.map((p) => p.dataset)]);
  if (collisions.length > 0) return { ok: false, problems: collisions };

  const meta = metaFor(incoming, options.importedAt, options.origin);
  const pack: StoredPack = { meta, dataset: incoming };
  // A re-import keeps its place in the list.
  const packs = installed ? existing.map((p) => (p === installed ? pack : p)) : [...existing, pack];
  const index = compileIndex(incoming);
  const list = listWith(packs);
  const needed = packBytes(incoming, index) + itemBytes(PACKS_KEY, list);
  const freed = (installed ? packBytes(installed.dataset) : 0) + itemBytes(PACKS_KEY, listWith(existing));
  const quota = quotaProblem(options.bytesInUse - freed + needed, options.bytesInUse, needed);
  if (quota) return { ok: false, problems: [quota] };
  return {
    ok: true,
    changes: {
      set: { [packDatasetKey(incoming.id)]: incoming, [packIndexKey(incoming.id)]: index, [PACKS_KEY]: list },
      remove: [],
    },
    packs,
    replaced: installed?.meta ?? null,
  };
}

/** What to write to remove an installed pack (nothing when it is not installed). */
export function planRemove(existing: readonly StoredPack[], id: string): StorageChanges {
  if (!existing.some((p) => p.meta.id === id)) return { set: {}, remove: [] };
  return {
    set: { [PACKS_KEY]: listWith(existing.filter((p) => p.meta.id !== id)) },
    remove: [packDatasetKey(id), packIndexKey(id)],
  };
}

/**
 * What to write to replace every installed pack with `packs` (restoring an export). Each pack
 * is checked against the bundled data and the packs before it, as if imported in turn.
 */
export function planRestore(
  existing: readonly StoredPack[],
  packs: readonly StoredPack[],
  options: PlanOptions,
): PlanResult {
  const problems: Problem[] = [];
  if (packs.length > MAX_IMPORTED_PACKS) {
    problems.push({
      path: 'packs',
      message: `has ${packs.length} packs; at most ${MAX_IMPORTED_PACKS} can be installed`,
    });
  }
  const accepted: Dataset[] = [];
  packs.forEach((pack, i) => {
    const at = `packs[${i}].dataset`;
    const size = packSizeProblem(pack.dataset, at);
    if (size) problems.push(size);
    if (accepted.some((d) => d.id === pack.dataset.id)) {
      problems.push({ path: `${at}.id`, message: `"${pack.dataset.id}" is the id of an earlier pack in the file` });
      return;
    }
    for (const p of collisionProblems(pack.dataset, [options.bundled, ...accepted])) {
      problems.push({ path: `${at}${p.path.startsWith('[') ? '' : '.'}${p.path}`, message: p.message });
    }
    accepted.push(pack.dataset);
  });
  if (problems.length > 0) return { ok: false, problems };

  const set: Record<string, unknown> = {};
  let needed = 0;
  for (const { dataset } of packs) {
    const index = compileIndex(dataset);
    set[packDatasetKey(dataset.id)] = dataset;
    set[packIndexKey(dataset.id)] = index;
    needed += packBytes(dataset, index);
  }
  const list = listWith(packs);
  set[PACKS_KEY] = list;
  needed += itemBytes(PACKS_KEY, list);
  const keep = new Set(packs.map((p) => p.meta.id));
  const dropped = existing.filter((p) => !keep.has(p.meta.id));
  const freed = existing.reduce((sum, p) => sum + packBytes(p.dataset), 0) + itemBytes(PACKS_KEY, listWith(existing));
  const quota = quotaProblem(options.bytesInUse - freed + needed, options.bytesInUse, needed);
  if (quota) return { ok: false, problems: [quota] };
  return {
    ok: true,
    changes: { set, remove: dropped.flatMap((p) => [packDatasetKey(p.meta.id), packIndexKey(p.meta.id)]) },
    packs: [...packs],
    replaced: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Combining packs for the page, the popup and options

/** Pattern words as the matcher sees them: any whitespace or a hyphen separates two words. */
const words = (text: string) =>
  text
    .normalize('NFC')
    .split(/[\s-]+/u)
    .filter((w) => w.length > 0);

interface MergedPattern {
  spec: PatternSpec;
  words: string[];
  /** Targets each input index contributes, already remapped to merged dispute numbers. */
  from: Map<number, PatternTarget>;
}

const addTarget = (into: PatternTarget, t: PatternTarget) => {
  for (const d of t.disputes) if (!into.disputes.includes(d)) into.disputes.push(d);
  for (const c of t.claims) if (!into.claims.some(([d, i]) => d === c[0] && i === c[1])) into.claims.push(c);
  for (const g of t.signals) if (!into.signals.some(([d]) => d === g[0])) into.signals.push(g);
};

/**
 * One index from several (the bundled index first, then each enabled imported pack), so the
 * content script runs one matcher over one pattern list:
 * - disputes are concatenated, each naming its `pack`; a dispute id seen before is dropped
 *   (planImport refuses such packs; this keeps a stale store from showing one id twice);
 * - patterns that match the same text (same words, same case rule) become one, with the
 *   targets of all;
 * - since the matcher reports only the longest match at a position, a pattern also carries what
 *   another pack would have found there on its own: the targets of that pack's longest pattern
 *   that is a word-wise prefix of it ("Globex" in one pack, "Globex Phones" in another), or the
 *   same words ignoring case ("globex" for "GLOBEX"). Within one pack nothing changes: each
 *   pack finds what it finds alone. A case-sensitive pattern is placed before a case-insensitive
 *   one with the same words, so that it wins where both match.
 * With one index, the result is that index (its disputes named by pack).
 */
export function mergeIndexes(indexes: readonly CompiledIndex[]): CompiledIndex {
  const first = indexes[0];
  const withPack = (index: CompiledIndex) => index.disputes.map((d) => ({ ...d, pack: d.pack ?? index.pack }));
  if (!first) return { version: INDEX_VERSION, pack: BUNDLED_PACK_ID, patterns: [], targets: [], disputes: [] };
  if (indexes.length === 1) return { ...first, disputes: withPack(first) };

  const disputes: CompiledIndex['disputes'] = [];
  const seenIds = new Set<string>();
  const remaps = indexes.map((index) =>
    withPack(index).map((dispute) => {
      if (seenIds.has(dispute.id)) return -1;
      seenIds.add(dispute.id);
      disputes.push(dispute);
      return disputes.length - 1;
    }),
  );

  const merged: MergedPattern[] = [];
  const byKey = new Map<string, MergedPattern>();
  const keyOf = (w: readonly string[], caseSensitive: boolean) =>
    `${caseSensitive ? 'c' : 'i'}:${(caseSensitive ? w : w.map((x) => x.toLowerCase())).join(' ')}`;
  indexes.forEach((index, k) => {
    const remap = remaps[k] as number[];
    index.patterns.forEach((spec, p) => {
      const w = words(spec.text);
      const key = keyOf(w, spec.caseSensitive);
      let m = byKey.get(key);
      if (!m) {
        m = { spec, words: w, from: new Map() };
        byKey.set(key, m);
        merged.push(m);
      }
      const target = index.targets[p] ?? { disputes: [], claims: [], signals: [] };
      const mapped: PatternTarget = {
        disputes: target.disputes.map((d) => remap[d] ?? -1).filter((d) => d >= 0),
        claims: target.claims.map(([d, c]): [number, number] => [remap[d] ?? -1, c]).filter(([d]) => d >= 0),
        signals: target.signals
          .map(([d, kind, s]): SignalTarget => (s === undefined ? [remap[d] ?? -1, kind] : [remap[d] ?? -1, kind, s]))
          .filter(([d]) => d >= 0),
      };
      const own = m.from.get(k);
      if (own) addTarget(own, mapped);
      else m.from.set(k, mapped);
    });
  });

  const targets = merged.map((m) => {
    const target: PatternTarget = { disputes: [], claims: [], signals: [] };
    for (const t of m.from.values()) addTarget(target, t);
    // Longest prefix first: a pack alone would have matched its longest pattern here.
    const served = new Set(m.from.keys());
    for (let n = m.words.length; n >= 1; n--) {
      const prefix = m.words.slice(0, n);
      const candidates = [
        byKey.get(keyOf(prefix, false)),
        m.spec.caseSensitive ? byKey.get(keyOf(prefix, true)) : undefined,
      ];
      for (const q of candidates) {
        if (!q || q === m) continue;
        for (const [k, t] of q.from) {
          if (served.has(k)) continue;
          served.add(k);
          addTarget(target, t);
        }
      }
    }
    return target;
  });

  // Case-sensitive before case-insensitive among patterns with the same words.
  const group = (m: MergedPattern) => m.words.map((w) => w.toLowerCase()).join(' ');
  const firstOfGroup = new Map<string, number>();
  merged.forEach((m, i) => {
    if (!firstOfGroup.has(group(m))) firstOfGroup.set(group(m), i);
  });
  const order = merged
    .map((m, i) => ({ i, g: firstOfGroup.get(group(m)) as number, cs: m.spec.caseSensitive ? 0 : 1 }))
    .sort((a, b) => a.g - b.g || a.cs - b.cs || a.i - b.i)
    .map((x) => x.i);

  return {
    version: INDEX_VERSION,
    pack: first.pack,
    patterns: order.map((i) => (merged[i] as MergedPattern).spec),
    targets: order.map((i) => targets[i] as PatternTarget),
    disputes,
  };
}

export interface SourceSummary {
  source: Source;
  /** Statements (claims and responses) by this source in the given datasets. */
  statements: number;
}

/**
 * Every source of the given datasets (the bundled one and the enabled packs) with its number of
 * statements, ordered by kind (as SOURCE_KINDS lists them), then name. A source id shared by two
 * packs is one source (planImport makes sure both describe it alike).
 */
export function sourceSummaries(datasets: readonly Dataset[]): SourceSummary[] {
  const byId = new Map<string, SourceSummary>();
  for (const dataset of datasets) {
    for (const source of dataset.sources) if (!byId.has(source.id)) byId.set(source.id, { source, statements: 0 });
    for (const dispute of dataset.disputes) {
      for (const claim of dispute.claims) {
        for (const statement of [claim, ...claim.responses]) {
          const summary = byId.get(statement.source);
          if (summary) summary.statements++;
        }
      }
    }
  }
  const kind = (k: SourceKind) => SOURCE_KINDS.indexOf(k);
  return [...byId.values()].sort(
    (a, b) => kind(a.source.kind) - kind(b.source.kind) || a.source.name.localeCompare(b.source.name, 'en'),
  );
}

/** The disputes with the given ids and the sources they cite, from several packs (first wins). */
export function disputeDetails(datasets: readonly Dataset[], ids: readonly string[]): DisputeDetails {
  const wanted = new Set(ids);
  const disputes: Dispute[] = [];
  const seen = new Set<string>();
  for (const dataset of datasets) {
    for (const dispute of dataset.disputes) {
      if (wanted.has(dispute.id) && !seen.has(dispute.id)) {
        seen.add(dispute.id);
        disputes.push(dispute);
      }
    }
  }
  const used = new Set(
    disputes.flatMap((d) =>
      d.claims.flatMap((c) => [
        c.source,
        ...(c.attribution?.alternatives ?? []),
        ...c.responses.flatMap((r) => [r.source, ...(r.attribution?.alternatives ?? [])]),
      ]),
    ),
  );
  const sources: Source[] = [];
  const seenSources = new Set<string>();
  for (const dataset of datasets) {
    for (const source of dataset.sources) {
      if (used.has(source.id) && !seenSources.has(source.id)) {
        seenSources.add(source.id);
        sources.push(source);
      }
    }
  }
  return { disputes, sources };
}
