/**
 * The reader's settings: small, versioned, kept in storage.sync under one key. Reading always
 * goes through `parseSettings`, which migrates older versions forward (`migrateSettings`) and
 * falls back to the defaults for a missing or unusable value, so every part of the extension
 * sees the same, current shape whatever is stored. An import, by contrast, is checked strictly
 * (`checkSettings`): a bad value there is refused, not repaired (STYLE.md "What not to copy").
 *
 * Versions:
 * - v1: the current field names, `pausedSites` as typed or as the popup wrote them. Every
 *   version wrote `version`; an object without one is read as v1.
 * - v2: `pausedSites` hold site keys exactly as `siteOf` returns them (lowercase, punycode,
 *   no "www.", no port), sorted and unique. A v1 entry such as "www.Example.com" never matched
 *   `isPaused` (which compares `siteOf(url)`); the migration makes it match.
 * - v3: `pausedSites` leave the settings for storage.local (browsing.ts): they reveal where the
 *   reader browses, and only preferences sync. The background moves them on install or update
 *   (`syncedPausedSites` reads them from an older value). `markWhich` gains 'about', the new
 *   default; the old default 'every' becomes 'about', 'first' stays.
 */

import * as v from 'valibot';
import { isRecord, storageItemBytes } from './json-value';
import { formatPath, type Key, type Problem, problemsUnder } from './problems';
import { describe, shapeProblems } from './shape-problems';

export const SETTINGS_VERSION = 3;
export const SETTINGS_KEY = 'settings';

/** storage.sync allows 8,192 bytes per item (key plus JSON value) and 102,400 in all. */
export const SYNC_QUOTA_BYTES_PER_ITEM = 8192;

export type MarkStyle = 'underline' | 'tint' | 'off';
/**
 * Which mentions are marked: those of disputes the page is about (the default), the first
 * mention of every dispute the page names, or every mention of every dispute it names.
 */
export type MarkWhich = 'about' | 'first' | 'every';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Source ids whose statements are hidden. */
  disabledSources: string[];
  /** Data pack ids that are switched off. */
  disabledPacks: string[];
  markStyle: MarkStyle;
  markWhich: MarkWhich;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  disabledSources: [],
  disabledPacks: [],
  markStyle: 'underline',
  markWhich: 'about',
});

/** A fresh, mutable copy of the defaults. */
export const defaultSettings = (): Settings => ({
  ...DEFAULT_SETTINGS,
  disabledSources: [],
  disabledPacks: [],
});

export const MARK_STYLES: readonly MarkStyle[] = ['underline', 'tint', 'off'];
export const MARK_WHICH: readonly MarkWhich[] = ['about', 'first', 'every'];

type Raw = Record<string, unknown>;

/** A stored value of any version brought to v2 (the last version with `pausedSites`). */
function toV2(stored: unknown): Raw {
  let raw: Raw = isRecord(stored) ? stored : {};
  if (raw.version === undefined) raw = { ...raw, version: 1 };
  if (raw.version === 1) raw = fromV1(raw);
  return raw;
}

/**
 * Brings a stored settings object of any version up to the current version's field names and
 * value forms, step by step. Values are carried over as they are (a wrong type stays wrong, for
 * `parseSettings` to replace and `checkSettings` to report); unknown fields are dropped. Anything
 * that is not an object becomes an empty current object (all defaults).
 */
export function migrateSettings(stored: unknown): Raw & { version: typeof SETTINGS_VERSION } {
  let raw = toV2(stored);
  if (raw.version === 2) raw = { ...raw, version: 3, markWhich: raw.markWhich === 'every' ? 'about' : raw.markWhich };
  // v3, or a newer version synced from a newer copy of the extension: keep the fields this
  // version knows, so the reader's choices survive as far as they can.
  return {
    version: SETTINGS_VERSION,
    ...pick(raw, ['disabledSources', 'disabledPacks', 'markStyle', 'markWhich']),
  };
}

/**
 * The paused sites an older (v0–v2) stored settings value holds, as site keys; none for v3.
 * The background moves them to storage.local (browsing.ts) before the settings drop them.
 */
export function syncedPausedSites(stored: unknown): string[] {
  const raw = toV2(stored);
  if (raw.version !== 2) return [];
  const sites = stringList(raw.pausedSites)
    .map(normalizeSite)
    .filter((site): site is string => site !== null);
  return [...new Set(sites)].sort();
}

function fromV1(raw: Raw): Raw {
  const sites = raw.pausedSites;
  if (!Array.isArray(sites)) return { ...raw, version: 2 };
  // Entries that are not strings are kept as they are, for the checks after migration to see.
  const keys = sites.map((site) => (typeof site === 'string' ? (normalizeSite(site) ?? site) : site));
  const strings = keys.filter((k): k is string => typeof k === 'string');
  const others = keys.filter((k) => typeof k !== 'string');
  return { ...raw, version: 2, pausedSites: [...[...new Set(strings)].sort(), ...others] };
}

function pick(raw: Raw, keys: readonly string[]): Raw {
  const out: Raw = {};
  for (const key of keys) if (Object.hasOwn(raw, key)) out[key] = raw[key];
  return out;
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? [...new Set(value.filter((item): item is string => typeof item === 'string'))] : [];

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A list as stored, read leniently: its strings, once each; anything else is the empty list. */
const LenientList = v.fallback(
  v.pipe(
    v.array(v.unknown()),
    v.transform((items) => [...new Set(items.filter((item): item is string => typeof item === 'string'))]),
  ),
  [],
);

/** How every part of the extension reads stored settings: a value it cannot use is the default. */
const LenientSettingsSchema = v.object({
  disabledSources: LenientList,
  disabledPacks: LenientList,
  markStyle: v.fallback(v.picklist(MARK_STYLES), DEFAULT_SETTINGS.markStyle),
  markWhich: v.fallback(v.picklist(MARK_WHICH), DEFAULT_SETTINGS.markWhich),
});

/** The stored value (of any version, or nothing, or garbage) as current settings. */
export function parseSettings(stored: unknown): Settings {
  return { version: SETTINGS_VERSION, ...v.parse(LenientSettingsSchema, migrateSettings(stored)) };
}

const IdSchema = v.pipe(v.string(), v.regex(ID, 'problemNotIdShort'));
const SiteSchema = v.pipe(
  v.string(),
  v.check((site) => normalizeSite(site) !== null, 'problemNotSite'),
);

/**
 * How an import reads settings (after migration): every value must be usable as it is. Paused
 * sites appear only in a value older than v3; an import moves them to storage.local.
 */
const StrictSettingsSchema = v.object({
  disabledSources: v.optional(v.array(IdSchema)),
  disabledPacks: v.optional(v.array(IdSchema)),
  pausedSites: v.optional(v.array(SiteSchema)),
  markStyle: v.optional(v.picklist(MARK_STYLES, 'problemNotOneOf')),
  markWhich: v.optional(v.picklist(MARK_WHICH, 'problemNotOneOf')),
});

/** Entries that repeat an earlier one in the same list. */
function repeats(value: Record<string, unknown>, keys: readonly string[], at: readonly Key[]): Problem[] {
  const problems: Problem[] = [];
  for (const key of keys) {
    const list = value[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const first = list.indexOf(item);
      if (first < i)
        problems.push({
          path: [key, i],
          code: 'problemRepeats',
          values: [JSON.stringify(item), formatPath([...at, key, first])],
        });
    });
  }
  return problems;
}

/**
 * Strict reading for imports: migrates, then reports every value that `parseSettings` would
 * have to replace, with its path under `at` (e.g. ["settings", "markStyle"]).
 */
export function checkSettings(
  value: unknown,
  at: Key[] = ['settings'],
): { ok: true; settings: Settings } | { ok: false; problems: Problem[] } {
  if (!isRecord(value))
    return { ok: false, problems: [{ path: at, code: 'problemMustBeObject', values: [describe(value)] }] };
  if (typeof value.version === 'number' && value.version > SETTINGS_VERSION) {
    const values = [String(value.version), String(SETTINGS_VERSION)];
    return { ok: false, problems: [{ path: [...at, 'version'], code: 'problemSettingsNewer', values }] };
  }
  const old = toV2(value);
  const migrated = { ...migrateSettings(value), ...(old.version === 2 ? pick(old, ['pausedSites']) : {}) };
  const parsed = v.safeParse(StrictSettingsSchema, migrated, { abortEarly: false });
  const problems = [
    ...(parsed.success ? [] : shapeProblems(StrictSettingsSchema, parsed.issues)),
    ...repeats(migrated, ['disabledSources', 'disabledPacks', 'pausedSites'], at),
  ];
  if (problems.length > 0) return { ok: false, problems: problemsUnder(at, problems) };
  return { ok: true, settings: parseSettings(migrated) };
}

export type SizeCheck = { ok: true; bytes: number } | { ok: false; bytes: number; limit: number };

/** Whether the settings fit in one storage.sync item; checked before every write. */
export function checkSettingsSize(settings: Settings): SizeCheck {
  const bytes = storageItemBytes(SETTINGS_KEY, settings);
  if (bytes <= SYNC_QUOTA_BYTES_PER_ITEM) return { ok: true, bytes };
  return { ok: false, bytes, limit: SYNC_QUOTA_BYTES_PER_ITEM };
}

/** The site key used for pausing: the hostname without a leading "www.". */
export function siteOf(url: string): string | null {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return null;
    return hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** A site as typed or stored ("www.Example.com", "https://example.com/a") as its site key. */
export function normalizeSite(entry: string): string | null {
  const text = entry.trim();
  if (text === '' || /\s/.test(text)) return null;
  const site = siteOf(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  return site ? site.replace(/\.$/, '') || null : null;
}
