/**
 * The background (Chrome: service worker; Firefox: event page). Keeps what each tab's content
 * script found, shows the number of disputes as the tab's badge, answers the popup and the
 * card, and forwards the keyboard command. Every message's sender is checked first (design,
 * non-negotiable 4).
 */

import dataset from 'virtual:counterclaim/dataset';
import bundledIndex from 'virtual:counterclaim/index';
import browser from 'webextension-polyfill';
import { badgeFor } from '../core/badge';
import { DISMISSALS_KEY, isPaused, PAUSED_SITES_KEY, readBrowsing } from '../core/browsing';
import { disputeDetails } from '../core/dispute-details';
import { isStringList } from '../core/json-value';
import {
  type BackgroundReplies,
  dispatch,
  type Handlers,
  isSurveyMessage,
  isToBackground,
  type PageFindings,
  readFindingsReport,
  sendToTab,
  type TabState,
  type ToBackground,
} from '../core/messages';
import { PACKS_KEY } from '../core/pack-layout';
import { readPacks } from '../core/pack-store';
import { PACK_FILTER_KEY } from '../core/prefilter';
import { SETTINGS_KEY } from '../core/settings';
import { INJECTED_FILES, isStage, STAGE_FILES } from '../core/stages';
import { browserPackStores } from '../storage/pack-stores';
import { runFile } from './inject';
import { PackIndexes } from './pack-index';
import { PackPatterns } from './pack-patterns';
import { checkOpenTabs, checkPacksIn } from './packs-script';
import { PageIndexes } from './page-indexes';
import { type Surveyed, Surveys } from './surveys';
import { TabStore } from './tab-store';
import { upgradeStoredState } from './upgrade';

const tabs = new TabStore(browser.storage.session);
const packStores = browserPackStores(browser.storage.local);
const packPatterns = new PackPatterns(browser.storage.local);
const packIndexes = new PackIndexes(browser.storage.local, packPatterns);
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (PACKS_KEY in changes || PACK_FILTER_KEY in changes) packPatterns.forget();
  if (PACKS_KEY in changes) packIndexes.forget();
  // Open pages learn of new packs at once, so one naming only a new pack's vendor is marked
  // without a reload (a page already in its full stage restarts by itself on the change).
  if (PACKS_KEY in changes) void checkOpenTabs(packPatterns);
});

async function showBadge(tabId: number, state: TabState | null): Promise<void> {
  const badge = badgeFor(state && !state.paused ? state.disputes : null);
  const title =
    badge.title.length > 0
      ? badge.title.map(({ key, count }) => browser.i18n.getMessage(key, String(count))).join('; ')
      : browser.i18n.getMessage('actionTitle');
  try {
    await browser.action.setBadgeText({ tabId, text: badge.text });
    if (badge.color) await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
    await browser.action.setTitle({ tabId, title });
  } catch {
    // The tab closed meanwhile: nothing to show.
  }
}

async function clearTab(tabId: number): Promise<void> {
  await tabs.delete(tabId);
  await showBadge(tabId, null);
}

/**
 * Keeps a tab's findings and shows its badge. A survey's verdict comes with whether the site is
 * paused, read with the rest of what judged it.
 */
async function store(tabId: number, url: string, findings: PageFindings, surveyed?: Surveyed): Promise<TabState> {
  const paused = surveyed?.paused ?? isPaused((await readBrowsing(browser.storage.local)).pausedSites, url);
  const state: TabState = {
    disputes: findings.disputes,
    pageDate: findings.pageDate,
    url,
    paused,
    ...(surveyed ? { survey: surveyed.survey } : {}),
  };
  await tabs.set(tabId, state);
  await showBadge(tabId, state);
  return state;
}

const surveys = new Surveys({
  tabs,
  store,
  sync: browser.storage.sync,
  local: browser.storage.local,
  indexes: new PageIndexes(bundledIndex, { exist: () => packPatterns.exist(), indexes: packIndexes }),
  run: runFile,
  ask: (tabId) => sendToTab(browser.tabs, tabId, { type: 'findings-request' }),
  clear: clearTab,
});
// What decides a surveyed page's findings and marks changed: judge those pages again.
browser.storage.onChanged.addListener((changes, area) => {
  const judging = area === 'sync' ? [SETTINGS_KEY] : area === 'local' ? [PAUSED_SITES_KEY, DISMISSALS_KEY] : [];
  if (judging.some((key) => key in changes)) void surveys.judgeAgain();
  // A page judged with the packs' slices is surveyed again with the new packs.
  if (area === 'local' && PACKS_KEY in changes) void surveys.packsChanged();
});

/**
 * The address of the page a message comes from: the one it states, when it is on the sender's
 * origin (a single-page app's history navigation changes the address but not the sender's
 * `url`, which stays the document's first), else the sender's.
 */
function pageUrl(sender: browser.Runtime.MessageSender, stated: string): string {
  if (!sender.url) return stated;
  try {
    return new URL(stated).origin === new URL(sender.url).origin ? stated : sender.url;
  } catch {
    return sender.url;
  }
}

const extensionOrigin = browser.runtime.getURL('');
const fromExtensionPage = (sender: browser.Runtime.MessageSender) => sender.url?.startsWith(extensionOrigin) === true;
const fromTopFrame = (sender: browser.Runtime.MessageSender) => sender.tab?.id !== undefined && sender.frameId === 0;

/** Who may send each message. A missing entry fails `tsc`. */
const allowed: { [T in ToBackground['type']]: (sender: browser.Runtime.MessageSender) => boolean } = {
  findings: fromTopFrame,
  'tab-state': fromExtensionPage,
  'dispute-details': (sender) => fromExtensionPage(sender) || fromTopFrame(sender),
  'load-stage': fromTopFrame,
  'pack-patterns': fromTopFrame,
  'pack-index': fromTopFrame,
  'flows-with-matches': fromTopFrame,
  survey: fromTopFrame,
};

const handlers: Handlers<ToBackground, BackgroundReplies, browser.Runtime.MessageSender> = {
  async findings(message, sender) {
    const report = readFindingsReport(message);
    const tabId = sender.tab?.id;
    if (!report || tabId === undefined) return undefined;
    await store(tabId, pageUrl(sender, report.url), report.findings);
    return undefined;
  },
  'tab-state': (message) => tabState(message.tabId),
  // The bundled dataset first, then imported packs: a card for an imported dispute needs them.
  'dispute-details': async (message) => {
    const packs = await readPacks(packStores);
    return disputeDetails([dataset, ...packs.map((pack) => pack.dataset)], message.ids);
  },
  // Into the asking document only: its frame, and (Chrome) the document itself, so a page that
  // navigated away meanwhile gets nothing.
  'load-stage': async (message, sender) => {
    const tabId = sender.tab?.id;
    if (!isStage(message.stage) || tabId === undefined || sender.frameId === undefined) return false;
    const documentId = (sender as { documentId?: string }).documentId;
    const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [sender.frameId] };
    return runFile(target, STAGE_FILES[message.stage]).then(
      () => true,
      () => false, // the tab closed or navigated meanwhile
    );
  },
  'pack-patterns': async (message) => {
    const { texts } = message;
    if (!isStringList(texts)) return [];
    return packPatterns.in(texts);
  },
  'pack-index': async ({ text, packs }) => {
    if (typeof text !== 'string' || typeof packs !== 'string') return null;
    return packIndexes.sliceFor(text, packs);
  },
  'flows-with-matches': async ({ texts, whole }) => {
    if (!isStringList(texts) || typeof whole !== 'boolean') return null;
    return surveys.flowsWithMatches(texts, whole);
  },
  // A malformed survey gets "marks": the page's full stage then finds out for itself.
  survey: async (message, sender) => {
    const tabId = sender.tab?.id;
    if (!isSurveyMessage(message) || tabId === undefined) return true;
    const documentId = (sender as { documentId?: string }).documentId;
    return surveys.take(tabId, pageUrl(sender, message.url), message.pageDate, message.texts, documentId);
  },
};

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || !isToBackground(message)) return undefined;
  if (!allowed[message.type](sender)) return undefined;
  return dispatch(handlers, message, sender);
});

/**
 * What the tab's content script has now, stored as if it had reported. Only a full stage
 * answers (a first stage that found nothing listens to nothing; a surveyed one surveys again,
 * and the survey brings its findings). Firefox may finish loading a page before its content
 * script has started: a tab that does not answer is asked again, twice, a little later.
 */
const ASK_RETRIES_MS = [250, 1000];
async function askTab(tabId: number, retries = ASK_RETRIES_MS): Promise<TabState | null> {
  const reply = await sendToTab(browser.tabs, tabId, { type: 'findings-request' }).catch(() => null);
  if (reply === null) {
    const [wait, ...rest] = retries;
    if (wait === undefined) return null;
    await new Promise((resolve) => setTimeout(resolve, wait));
    return (await tabs.get(tabId)) ?? askTab(tabId, rest);
  }
  // Checked like a `findings` message: the reply crossed a process boundary too.
  const report = readFindingsReport(reply);
  return report ? store(tabId, report.url, report.findings) : null;
}

/**
 * For the popup: what the tab's page has. A page whose content script never reported and does
 * not answer is probed: its first stage found nothing there ("nothing here"), or it is loading
 * its full stage (asked again), or no content script runs there ("cannot run here": browser
 * pages, the stores, a tab opened before the extension was installed).
 */
async function tabState(tabId: number): Promise<TabState | null> {
  const known = (await tabs.get(tabId)) ?? (await askTab(tabId, []));
  if (known) return known;
  const answer = await runFile({ tabId, frameIds: [0] }, INJECTED_FILES.probe).catch(() => null);
  if (answer === 'starting') return askTab(tabId);
  const report = readFindingsReport(answer);
  return report ? store(tabId, report.url, report.findings) : null;
}

// A navigation or reload starts the tab afresh: its old findings and badge go at once. When
// the load completes (including history navigation in single-page apps, which also passes
// through "loading"), ask the page's content script what it has unless it has reported since
// (one that found something reports by itself), and check the page against the imported packs.
browser.tabs.onUpdated.addListener(async (tabId, changeInfo) => {
  if (changeInfo.status === 'loading') await clearTab(tabId);
  if (changeInfo.status === 'complete')
    await Promise.all([(await tabs.get(tabId)) ?? askTab(tabId), checkPacksIn(tabId, packPatterns)]);
});
browser.tabs.onRemoved.addListener((tabId) => void tabs.delete(tabId));

browser.commands.onCommand.addListener(async (command) => {
  if (command !== 'next-mention') return;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  await sendToTab(browser.tabs, tab.id, { type: 'next-mention' }).catch(() => undefined);
});

// Install or update: move what an older version kept elsewhere into today's places (paused
// sites out of the synced settings, imported packs' datasets out of storage.local, their indexes
// compiled again by this compiler).
browser.runtime.onInstalled.addListener(() => {
  void upgradeStoredState({ ...packStores, sync: browser.storage.sync }, dataset).catch((error: unknown) =>
    console.warn('Counterclaim: could not bring stored data up to date', error),
  );
});
