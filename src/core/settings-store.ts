/**
 * Reading and writing the reader's settings in storage.sync. Every write goes through
 * `writeSettings`, which refuses settings that would not fit in one sync item: a write over the
 * quota would fail in the browser after other state had already changed.
 */
import type { Problem } from './problems';
import { checkSettingsSize, parseSettings, SETTINGS_KEY, type Settings } from './settings';

/** The part of browser.storage.StorageArea used here (webextension-polyfill's areas fit). */
export interface StorageAreaLike {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export async function readSettings(sync: Pick<StorageAreaLike, 'get'>): Promise<Settings> {
  return parseSettings((await sync.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

/** Why these settings cannot be written, or null when they fit. */
export function settingsWriteProblem(settings: Settings): Problem | null {
  const size = checkSettingsSize(settings);
  if (size.ok) return null;
  return { path: ['settings'], code: 'problemSettingsTooLarge', values: [String(size.bytes), String(size.limit)] };
}

/** Writes settings after checking that they fit in one storage.sync item. */
export async function writeSettings(
  sync: Pick<StorageAreaLike, 'set'>,
  settings: Settings,
): Promise<{ ok: true } | { ok: false; problems: Problem[] }> {
  const problem = settingsWriteProblem(settings);
  if (problem) return { ok: false, problems: [problem] };
  await sync.set({ [SETTINGS_KEY]: settings });
  return { ok: true };
}
