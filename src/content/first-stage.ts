/**
 * The content script's first stage. It checks the page's text, natively, against a filter
 * compiled at build time from the patterns (core/prefilter.ts), and follows the page's changes
 * with the same check. Only when the text may hold a match does it load the full stage
 * (page-session.ts: settings, matcher, marker, card), so a page that names no disputed entity
 * pays for this file and one pass over its text. One AbortController owns everything this
 * instance starts (STYLE.md §3), the full stage included.
 *
 * Until it hands over it calls no extension API: the first call of one builds that API's
 * bindings in the page's new isolated world, which costs more than this whole stage. So nothing
 * messages it; the background reaches it through the scripts it injects (first-stage-handle.ts):
 * while packs exist, the packs' script takes its text for the background to check against their
 * patterns, and the popup's probe asks what it has.
 */
import { mayMatch, type Prefilter } from '../core/prefilter';
import { runningFirstStage, setRunningFirstStage, type TextCheck, takeEarlyPacks } from './first-stage-handle';
import type * as PageSession from './page-session';
import { ext as browser } from './runtime';
import { loadStage } from './stage-loader';
import { changedRuns } from './text-changes';
import { checkedText } from './text-flow';

/** True while this copy's extension is still installed (it is gone after an update or removal). */
export const extensionAlive = (): boolean => {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
};

const noop = () => {};

export function startFirstStage(bundled: Prefilter): void {
  // A newer copy (re-injection, update) replaces an older one in the same page (STYLE.md §4).
  runningFirstStage()?.lifetime.abort();
  const lifetime = new AbortController();
  const { signal } = lifetime;

  const root = document.body ?? document.documentElement;
  if (!root || typeof CSS === 'undefined' || !('highlights' in CSS)) return; // no Highlight API: nothing to do

  // The packs' check, once the packs' script brings it.
  let packs: TextCheck | null = null;
  /** Checks `run` against the bundled filter at once, and against the packs' when it is answered. */
  const mayHold = (run: Element): boolean => {
    const { text, skipped } = checkedText(run);
    if (mayMatch(bundled, text, skipped)) return true;
    packs?.(text, skipped).then(handOverIf, noop);
    return false;
  };

  let handedOver = false;
  let observer: MutationObserver | null = null;
  const handOver = () => {
    if (handedOver || signal.aborted) return;
    handedOver = true;
    observer?.disconnect();
    loadStage<typeof PageSession>('session')
      .then((session) => {
        if (!signal.aborted) return session.startPageSession(root, lifetime, restart, extensionAlive);
      })
      .catch((error: unknown) => {
        // An orphaned copy fails on its first browser.* call; that is expected, not a page error.
        if (extensionAlive()) console.warn('Counterclaim: content script failed to start', error);
        lifetime.abort();
      });
  };

  /** The packs' check's answer: they found one of their patterns. */
  const handOverIf = (found: boolean) => {
    if (found) handOver();
  };

  // Patterns changed (a pack imported or removed): a new first stage; the caller adds the packs.
  const restart = () => startFirstStage(bundled);

  const usePacks = (check: TextCheck) => {
    if (!handedOver && !signal.aborted) packs = check;
  };
  const repack = (check: TextCheck) => {
    if (handedOver || signal.aborted) return;
    packs = check;
    const { text, skipped } = checkedText(root);
    check(text, skipped).then(handOverIf, noop);
  };
  const text = () => checkedText(root).text;
  setRunningFirstStage({ lifetime, handedOver: () => handedOver, repack, usePacks, text });

  // One read of the page's text; `textContent` makes no wrapper per node.
  const early = takeEarlyPacks();
  if (mayHold(root)) {
    handOver();
    return;
  }
  if (early) repack(early);

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
    for (const run of changedRuns(records)) if (mayHold(run)) return handOver();
  }
  watcher.observe(root, { childList: true, characterData: true, subtree: true });
  signal.addEventListener('abort', () => {
    watcher.disconnect();
    cancelAnimationFrame(frame);
  });
}
