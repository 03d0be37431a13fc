import { describe, expect, it } from 'vitest';
import { english } from '../../src/cli/english';
import { utf8Length } from '../../src/core/json-value';
import {
  checkSettings,
  checkSettingsSize,
  DEFAULT_SETTINGS,
  defaultSettings,
  migrateSettings,
  normalizeSite,
  parseSettings,
  SETTINGS_VERSION,
  type Settings,
  SYNC_QUOTA_BYTES_PER_ITEM,
  syncedPausedSites,
} from '../../src/core/settings';
import { writeSettings } from '../../src/core/settings-store';
import { problemLines } from '../../src/ui/problem-text';
import { FakeStorage } from './support/fake-storage';

const current: Settings = {
  version: 3,
  disabledSources: ['escan'],
  disabledPacks: ['claimreview-example-checks-87327c'],
  markStyle: 'tint',
  markWhich: 'first',
};

const v2 = { ...current, version: 2, pausedSites: ['example.com', 'news.example.org'] };

describe('migrateSettings', () => {
  it('reads nothing stored as the current defaults, marking what the page is about', () => {
    expect(parseSettings(undefined)).toEqual({ ...DEFAULT_SETTINGS, version: SETTINGS_VERSION });
    expect(parseSettings(undefined).markWhich).toBe('about');
  });

  it('upgrades v2: paused sites leave the synced settings, the old default "every" becomes "about"', () => {
    expect(migrateSettings({ ...v2, markWhich: 'every' })).toEqual({ ...current, markWhich: 'about' });
    expect(migrateSettings(v2)).toEqual(current); // "first" stays
    expect(syncedPausedSites(v2)).toEqual(['example.com', 'news.example.org']);
    expect(syncedPausedSites(current)).toEqual([]);
    expect(syncedPausedSites(undefined)).toEqual([]);
  });

  it('upgrades v1: paused sites become site keys, sorted and unique', () => {
    const v1 = {
      version: 1,
      disabledSources: ['escan', 'xiaomi'],
      disabledPacks: [],
      markStyle: 'off',
      markWhich: 'first',
      pausedSites: ['www.Example.com', 'https://news.example.org/a/b', 'example.com', 'B.example'],
    };
    expect(migrateSettings(v1)).toEqual({
      version: 3,
      disabledSources: ['escan', 'xiaomi'],
      disabledPacks: [],
      markStyle: 'off',
      markWhich: 'first',
    });
    // A v1 "www." entry never matched before; moved to storage.local, it does.
    expect(syncedPausedSites(v1)).toEqual(['b.example', 'example.com', 'news.example.org']);
  });

  it('leaves v3 as it is, "every" included', () => {
    expect(parseSettings({ ...current, markWhich: 'every' }).markWhich).toBe('every');
    expect(migrateSettings(current)).toEqual(current);
    expect(parseSettings(current)).toEqual(current);
  });

  it('keeps what it knows of a newer version', () => {
    expect(parseSettings({ ...current, version: 7, futureField: true })).toEqual(current);
  });

  it('treats an unversioned object in the current field names as v1', () => {
    expect(parseSettings({ markStyle: 'tint', pausedSites: ['www.a.example'] })).toEqual({
      ...defaultSettings(),
      markStyle: 'tint',
    });
    expect(syncedPausedSites({ markStyle: 'tint', pausedSites: ['www.a.example'] })).toEqual(['a.example']);
  });
});

describe('parseSettings', () => {
  it.each([undefined, null, 42, 'settings', [], true])('accepts %j as the defaults', (value) => {
    expect(parseSettings(value)).toEqual(DEFAULT_SETTINGS);
  });

  it('replaces values of the wrong type', () => {
    expect(
      parseSettings({
        version: 3,
        disabledSources: 'escan',
        disabledPacks: [1, 'a', 'a'],
        markStyle: 'sparkle',
        markWhich: null,
      }),
    ).toEqual({ ...defaultSettings(), disabledPacks: ['a'] });
    expect(syncedPausedSites({ version: 2, pausedSites: ['not a site', 7, 'ok.example'] })).toEqual(['ok.example']);
  });

  it('gives a fresh copy of the defaults', () => {
    const a = defaultSettings();
    a.disabledSources.push('escan');
    expect(defaultSettings().disabledSources).toEqual([]);
  });
});

describe('checkSettings (strict, for imports)', () => {
  it('accepts current and older settings', () => {
    expect(checkSettings(current)).toEqual({ ok: true, settings: current });
    expect(checkSettings(v2)).toEqual({ ok: true, settings: current });
    expect(checkSettings({ version: 1, markStyle: 'tint', pausedSites: ['www.example.com'] })).toEqual({
      ok: true,
      settings: { ...defaultSettings(), markStyle: 'tint' },
    });
  });

  it('reports every bad value with its path', () => {
    const result = checkSettings({
      version: 2,
      disabledSources: ['escan', 'escan', 'Bad Id'],
      disabledPacks: 'all',
      markStyle: 'sparkle',
      markWhich: 'first',
      pausedSites: ['example.com', 'not a site', 3],
    });
    expect(result.ok ? [] : problemLines(english, result.problems)).toEqual([
      `settings.disabledSources[2]: "Bad Id" is not an id`,
      `settings.disabledPacks: must be an array, not a string ("all")`,
      `settings.pausedSites[1]: "not a site" is not a site name`,
      `settings.pausedSites[2]: must be a string, not a number (3)`,
      `settings.markStyle: "sparkle" is not one of underline, tint, off`,
      `settings.disabledSources[1]: "escan" repeats settings.disabledSources[0]`,
    ]);
  });

  it('refuses settings from a newer version', () => {
    const result = checkSettings({ ...current, version: 4 });
    expect(result.ok ? [] : problemLines(english, result.problems)).toEqual([
      'settings.version: is 4: the settings come from a newer version of Counterclaim (this one reads up to 3)',
    ]);
  });
});

describe('size', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });

  it('accepts ordinary settings and refuses ones over the sync item quota', () => {
    expect(checkSettingsSize(current).ok).toBe(true);
    const huge = { ...current, disabledSources: Array.from({ length: 800 }, (_, i) => `source-${i}`) };
    const result = checkSettingsSize(huge);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ ok: false, limit: SYNC_QUOTA_BYTES_PER_ITEM });
    expect(!result.ok && result.bytes).toBeGreaterThan(SYNC_QUOTA_BYTES_PER_ITEM);
  });

  it('refuses to write settings over the quota, saying the sizes, and writes nothing', async () => {
    const sync = new FakeStorage();
    const huge = { ...current, disabledSources: Array.from({ length: 800 }, (_, i) => `source-${i}`) };
    const written = await writeSettings(sync, huge);
    expect(written.ok ? [] : problemLines(english, written.problems)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^settings: the settings take \\d+ bytes; browser sync storage holds at most ${SYNC_QUOTA_BYTES_PER_ITEM} per item$`,
        ),
      ),
    ]);
    expect(sync.writes).toBe(0);
  });
});

describe('sites', () => {
  it.each([
    ['example.com', 'example.com'],
    ['WWW.Example.COM', 'example.com'],
    ['https://www.example.com:8443/path?q', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['example.com.', 'example.com'],
  ])('%s → %s', (entry, site) => {
    expect(normalizeSite(entry)).toBe(site);
  });

  it.each(['', 'two words', 'ftp://example.com', 'https://'])('%j is not a site', (entry) => {
    expect(normalizeSite(entry)).toBeNull();
  });
});
