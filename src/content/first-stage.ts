/**
 * The content script's first stage. It checks the page's text, natively, against a filter
 * compiled at build time from the patterns (core/prefilter.ts), and follows the page's changes
 * with the same check, so a page that names no disputed entity pays for this file and one pass
 * over its text. A page whose text may hold a match is surveyed (survey.ts): the background
 * works out its findings from the page's flows, and the full stage (page-session.ts: settings,
 * matcher, marker, card) is loaded only when the page has marks to show, or when its text
 * changes later on (the full stage follows such a page change by change). One AbortController
 * owns everything this instance starts (STYLE.md §3), the survey and the full stage included.
 *
 * Until it surveys it calls no extension API: the first call of one builds that API's bindings
 * in the page's new isolated world, which costs more than this whole stage. So nothing messages
 * it; the background reaches it through the scripts it injects (first-stage-handle.ts): while
 * packs exist, the packs' script takes its text for the background to check against their
 * patterns, and a page that names one of their vendors is surveyed like any other; the popup's
 * probe asks what it has; a settings change that gives a surveyed page marks to show hands it
 * over.
 */
import { mayMatch, type Prefilter } from '../core/prefilter';
import { runningFirstStage, setRunningFirstStage, type TextCheck, takeEarlyPacks } from './first-stage-handle';
import type * as PageSession from './page-session';
import type { WalkedFlows } from './page-session';
import { ext as browser } from './runtime';
import { loadStage } from './stage-loader';
import type * as Survey from './survey';
import { changedRuns } from './text-changes';
import { checkedText, type Flow } from './text-flow';

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
  // A survey on its way; whether the last one left the page's findings with the background, and
  // whether the page answers the background's requests for them.
  let surveying = false;
  let surveyed = false;
  let answering = false;
  /** The packs named the page while a survey was on its way (packsNamed). */
  let packsNamedMeanwhile = false;
  /** Batches of page changes seen so far: whether the page changed since a survey's walk. */
  let changes = 0;
  const surveyWork = new AbortController();

  /**
   * Starts the full stage; `flows`, when a survey just walked the page, are those that hold a
   * match, for its first scan while the page has not changed since the walk began.
   */
  const handOver = (flows?: Flow[] | null, walkedAt = -1) => {
    if (handedOver || signal.aborted) return;
    handedOver = true;
    surveyWork.abort(); // what a survey would still send is the full stage's to say now
    // Kept on until the full stage follows the changes itself, only to tell whether there were any.
    const walked: WalkedFlows | undefined =
      flows && observer
        ? {
            flows,
            changed: () => changes !== walkedAt || (observer?.takeRecords().length ?? 0) > 0,
            release: () => observer?.disconnect(),
          }
        : undefined;
    if (!walked) observer?.disconnect();
    loadStage<typeof PageSession>('session')
      .then((session) => {
        if (!signal.aborted) return session.startPageSession(root, lifetime, restart, extensionAlive, walked);
      })
      .catch((error: unknown) => {
        // An orphaned copy fails on its first browser.* call; that is expected, not a page error.
        if (extensionAlive()) console.warn('Counterclaim: content script failed to start', error);
        lifetime.abort();
      });
  };

  /** Surveys the page, whose text may hold a match; hands over if it has marks to show. */
  const survey = () => {
    if (handedOver || surveying || signal.aborted) return;
    surveying = true;
    packsNamedMeanwhile = false;
    const work = AbortSignal.any([signal, surveyWork.signal]);
    loadStage<typeof Survey>('survey')
      .then(async (part) => {
        const walkedAt = changes; // the walk starts in this task
        const result = await part.surveyPage(root, work);
        surveying = false;
        surveyed = result.found === 'kept';
        if (result.found === 'marks') return handOver(result.flows, walkedAt);
        // The background asks a page for its findings when it has none for the tab, as after a
        // single-page app's history navigation: a surveyed page is surveyed again, and the
        // survey brings them.
        if (surveyed && !answering) {
          answering = true;
          part.answerRequests(survey, work);
        }
        if (packsNamedMeanwhile) survey();
      })
      .catch((error: unknown) => {
        surveying = false;
        // The full stage finds what the survey could not tell (it fails on its own if orphaned).
        if (extensionAlive()) console.warn('Counterclaim: could not survey the page', error);
        handOver();
      });
  };
  const surveyAgain = () => {
    if (handedOver || signal.aborted) return false;
    if (surveyed) survey();
    return surveying;
  };

  /** The packs' check's answer for a change: they found one of their patterns. */
  const handOverIf = (found: boolean) => {
    if (found) handOver();
  };
  /**
   * The page's text names some of the packs' vendors: a survey judges it with their disputes (the
   * background slices them for it), once the one on its way, which may have had other packs, ends.
   */
  const packsNamed = () => {
    if (surveying) packsNamedMeanwhile = true;
    else survey();
  };
  const surveyIf = (found: boolean) => {
    if (found) packsNamed();
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
    check(text, skipped).then(surveyIf, noop);
  };
  const text = () => checkedText(root).text;
  setRunningFirstStage({
    lifetime,
    handedOver: () => handedOver,
    handOver,
    surveyAgain,
    packsNamed,
    repack,
    usePacks,
    text,
  });

  // One read of the page's text; `textContent` makes no wrapper per node.
  const early = takeEarlyPacks();
  if (mayHold(root)) survey();
  if (early) repack(early);

  // A living page: what its changes add is checked the same way, once per frame; text that may
  // hold a match loads the full stage, which follows such a page change by change.
  let pending: MutationRecord[] = [];
  let frame = 0;
  const watcher = new MutationObserver((records) => {
    changes++;
    if (handedOver) return;
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
