/**
 * What the reader's use of the extension reveals about their browsing, kept in storage.local
 * only (it never syncs; only preferences do, in settings.ts):
 * - PAUSED_SITES_KEY: site keys (settings.ts `siteOf`) where the extension does nothing;
 * - DISMISSALS_KEY: per page, the disputes the reader said do not apply there, keyed by the
 *   page's URL without query and fragment (`pageKeyOf`), so tracking parameters do not undo them.
 * Pure helpers plus small read/write functions over a storage area passed in (the popup and the
 * options page call `readBrowsing`, `setSitePaused`, `setDismissed`).
 */
import { isRecord } from './json-value';
import { normalizeSite, siteOf } from './settings';

export const PAUSED_SITES_KEY = 'pausedSites';
export const DISMISSALS_KEY = 'dismissals';

/** Page key → ids of the disputes dismissed on that page. */
export type Dismissals = Record<string, string[]>;

export interface BrowsingState {
  pausedSites: string[];
  dismissals: Dismissals;
}

export interface LocalArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** "https://host/path" for a web page's URL (no query, no fragment); null for other URLs. */
export function pageKeyOf(url: string): string | null {
  try {
    const { protocol, host, pathname } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return null;
    return `${protocol}//${host}${pathname}`;
  } catch {
    return null;
  }
}

/** A stored paused-sites value (or anything) as sorted, unique site keys. */
export function parsePausedSites(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const sites = value
    .filter((s): s is string => typeof s === 'string')
    .map(normalizeSite)
    .filter((s): s is string => s !== null);
  return [...new Set(sites)].sort();
}

/** A stored dismissals value (or anything) with every unusable entry dropped. */
export function parseDismissals(value: unknown): Dismissals {
  const out: Dismissals = {};
  if (!isRecord(value)) return out;
  for (const [page, ids] of Object.entries(value)) {
    if (pageKeyOf(page) !== page || !Array.isArray(ids)) continue;
    const list = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))].sort();
    if (list.length > 0) out[page] = list;
  }
  return out;
}

export function isPaused(pausedSites: readonly string[], url: string): boolean {
  const site = siteOf(url);
  return site !== null && pausedSites.includes(site);
}

/** Ids of the disputes dismissed on the page at `url`. */
export function dismissedOn(dismissals: Dismissals, url: string): Set<string> {
  const key = pageKeyOf(url);
  return new Set(key === null ? [] : (dismissals[key] ?? []));
}

/** The dismissals with dispute `id` dismissed (or not) on the page at `url`. */
export function withDismissal(dismissals: Dismissals, url: string, id: string, dismissed: boolean): Dismissals {
  const key = pageKeyOf(url);
  if (key === null) return dismissals;
  const ids = new Set(dismissals[key] ?? []);
  if (dismissed) ids.add(id);
  else ids.delete(id);
  const next = { ...dismissals };
  if (ids.size > 0) next[key] = [...ids].sort();
  else delete next[key];
  return next;
}

/** The paused sites with `site` (a site key or anything normalizeSite reads) paused or not. */
export function withSitePaused(pausedSites: readonly string[], site: string, paused: boolean): string[] {
  const key = normalizeSite(site);
  if (key === null) return [...pausedSites];
  const rest = pausedSites.filter((s) => s !== key);
  return paused ? [...rest, key].sort() : rest;
}

export async function readBrowsing(area: Pick<LocalArea, 'get'>): Promise<BrowsingState> {
  const stored = await area.get([PAUSED_SITES_KEY, DISMISSALS_KEY]);
  return {
    pausedSites: parsePausedSites(stored[PAUSED_SITES_KEY]),
    dismissals: parseDismissals(stored[DISMISSALS_KEY]),
  };
}

export async function setSitePaused(area: LocalArea, site: string, paused: boolean): Promise<void> {
  const { pausedSites } = await readBrowsing(area);
  await area.set({ [PAUSED_SITES_KEY]: withSitePaused(pausedSites, site, paused) });
}

/** Dismisses dispute `id` on the page at `url` ("Doesn't apply here"), or undoes it. */
export async function setDismissed(area: LocalArea, url: string, id: string, dismissed: boolean): Promise<void> {
  const { dismissals } = await readBrowsing(area);
  await area.set({ [DISMISSALS_KEY]: withDismissal(dismissals, url, id, dismissed) });
}

/** Adds paused sites found elsewhere (old synced settings) to the stored ones. */
export async function addPausedSites(area: LocalArea, sites: readonly string[]): Promise<void> {
  if (sites.length === 0) return;
  const { pausedSites } = await readBrowsing(area);
  await area.set({ [PAUSED_SITES_KEY]: parsePausedSites([...pausedSites, ...sites]) });
}
