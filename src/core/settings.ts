/**
 * The reader's settings: small, versioned, kept in storage.sync. Reading always goes through
 * `parseSettings`, which migrates older versions forward and falls back to the defaults for a
 * missing value, so every part of the extension sees the same, current shape.
 */

export const SETTINGS_VERSION = 1;
export const SETTINGS_KEY = 'settings';

export type MarkStyle = 'underline' | 'tint' | 'off';
export type MarkWhich = 'every' | 'first';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Source ids whose statements are hidden. */
  disabledSources: string[];
  /** Data pack ids that are switched off. */
  disabledPacks: string[];
  markStyle: MarkStyle;
  markWhich: MarkWhich;
  /** Hostnames where the extension does nothing. */
  pausedSites: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  disabledSources: [],
  disabledPacks: [],
  markStyle: 'underline',
  markWhich: 'every',
  pausedSites: [],
});

const MARK_STYLES: readonly MarkStyle[] = ['underline', 'tint', 'off'];
const MARK_WHICH: readonly MarkWhich[] = ['every', 'first'];

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : [];

/** The stored value (of any version, or nothing) as current settings. */
export function parseSettings(stored: unknown): Settings {
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
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
    pausedSites: stringList(raw.pausedSites).map((site) => site.toLowerCase()),
  };
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

export function isPaused(settings: Settings, url: string): boolean {
  const site = siteOf(url);
  return site !== null && settings.pausedSites.includes(site);
}
