/**
 * After an update, the switches the reader set for sources and packs that exist no more (the
 * bundled data renamed or dropped them, or a pack is gone) are dropped; every other switch stays.
 * A switch for an id nobody knows would otherwise sit in the synced settings for ever, and switch
 * off a future source that happens to take the id.
 */
import type { Dataset } from './schema';
import type { Settings } from './settings';

export function pruneSwitches(settings: Settings, bundled: Dataset, imported: readonly Dataset[]): Settings {
  const sources = new Set([bundled, ...imported].flatMap((dataset) => dataset.sources.map((source) => source.id)));
  const packs = new Set([bundled, ...imported].map((dataset) => dataset.id));
  return {
    ...settings,
    disabledSources: settings.disabledSources.filter((id) => sources.has(id)),
    disabledPacks: settings.disabledPacks.filter((id) => packs.has(id)),
  };
}
