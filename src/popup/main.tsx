/**
 * The popup's entry: finds the tab it is about, asks the background what that tab's content
 * script found, and renders it; owns every browser call the view needs (pause, jump, options,
 * showing a hidden dispute again). Paused sites and dismissals live in storage.local
 * (core/browsing.ts), settings in storage.sync.
 * `?tab=ID` names the tab explicitly (used when the popup is opened as a page, as the end-to-end
 * tests do in Firefox, where an action popup opens only on a user gesture).
 */

import bundled from 'virtual:counterclaim/dataset';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { tabStateChanged } from '../background/tab-store';
import { PAUSED_SITES_KEY, readBrowsing, setDismissed, setSitePaused } from '../core/browsing';
import { sendToBackground, sendToTab, type TabState } from '../core/messages';
import { datasetsOn } from '../core/pack-layout';
import { readPacks } from '../core/pack-store';
import type { Dataset, Dispute, Source } from '../core/schema';
import { searchDisputes, searchIndex } from '../core/search';
import { parseSettings, SETTINGS_KEY, type Settings, siteOf } from '../core/settings';
import { readSettings } from '../core/settings-store';
import { browserPackStores } from '../storage/pack-stores';
import type { MessageKey, Translate } from '../ui/i18n';
import { type PageEntry, Popup, type PopupState } from './Popup';
import '../ui/dispute-view.css';
import './popup.css';

const t: Translate = (key: MessageKey, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
const app = document.getElementById('app') as HTMLElement;

type ActiveData = { disputes: Dispute[]; sources: Map<string, Source>; search: Map<Dispute, string> };

/** The bundled pack and every imported one (as read so far) that is switched on, as one list of disputes. */
function activeData(settings: Settings, imported: readonly Dataset[]): ActiveData {
  const packs = datasetsOn(bundled, imported, settings);
  const search = new Map<Dispute, string>();
  for (const pack of packs) for (const [dispute, text] of searchIndex(pack)) search.set(dispute, text);
  return {
    disputes: packs.flatMap((pack) => pack.disputes),
    sources: new Map(packs.flatMap((pack) => pack.sources.map((s) => [s.id, s] as const))),
    search,
  };
}

async function currentTabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^-?\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function pageState(tabState: TabState | null, all: readonly Dispute[]): PopupState {
  // No report: a page the content script does not run on (browser pages, the store, files).
  if (!tabState) return { kind: 'unavailable' };
  const byId = new Map(all.map((d) => [d.id, d] as const));
  // The findings come ordered (about first, by evidence); a dispute from a pack switched off
  // since the page reported is left out.
  const entries: PageEntry[] = tabState.disputes.flatMap((finding) => {
    const dispute = byId.get(finding.id);
    return dispute ? [{ dispute, finding }] : [];
  });
  return {
    kind: 'page',
    about: entries.filter((e) => !e.finding.dismissed && e.finding.relevance === 'about'),
    onRecord: entries.filter((e) => !e.finding.dismissed && e.finding.relevance === 'on-record'),
    dismissed: entries.filter((e) => e.finding.dismissed),
    pageDate: tabState.pageDate,
  };
}

async function main() {
  const tabId = await currentTabId();
  let settings = await readSettings(browser.storage.sync);
  // Imported packs are read only when needed: for a page that found one of their disputes, or a
  // search. Most pages find only bundled ones, and a pack of 20,000 disputes takes 2 s to read.
  let imported: Dataset[] | null = null;
  let data = activeData(settings, []);
  let pausedSites = (await readBrowsing(browser.storage.local)).pausedSites;
  let tabState: TabState | null = null;
  let state: PopupState = { kind: 'loading' };
  let query = '';

  const draw = () => {
    const site = tabState ? siteOf(tabState.url) : null;
    render(
      <Popup
        state={state}
        sources={data.sources}
        hiddenSources={new Set(settings.disabledSources)}
        markWhich={settings.markWhich}
        site={site}
        paused={site !== null && pausedSites.includes(site)}
        query={query}
        results={searchDisputes(data.search, query)}
        t={t}
        onQuery={(next) => {
          query = next;
          if (next.trim() !== '') void withPacks();
          draw();
        }}
        onTogglePause={() => {
          if (site) void setSitePaused(browser.storage.local, site, !pausedSites.includes(site));
        }}
        onUndoDismiss={(id) => {
          if (tabState) void setDismissed(browser.storage.local, tabState.url, id, false);
        }}
        onJump={() => {
          if (tabId === undefined) return;
          void sendToTab(browser.tabs, tabId, { type: 'next-mention' }).catch(() => undefined);
        }}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
      />,
      app,
    );
  };

  let reading: Promise<void> | null = null;
  /** Reads the imported packs, once, and shows what they add. */
  const withPacks = () => {
    reading ??= readPacks(browserPackStores(browser.storage.local)).then(
      (packs) => {
        imported = packs.map((pack) => pack.dataset);
        data = activeData(settings, imported);
        state = pageState(tabState, data.disputes);
        draw();
      },
      // Unreadable: the popup shows what the bundled data has.
      (error: unknown) => console.warn('Counterclaim: the imported packs could not be read', error),
    );
    return reading;
  };

  const refresh = async () => {
    tabState =
      tabId === undefined || tabId < 0
        ? null
        : await sendToBackground(browser.runtime, { type: 'tab-state', tabId }).catch(() => null);
    const known = new Set(data.disputes.map((d) => d.id));
    // A finding not in the bundled pack (or switched off since) is from an imported one.
    if (imported === null && tabState?.disputes.some((finding) => !known.has(finding.id))) await withPacks();
    state = pageState(tabState, data.disputes);
    draw();
    document.body.dataset.ready = 'true';
  };

  // Settings changed (here or in options) or the tab reported anew (pause, resume, page edits).
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && SETTINGS_KEY in changes) {
      settings = parseSettings(changes[SETTINGS_KEY]?.newValue);
      data = activeData(settings, imported ?? []);
      state = pageState(tabState, data.disputes);
      draw();
    }
    if (area === 'local' && PAUSED_SITES_KEY in changes) {
      void readBrowsing(browser.storage.local).then((browsing) => {
        pausedSites = browsing.pausedSites;
        draw();
      });
    }
    if (area === 'session' && tabId !== undefined && tabStateChanged(changes, tabId)) void refresh();
  });

  document.documentElement.lang = browser.i18n.getUILanguage();
  draw();
  await refresh();
}

void main();
