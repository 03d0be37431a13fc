/**
 * The content script's first stage. It checks the page's text, natively, against a filter
 * compiled at build time from the patterns (core/prefilter.ts), and follows the page's changes
 * with the same check. Only when the text may hold a match does it load the full stage
 * (page-session.ts: settings, matcher, marker, card), so a page that names no disputed entity
 * pays for this file and one pass over its text. One AbortController owns everything this
 * instance starts (STYLE.md §3), the full stage included.
 *
 * Imported packs' patterns join the filter only when the background says packs exist (it asks
 * every page it loads for its findings, and says that first), so a reader without packs pays no
 * storage read here.
 */
import { type ContentReplies, dispatch, type Handlers, isToContent, type ToContent } from '../core/messages';
import { mayMatch, mergePrefilters, type Prefilter } from '../core/prefilter';
import { readPackFilter } from './pack-filter';
import { readPageDate } from './page-date';
import type * as PageSession from './page-session';
import { ext as browser, onMessage } from './runtime';
import { loadStage } from './stage-loader';
import { changedRuns } from './text-changes';
import { skippedTexts } from './text-flow';

/** A pack filter being read; null: the packs changed since their filter was written, so "maybe". */
export type PackFilter = Promise<Prefilter | null>;

const STAGE = Symbol.for('counterclaim.first-stage');
type Global = typeof globalThis & { [STAGE]?: AbortController };
const scope = globalThis as Global;

/** True while this copy's extension is still installed (it is gone after an update or removal). */
export const extensionAlive = (): boolean => {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
};

/** What a running first stage offers its caller: joining the packs' filter to its own. */
interface RunningFirstStage {
  join(filter: PackFilter): void;
}

export function startFirstStage(bundled: Prefilter): RunningFirstStage {
  // A newer copy (re-injection, update) replaces an older one in the same page (STYLE.md §4).
  scope[STAGE]?.abort();
  const lifetime = new AbortController();
  const { signal } = lifetime;
  scope[STAGE] = lifetime;

  const root = document.body ?? document.documentElement;
  if (!root || typeof CSS === 'undefined' || !('highlights' in CSS)) return { join() {} }; // no Highlight API: nothing to do

  let filter = bundled;
  const mayHold = (run: Element) => mayMatch(filter, run.textContent ?? '', () => skippedTexts(run));

  let handedOver = false;
  let observer: MutationObserver | null = null;
  const stopAnswering = onMessage((message, sender) => {
    if (sender.id !== browser.runtime.id || !isToContent(message)) return undefined;
    return dispatch(handlers, message, undefined);
  });
  const handOver = () => {
    if (handedOver || signal.aborted) return;
    handedOver = true;
    stopAnswering();
    observer?.disconnect();
    loadStage<typeof PageSession>('session')
      .then((session) => {
        if (!signal.aborted) return session.startPageSession(root, lifetime, restart, extensionAlive);
      })
      .catch((error: unknown) => {
        // An orphaned copy fails on its first browser.* call; that is expected, not a page error.
        if (extensionAlive()) console.warn('Counterclaim: content script failed to start', error);
      });
  };

  // Patterns changed (a pack imported or removed): a new first stage, with the packs' filter.
  const restart = () => startFirstStage(bundled).join(readPackFilter());

  const join = (pending: PackFilter) => {
    pending
      .then((packs) => {
        if (handedOver || signal.aborted) return;
        if (!packs) return handOver();
        filter = mergePrefilters([filter, packs]);
        if (mayMatch(packs, root.textContent ?? '', () => skippedTexts(root))) handOver();
      })
      .catch(() => {
        if (!extensionAlive()) lifetime.abort();
      });
  };

  // Until the full stage runs, the page has nothing to show: the background asks after every
  // load, and the popup tells "nothing here" from "cannot run here" by that answer.
  const handlers: Handlers<ToContent, ContentReplies> = {
    'findings-request': () => ({ url: location.href, findings: { disputes: [], pageDate: readPageDate() } }),
    'next-mention': () => false,
    'packs-changed': () => {
      // Packs exist, or were imported or removed since: their filter, from the start.
      filter = bundled;
      join(readPackFilter());
      return true;
    },
  };

  signal.addEventListener('abort', stopAnswering);
  const stage: RunningFirstStage = { join };

  // One read of all the page's text; `textContent` makes no wrapper per node.
  if (mayHold(root)) {
    handOver();
    return stage;
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
    for (const run of changedRuns(records)) if (mayHold(run)) return handOver();
  }
  watcher.observe(root, { childList: true, characterData: true, subtree: true });
  signal.addEventListener('abort', () => {
    watcher.disconnect();
    cancelAnimationFrame(frame);
  });
  return stage;
}
