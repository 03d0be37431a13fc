/**
 * The content script as injected: its first stage. It checks the page's text, natively, against
 * a filter compiled at build time from the patterns (core/prefilter.ts), and follows the page's
 * changes with the same check. Only when the text may hold a match does it import the full
 * stage (page-session.ts: settings, matcher, marker, card), so a page that names no disputed
 * entity pays for this file and one pass over its text (issue 18). One AbortController owns
 * everything this instance starts (STYLE.md §3), the full stage included.
 */

import bundledFilter from 'virtual:counterclaim/prefilter';
import { isToContent, NO_FINDINGS, type ToContent } from '../core/messages';
import { PACKS_KEY } from '../core/packs';
import {
  lowerText,
  mayMatch,
  mergePrefilters,
  PACK_FILTER_KEY,
  type Prefilter,
  packListSignature,
  type StoredPackFilter,
  shortRegexOf,
} from '../core/prefilter';
import type * as PageSession from './page-session';
import { ext as browser, onMessage } from './runtime';
import { SESSION_MODULE } from './session-module';
import { changedText } from './text-changes';

const INSTANCE = Symbol.for('counterclaim.content');
type Global = typeof globalThis & { [INSTANCE]?: { abort(): void } };

/** True while this copy's extension is still installed (it is gone after an update or removal). */
const extensionAlive = (): boolean => {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
};

/**
 * The filter with the imported packs' patterns joined, from one read of the pack list and its
 * filter. A filter made for another list (a pack imported or removed since) cannot rule
 * anything out: null, and the full stage writes the right one.
 */
async function withPacks(filter: Prefilter): Promise<Prefilter | null> {
  const stored = await browser.storage.local.get([PACKS_KEY, PACK_FILTER_KEY]);
  const list = stored[PACKS_KEY];
  if (!Array.isArray(list) || list.length === 0) return filter;
  const packs = stored[PACK_FILTER_KEY] as StoredPackFilter | undefined;
  if (packs?.packs !== packListSignature(list)) return null;
  return mergePrefilters([filter, packs.filter]);
}

function start(): void {
  // A newer copy (re-injection, update) replaces an older one in the same page (STYLE.md §4).
  (globalThis as Global)[INSTANCE]?.abort();
  const lifetime = new AbortController();
  const { signal } = lifetime;
  (globalThis as Global)[INSTANCE] = lifetime;

  const root = document.body ?? document.documentElement;
  if (!root || typeof CSS === 'undefined' || !('highlights' in CSS)) return; // no Highlight API: nothing to do

  let filter = bundledFilter;
  let shortRegex: RegExp | null | undefined;
  const mayHold = (text: string) => {
    if (text.length === 0) return false;
    shortRegex ??= shortRegexOf(filter);
    return mayMatch(filter, lowerText(text), shortRegex);
  };

  // Until the full stage runs, the page has nothing to show: the background asks after every
  // load, and the popup tells "nothing here" from "cannot run here" by that answer.
  const stopAnswering = onMessage((message, sender) => {
    if (sender.id !== browser.runtime.id || !isToContent(message)) return undefined;
    return Promise.resolve(answer(message));
  });
  signal.addEventListener('abort', stopAnswering);

  let handedOver = false;
  let observer: MutationObserver | null = null;
  const handOver = () => {
    if (handedOver || signal.aborted) return;
    handedOver = true;
    stopAnswering();
    observer?.disconnect();
    const loaded = import(/* @vite-ignore */ browser.runtime.getURL(SESSION_MODULE)) as Promise<typeof PageSession>;
    loaded
      .then((session) => {
        if (!signal.aborted) return session.startPageSession(root, lifetime, start, extensionAlive);
      })
      .catch((error: unknown) => {
        // An orphaned copy fails on its first browser.* call; that is expected, not a page error.
        if (extensionAlive()) console.warn('Counterclaim: content script failed to start', error);
      });
  };

  // One read of all the page's text; `textContent` makes no wrapper per node.
  if (mayHold(root.textContent ?? '')) {
    handOver();
    return;
  }

  // A living page: what its changes add is checked the same way, once per frame.
  let pending: MutationRecord[] = [];
  let frame = 0;
  const watcher = new MutationObserver((records) => {
    pending.push(...records);
    frame ||= requestAnimationFrame(checkChanges);
  });
  observer = watcher;
  function checkChanges() {
    frame = 0;
    const records = pending;
    pending = [];
    if (handedOver || signal.aborted) return;
    if (!extensionAlive()) return lifetime.abort();
    for (const text of changedText(records)) if (mayHold(text)) return handOver();
  }
  watcher.observe(root, { childList: true, characterData: true, subtree: true });
  signal.addEventListener('abort', () => {
    watcher.disconnect();
    cancelAnimationFrame(frame);
  });

  // Patterns of imported packs: one small read, after the check of the bundled ones.
  withPacks(bundledFilter)
    .then((merged) => {
      if (handedOver || signal.aborted) return;
      if (merged === bundledFilter) return;
      if (!merged) return handOver();
      filter = merged;
      shortRegex = undefined;
      if (mayHold(root.textContent ?? '')) handOver();
    })
    .catch(() => {
      if (!extensionAlive()) lifetime.abort();
    });
}

function answer(message: ToContent) {
  switch (message.type) {
    case 'findings-request':
      return { url: location.href, findings: NO_FINDINGS };
    case 'next-mention':
      return false;
  }
}

start();
