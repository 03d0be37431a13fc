/**
 * The imported packs' check, for both stages. The page's text goes to the background, which
 * holds the packs' filter (background/pack-patterns.ts) and answers with the few of their
 * patterns the text holds; those are weighed here against the texts of the elements the scan
 * skips, as prefilter.ts does. The checks asked for in one task go in one message, and a page
 * that keeps changing sends at most one every SEND_GAP_MS.
 */
import { sendToBackground } from '../core/messages';
import { isPrefilter, mayMatch, type Prefilter } from '../core/prefilter';
import type { TextCheck } from './first-stage-handle';
import { ext as browser } from './runtime';

interface Asked {
  text: string;
  /** The text's patterns; null when the background did not answer (then "maybe"). */
  answer: (found: Prefilter | null) => void;
}

/** The shortest time between two messages; the first after a pause goes at once. */
export const SEND_GAP_MS = 100;

let asked: Asked[] = [];
let lastSent = Number.NEGATIVE_INFINITY;

function schedule(): void {
  const wait = lastSent + SEND_GAP_MS - performance.now();
  if (wait > 0) setTimeout(send, wait);
  else queueMicrotask(send);
}

function send(): void {
  const batch = asked;
  asked = [];
  lastSent = performance.now();
  sendToBackground(browser.runtime, { type: 'pack-patterns', texts: batch.map((a) => a.text) }).then(
    (reply: unknown) => {
      const found = Array.isArray(reply) && reply.length === batch.length ? reply : [];
      // The reply crossed a process boundary: a part that is not a filter reads as "maybe".
      batch.forEach((a, i) => {
        a.answer(isPrefilter(found[i]) ? found[i] : null);
      });
    },
    () => {
      for (const a of batch) a.answer(null);
    },
  );
}

/** Whether the text may hold one of the packs' patterns; "maybe" when the background cannot say. */
export const packsCheck: TextCheck = (text, skipped) =>
  new Promise<Prefilter | null>((answer) => {
    asked.push({ text, answer });
    if (asked.length === 1) schedule();
  }).then((found) => found === null || mayMatch(found, text, skipped));
