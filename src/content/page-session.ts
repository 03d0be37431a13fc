/**
 * The content script's full stage, loaded as a module of its own only when a page has marks to
 * show (a survey said so, survey.ts), changes its text with what may be a mention, or names an
 * imported pack's vendor (first-stage.ts): scans the page for mentions of disputed entities,
 * marks them with the CSS Custom Highlight API (the page's DOM is never changed), follows the
 * page's changes, and tells the background what it found. The AbortController it is given owns
 * everything it starts (STYLE.md §3); aborting removes our marks and listeners.
 */

import bundledIndex from 'virtual:counterclaim/index';
import type Browser from 'webextension-polyfill';
import {
  DISMISSALS_KEY,
  type Dismissals,
  dismissedOn,
  isPaused,
  PAUSED_SITES_KEY,
  parseDismissals,
  parsePausedSites,
  readBrowsing,
  setDismissed,
} from '../core/browsing';
import { type CompiledIndex, isCompiledIndex } from '../core/compile';
import { createMatcher } from '../core/matcher';
import { mergeIndexes } from '../core/merge-indexes';
import {
  type ContentReplies,
  dispatch,
  type Handlers,
  isToContent,
  NO_FINDINGS,
  type PageFindings,
  sendToBackground,
  type ToBackground,
  type ToContent,
} from '../core/messages';
import { PACKS_KEY, readPackIndexes, readPackList } from '../core/pack-layout';
import { packListSignature } from '../core/prefilter';
import { REPORT_INTERVAL_MS, ReportGate } from '../core/report-gate';
import { parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import type { MessageKey } from '../ui/i18n';
import { CardHost } from './card-host';
import { offerPacks } from './first-stage-handle';
import { Interaction } from './interaction';
import { Marker, type PageContext } from './marker';
import { MarkIndex } from './marks';
import { observeChanges } from './observer';
import { packsCheck } from './pack-check';
import { readPageDate } from './page-date';
import { ext as browser, onMessage as listenForMessages } from './runtime';
import { Scanner } from './scanner';
import { needsOwnTask, runSliced, yieldToPage } from './scheduler';
import { checkedText, type Flow } from './text-flow';

/** The shortest time between two catch-ups with a page's changes (see `drain`). */
const DRAIN_GAP_MS = 100;

/**
 * The part of the packs' indexes `text` needs, from the background (background/pack-index.ts):
 * one slice per pack it names a vendor of. Null when the background cannot say (it did not
 * answer, or its packs are not `packs`, the list this page read).
 */
const packSlices = (text: string, packs: string): Promise<CompiledIndex[] | null> =>
  sendToBackground(browser.runtime, { type: 'pack-index', text, packs }).then(
    // The reply crossed a process boundary.
    (reply) => (Array.isArray(reply) && reply.every(isCompiledIndex) ? reply : null),
    () => null,
  );

interface ActiveIndex {
  index: CompiledIndex;
  /** The pack list it was made for (prefilter.ts's packListSignature). */
  packs: string;
  /** Some of the packs' disputes were left out: a page naming one later starts again with it. */
  packsLeft: boolean;
}

/**
 * The bundled index merged with the part of the imported packs' indexes the page's text needs:
 * the disputes of the packs' vendors it names, each with all its patterns (a large pack's index
 * is megabytes; most pages name none of its vendors, and few name more than a handful). When the
 * background cannot say, every pack's whole index is read from storage.local. Switched-off packs
 * stay in: the marker leaves their disputes unmarked, so switching a pack is a settings change
 * like any other.
 */
async function activeIndex(root: Element): Promise<ActiveIndex> {
  const stored = (await browser.storage.local.get(PACKS_KEY))[PACKS_KEY];
  const list = readPackList(stored);
  const packs = packListSignature(stored);
  if (list.length === 0) return { index: bundledIndex, packs, packsLeft: false };
  const sliced = await packSlices(checkedText(root).text, packs);
  if (sliced)
    return {
      index: sliced.length > 0 ? mergeIndexes([bundledIndex, ...sliced]) : bundledIndex,
      packs,
      packsLeft: true,
    };
  const whole = await readPackIndexes(browser.storage.local, list);
  return { index: mergeIndexes([bundledIndex, ...whole]), packs, packsLeft: false };
}

/**
 * The flows a survey walked just before the full stage started (content/survey.ts): those that
 * hold a match of the bundled patterns, in document order.
 */
export interface WalkedFlows {
  flows: readonly Flow[];
  /** Whether the page changed since the walk began: then the first scan walks it again. */
  changed(): boolean;
  /** The full stage follows the page's changes now: whoever watched them for `changed` stops. */
  release(): void;
}

/**
 * Runs the page's session until `lifetime` aborts. `restart` starts a new first stage afresh
 * (with a new lifetime), for when the patterns themselves change; the packs' filter is then
 * offered to it. `walked`, when given, spares the first scan a walk of the page.
 */
export async function startPageSession(
  root: Element,
  lifetime: AbortController,
  restart: () => void,
  extensionAlive: () => boolean,
  walked?: WalkedFlows,
): Promise<void> {
  const { signal } = lifetime;
  signal.addEventListener('abort', () => walked?.release(), { once: true });

  // Both storage areas at once: each read is a round trip to the browser process, and the scan
  // waits for all of them.
  const [stored, { index, packs, packsLeft }, browsing] = await Promise.all([
    browser.storage.sync.get(SETTINGS_KEY),
    activeIndex(root),
    readBrowsing(browser.storage.local),
  ]);
  if (signal.aborted) return; // replaced meanwhile (a newer copy, or the patterns changed)
  let settings: Settings = parseSettings(stored[SETTINGS_KEY]);
  let pausedSites = browsing.pausedSites;
  let dismissals: Dismissals = browsing.dismissals;
  // The page's address and date, read again when a single-page app moves to another page.
  let href = location.href;
  const contextNow = (): PageContext => ({ pageDate: readPageDate(), dismissed: dismissedOn(dismissals, href) });
  const matcher = createMatcher(index.patterns);
  const marks = new MarkIndex();
  const marker = new Marker(index, marks, settings, contextNow());
  const card = new CardHost(
    (key: MessageKey, substitutions) => browser.i18n.getMessage(key, substitutions) || key,
    () => interaction.close(),
  );
  const ownHost = (): Element | null => card.element;
  const scanner = new Scanner(matcher, index, marks, ownHost);
  const interaction = new Interaction(marks, marker, card, {
    details: (ids) => sendToBackground(browser.runtime, { type: 'dispute-details', ids }),
    hiddenSources: () => new Set(settings.disabledSources),
    dismiss: (id) => void dismissHere(id),
  });
  interaction.start(signal);

  const gate = new ReportGate<{ url: string; findings: PageFindings }>(
    REPORT_INTERVAL_MS,
    ({ url, findings }) => send({ type: 'findings', url, findings }),
    {
      now: () => performance.now(),
      later: (run, ms) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
    },
  );
  signal.addEventListener('abort', () => gate.stop());
  const report = (findings: PageFindings) => {
    // The URL is part of the key: a single-page app's history navigation is a new page to the
    // badge even when the same disputes remain.
    const url = location.href;
    gate.report(`${url}\n${JSON.stringify(findings)}`, { url, findings });
  };
  const send = (message: ToBackground) => {
    if (!extensionAlive()) return lifetime.abort();
    sendToBackground(browser.runtime, message).catch(() => {
      if (!extensionAlive()) lifetime.abort(); // orphaned: the extension was updated or removed
    });
  };

  // Asked on every batch of page changes (every frame on a ticker), and reading `location` from
  // a content script is slow, so it is worked out when the paused sites change. The site is
  // fixed for this copy's lifetime: history navigation cannot change the origin.
  let pausedFor: { sites: readonly string[]; paused: boolean } | null = null;
  const paused = () => {
    if (pausedFor?.sites !== pausedSites) pausedFor = { sites: pausedSites, paused: isPaused(pausedSites, href) };
    return pausedFor.paused;
  };
  // True when the index changed since the registry and the badge were last brought up to date.
  // Pages that keep changing text with no mention in it (tickers, clocks) then cost one small
  // rescan per change and nothing more.
  let dirty = true;
  const settle = () => {
    if (paused()) return;
    marker.keepRegistered();
    if (!dirty) return;
    dirty = false;
    marker.sync();
    interaction.refresh();
    report(marker.findings());
  };
  let draining = false;
  // A page that changes without pause (a ticker thousands of times a second) is caught up with
  // at most every DRAIN_GAP_MS: its changes pile up in the queue meanwhile, so our cost is
  // bounded whatever its rate of change. The first change after a quiet spell goes at once.
  let lastDrainEnd = Number.NEGATIVE_INFINITY;
  let drainTimer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(drainTimer));
  /** Drains the scan queue in slices, then updates the registry and the badge once. */
  const drain = () => {
    if (draining || drainTimer !== undefined) return;
    const wait = lastDrainEnd + DRAIN_GAP_MS - performance.now();
    if (wait > 0) {
      drainTimer = setTimeout(() => {
        drainTimer = undefined;
        drain();
      }, wait);
      return;
    }
    // An orphaned copy (the extension was updated or removed) stops following the page. Asked
    // here, at most once per DRAIN_GAP_MS, and not on each change of a page that changes every
    // frame: the API call is among the larger costs of such a change.
    if (!extensionAlive()) return lifetime.abort();
    draining = true;
    void runSliced(() => scanner.step(), signal).then(async (lastSliceMs) => {
      draining = false;
      lastDrainEnd = performance.now();
      if (signal.aborted) return;
      const { dropped, added } = scanner.takeChanges();
      marker.forget(dropped);
      if (dropped.length > 0 || added > 0) dirty = true;
      // Registering and reporting go over every mark: after a long slice, in a task of their own.
      if (dirty && needsOwnTask(lastSliceMs)) await yieldToPage();
      if (signal.aborted) return;
      settle();
      if (!scanner.idle) drain(); // changes queued while we were finishing
    });
  };

  /** Settings, paused sites or dismissals changed (in this tab or another): apply them live. */
  const apply = (next: { settings?: Settings; pausedSites?: string[]; dismissals?: Dismissals }) => {
    const wasPaused = paused();
    settings = next.settings ?? settings;
    pausedSites = next.pausedSites ?? pausedSites;
    dismissals = next.dismissals ?? dismissals;
    if (paused()) {
      interaction.close();
      marker.clear();
      report(NO_FINDINGS);
      return;
    }
    // Coming back from a pause, the marker takes whatever changed meanwhile.
    if (next.settings || wasPaused) marker.setSettings(settings);
    if (next.dismissals || wasPaused) marker.setContext(contextNow());
    interaction.refresh();
    if (wasPaused) {
      scanner.enqueue(root);
      drain();
    } else {
      report(marker.findings());
    }
  };

  browser.storage.onChanged.addListener(onStorageChange);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorageChange));
  function onStorageChange(changes: Record<string, Browser.Storage.StorageChange>, area: string) {
    if (area === 'sync' && SETTINGS_KEY in changes) apply({ settings: parseSettings(changes[SETTINGS_KEY]?.newValue) });
    if (area === 'local' && PAUSED_SITES_KEY in changes)
      apply({ pausedSites: parsePausedSites(changes[PAUSED_SITES_KEY]?.newValue) });
    if (area === 'local' && DISMISSALS_KEY in changes)
      apply({ dismissals: parseDismissals(changes[DISMISSALS_KEY]?.newValue) });
    // A pack was imported or removed: the patterns changed, so start afresh with the new index
    // (rare, and the only time the whole page is scanned again).
    if (area === 'local' && PACKS_KEY in changes) restartWithPacks();
  }

  const known = new Set(index.disputes.map((d) => d.id));
  async function namesNewPackDispute(container: Element): Promise<boolean> {
    const { text, skipped } = checkedText(container);
    if (!(await packsCheck(text, skipped))) return false;
    const slices = await packSlices(text, packs);
    // Null: the packs changed, and the storage change starts the page again anyway.
    return slices?.some((slice) => slice.disputes.some((d) => !known.has(d.id))) ?? false;
  }

  function restartWithPacks() {
    restart();
    offerPacks(packsCheck);
  }

  signal.addEventListener('abort', listenForMessages(onMessage));
  function onMessage(message: unknown, sender: Browser.Runtime.MessageSender): Promise<unknown> | undefined {
    // Only our own extension talks to us; pages cannot reach runtime messaging, but check anyway.
    if (sender.id !== browser.runtime.id || !isToContent(message)) return undefined;
    return dispatch(handlers, message, undefined);
  }
  /** "Doesn't apply here" in the card: remembered for this page; the storage change unmarks it. */
  async function dismissHere(id: string): Promise<void> {
    await setDismissed(browser.storage.local, href, id, true);
  }
  /**
   * A single-page app moved to another address (the background asks for findings after every
   * navigation, history ones included; popstate covers back and forward): the page's date and
   * its dismissals are those of the new page.
   */
  const followLocation = () => {
    if (location.href === href) return;
    href = location.href;
    if (!paused()) marker.setContext(contextNow());
  };
  addEventListener('popstate', followLocation, { signal });
  const handlers: Handlers<ToContent, ContentReplies> = {
    'findings-request': () => {
      followLocation();
      return { url: location.href, findings: paused() ? NO_FINDINGS : marker.findings() };
    },
    'next-mention': () => (paused() ? false : interaction.next()),
  };

  observeChanges(
    root,
    ownHost,
    (batch) => {
      // The page may now name a vendor of a pack's dispute left out of the index: if so, start
      // again with it.
      if (packsLeft) {
        for (const container of batch.containers) {
          void namesNewPackDispute(container).then((found) => {
            if (found && !signal.aborted) restartWithPacks();
          });
        }
      }
      const gone = marks.dropNodes(batch.texts);
      if (batch.elementRemoved) gone.push(...marks.dropDisconnected());
      marker.forget(gone);
      if (gone.length > 0) dirty = true;
      for (const container of batch.containers) scanner.enqueue(container);
      if (paused()) return;
      if (batch.containers.size > 0) drain();
      else settle();
    },
    signal,
  );

  signal.addEventListener('abort', () => {
    card.destroy();
    marker.teardown();
    marks.clear();
  });

  if (paused()) {
    walked?.release();
    report(NO_FINDINGS);
    return;
  }
  // Setting up (matcher, card host, listeners) took this task; the scan starts in the next one.
  await yieldToPage();
  if (signal.aborted) return;
  // The walked flows are all there is to scan while the page is as the survey walked it, and
  // the index has no pattern the survey did not look for (an imported pack's).
  if (walked && index === bundledIndex && !walked.changed()) scanner.scanWalked(walked.flows);
  else scanner.enqueue(root);
  walked?.release();
  drain();
}
