/**
 * Corrupted or foreign-shaped stored values are reset to what the extension reads them as (the
 * defaults where nothing is readable), with a problem each for the options page's notice; sound
 * values, and settings synced from a newer version, are left alone.
 */
import { describe, expect, it } from 'vitest';
import { english } from '../../src/cli/english';
import { defaultSettings, SETTINGS_KEY, SETTINGS_VERSION } from '../../src/core/settings';
import { resetUnreadable } from '../../src/core/stored-reset';
import { problemLines } from '../../src/ui/problem-text';
import { FakeStorage } from './support/fake-storage';

describe('stored values that cannot be read', () => {
  it('are reset, settings to their readable part, with a line for each problem', async () => {
    const sync = new FakeStorage({ [SETTINGS_KEY]: { version: 3, disabledSources: 'escan', markStyle: 42 } });
    const local = new FakeStorage({ pausedSites: 'everything', dismissals: ['x'] });
    const lines = problemLines(english, await resetUnreadable(sync, local));
    expect(lines).toEqual([
      'settings.disabledSources: must be an array, not a string ("escan")',
      'settings.markStyle: 42 is not one of underline, tint, off',
      'pausedSites: must be an array, not a string ("everything")',
      'dismissals: must be an object, not an array',
    ]);
    expect((await sync.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(defaultSettings());
    expect(await local.get(null)).toEqual({ pausedSites: [], dismissals: {} });
  });

  it('a value of another shape altogether becomes the defaults', async () => {
    const sync = new FakeStorage({ [SETTINGS_KEY]: 'not settings' });
    const lines = problemLines(english, await resetUnreadable(sync, new FakeStorage()));
    expect(lines).toEqual(['settings: must be an object, not a string ("not settings")']);
    expect((await sync.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(defaultSettings());
  });

  it('leaves sound values, missing values and newer settings alone, writing nothing', async () => {
    const settings = { ...defaultSettings(), disabledSources: ['escan'], markStyle: 'tint' };
    for (const stored of [settings, { ...settings, version: SETTINGS_VERSION + 1, future: true }]) {
      const sync = new FakeStorage({ [SETTINGS_KEY]: stored });
      const local = new FakeStorage({ pausedSites: ['example.com'], dismissals: {} });
      expect(await resetUnreadable(sync, local)).toEqual([]);
      expect(sync.writes + local.writes).toBe(0);
    }
    const empty = new FakeStorage();
    expect(await resetUnreadable(empty, empty)).toEqual([]);
    expect(empty.writes).toBe(0);
  });
});
