/**
 * The reader's state as the specs set it: synced settings written as the options page writes
 * them, storage.local items (paused sites, dismissals) as the popup and the card do, and all of
 * it back to the defaults after a spec.
 */
import { DISMISSALS_KEY, PAUSED_SITES_KEY } from '../../../src/core/browsing';
import { defaultSettings, SETTINGS_KEY, type Settings } from '../../../src/core/settings';
import type { Harness } from './harness';

export const writeSettings = (harness: Harness, change: Partial<Settings>) =>
  harness.inExtension(
    async (api, arg: { key: string; change: object; defaults: object }) => {
      const stored = (await api.storage.sync.get(arg.key))[arg.key] ?? arg.defaults;
      await api.storage.sync.set({ [arg.key]: { ...stored, ...arg.change } });
    },
    { key: SETTINGS_KEY, change, defaults: defaultSettings() },
  );

export const writeLocal = (harness: Harness, key: string, value: unknown) =>
  harness.inExtension((api, arg: { key: string; value: unknown }) => api.storage.local.set({ [arg.key]: arg.value }), {
    key,
    value,
  });

/** Default settings, no paused site and no dismissal. */
export const resetReaderState = (harness: Harness) =>
  harness.inExtension(
    async (api, arg: { settings: string; local: string[]; defaults: object }) => {
      await api.storage.sync.set({ [arg.settings]: arg.defaults });
      await api.storage.local.remove(arg.local);
    },
    { settings: SETTINGS_KEY, local: [DISMISSALS_KEY, PAUSED_SITES_KEY], defaults: defaultSettings() },
  );
