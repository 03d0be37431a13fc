/**
 * The popup's entry: finds the tab it is about, asks the background what that tab's content
 * script found, and renders it. `?tab=ID` names the tab explicitly (used when the popup is
 * opened as a page, as the end-to-end tests do in Firefox).
 */

import dataset from 'virtual:counterclaim/dataset';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { BackgroundReply, ToBackground } from '../core/messages';
import { parseSettings, SETTINGS_KEY } from '../core/settings';
import type { MessageKey, Translate } from '../ui/i18n';
import { Popup, type PopupState } from './Popup';
import '../ui/dispute-view.css';
import './popup.css';

const t: Translate = (key: MessageKey, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
const send = <M extends ToBackground>(message: M) =>
  browser.runtime.sendMessage(message) as Promise<BackgroundReply<M>>;

async function currentTabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function load(): Promise<PopupState> {
  const tabId = await currentTabId();
  if (tabId === undefined) return { kind: 'unavailable' };
  const tabState = await send({ type: 'tab-state', tabId });
  if (!tabState) return { kind: 'page', disputes: [], mentions: {} };
  const found = new Set(tabState.disputes);
  // Most-mentioned first: the dispute whose own products and claims the page names leads.
  const weight = (id: string) => Object.values(tabState.mentions[id] ?? {}).reduce((sum, n) => sum + n, 0);
  const disputes = dataset.disputes.filter((d) => found.has(d.id)).sort((a, b) => weight(b.id) - weight(a.id));
  return { kind: 'page', disputes, mentions: tabState.mentions };
}

const app = document.getElementById('app') as HTMLElement;
const sources = new Map(dataset.sources.map((s) => [s.id, s]));
document.documentElement.lang = browser.i18n.getUILanguage();

async function main() {
  const settings = parseSettings((await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]);
  const hidden = new Set(settings.disabledSources);
  render(<Popup state={{ kind: 'loading' }} sources={sources} hiddenSources={hidden} t={t} />, app);
  const state = await load().catch((): PopupState => ({ kind: 'unavailable' }));
  render(<Popup state={state} sources={sources} hiddenSources={hidden} t={t} />, app);
  document.body.dataset.ready = 'true';
}

void main();
