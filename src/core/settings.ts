/**
 * The reader's settings: small, versioned, kept in storage.sync under one key. Reading always
 * goes through `parseSettings`, which migrates older versions forward (`migrateSettings`) and
 * falls back to the defaults for a missing or unusable value, so every part of the extension
 * sees the same, current shape whatever is stored. An import, by contrast, is checked strictly
 * (`checkSettings`): a bad value there is refused, not repaired (STYLE.md "What not to copy").
 *
 * Versions:
 * - v0, before settings were versioned: `{ hiddenSources, style: 'underline' | 'highlight' |
 *   'none', firstOnly, paused }`, no `version` key.
 * - v1: the current field names, `pausedSites` as typed or as the popup wrote them.
 * - v2: `pausedSites` hold site keys exactly as `siteOf` returns them (lowercase, punycode,
 *   no "www.", no port), sorted and unique. A v1 entry such as "www.Example.com" never matched
 *   `isPaused` (which compares `siteOf(url)`); the migration makes it match.
 * - v3: `pausedSites` leave the settings for storage.local (browsing.ts): they reveal where the
 *   reader browses, and only preferences sync. The background moves them on install or update
 *   (`syncedPausedSites` reads them from an older value). `markWhich` gains 'about', the new
 *   default; the old default 'every' becomes 'about', 'first' stays.
 */
import type { Problem } from './validate';

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

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored value of any version brought to v2 (the last version with `pausedSites`). */
function toV2(stored: unknown): Raw {
  let raw: Raw = isRecord(stored) ? stored : {};
  const version = raw.version;
  const unversioned = version === undefined || version === 0;
  if (unversioned && isV0(raw)) raw = fromV0(raw);
  else if (unversioned) raw = { ...raw, version: 1 };
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

function isV0(raw: Raw): boolean {
  return ['hiddenSources', 'style', 'firstOnly', 'paused'].some((key) => Object.hasOwn(raw, key));
}

const V0_STYLES: Record<string, MarkStyle> = { underline: 'underline', highlight: 'tint', none: 'off' };

function fromV0(raw: Raw): Raw {
  return {
    version: 1,
    disabledSources: raw.hiddenSources,
    disabledPacks: [],
    markStyle: typeof raw.style === 'string' && Object.hasOwn(V0_STYLES, raw.style) ? V0_STYLES[raw.style] : raw.style,
    markWhich: raw.firstOnly === true ? 'first' : raw.firstOnly === false ? 'every' : raw.firstOnly,
    pausedSites: raw.paused,
  };
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
  Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : [];

/** The stored value (of any version, or nothing, or garbage) as current settings. */
export function parseSettings(stored: unknown): Settings {
  const raw = migrateSettings(stored);
  return {
    version: SETTINGS_VERSION,
    disabledSources: stringList(raw.disabledSources),
    disabledPacks: stringList(raw.disabledPacks),
    markStyle: MARK_STYLES.includes(raw.markStyle as MarkStyle)
      ? (raw.markStyle as MarkStyle)
      : DEFAULT_SETTINGS.markStyle,
    markWhich: MARK_WHICH.includes(raw.markWhich as MarkWhich)
      ? (raw.markWhich as MarkWhich)
      : DEFAULT_SETTINGS.markWhich,
  };
}

/**
 * Strict reading for imports: migrates, then reports every value that `parseSettings` would
 * have to replace, with its path under `at` (e.g. "settings.markStyle").
 */
export function checkSettings(
  value: unknown,
  at = 'settings',
): { ok: true; settings: Settings } | { ok: false; problems: Problem[] } {
  if (!isRecord(value)) return { ok: false, problems: [{ path: at, message: 'must be an object' }] };
  const problems: Problem[] = [];
  if (typeof value.version === 'number' && value.version > SETTINGS_VERSION) {
    problems.push({
      path: `${at}.version`,
      message: `is ${value.version}: the settings come from a newer version of Counterclaim (this one reads up to ${SETTINGS_VERSION})`,
    });
    return { ok: false, problems };
  }
  const raw = migrateSettings(value);
  // Paused sites of an older value are checked as well: an import moves them to storage.local.
  const old = toV2(value);
  const lists = ['disabledSources', 'disabledPacks', 'pausedSites'] as const;
  for (const key of lists) {
    const list = key === 'pausedSites' ? (old.version === 2 ? old.pausedSites : undefined) : raw[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push({ path: `${at}.${key}`, message: 'must be a list of strings' });
      continue;
    }
    list.forEach((item, i) => {
      const path = `${at}.${key}[${i}]`;
      if (typeof item !== 'string') problems.push({ path, message: 'must be a string' });
      else if (key === 'pausedSites' && normalizeSite(item) === null)
        problems.push({ path, message: `${JSON.stringify(item)} is not a site name` });
      else if (key !== 'pausedSites' && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(item))
        problems.push({ path, message: `${JSON.stringify(item)} is not an id` });
      else if (list.indexOf(item) < i)
        problems.push({ path, message: `${JSON.stringify(item)} repeats ${at}.${key}[${list.indexOf(item)}]` });
    });
  }
  if (raw.markStyle !== undefined && !MARK_STYLES.includes(raw.markStyle as MarkStyle))
    problems.push({ path: `${at}.markStyle`, message: `is not one of ${MARK_STYLES.join(', ')}` });
  if (raw.markWhich !== undefined && !MARK_WHICH.includes(raw.markWhich as MarkWhich))
    problems.push({ path: `${at}.markWhich`, message: `is not one of ${MARK_WHICH.join(', ')}` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: parseSettings(raw) };
}

/** Bytes as the browsers count them against the sync quota: the key plus the JSON value. */
export function syncItemBytes(key: string, value: unknown): number {
  return utf8Length(key) + utf8Length(JSON.stringify(value) ?? '');
}

export type SizeCheck = { ok: true; bytes: number } | { ok: false; bytes: number; limit: number; message: string };

/** Whether the settings fit in one storage.sync item; checked before every write. */
export function checkSettingsSize(settings: Settings): SizeCheck {
  const bytes = syncItemBytes(SETTINGS_KEY, settings);
  if (bytes <= SYNC_QUOTA_BYTES_PER_ITEM) return { ok: true, bytes };
  return {
    ok: false,
    bytes,
    limit: SYNC_QUOTA_BYTES_PER_ITEM,
    message: `the settings take ${bytes} bytes; browser sync storage holds at most ${SYNC_QUOTA_BYTES_PER_ITEM} per item`,
  };
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
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
