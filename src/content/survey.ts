/**
 * The page's side of a survey (core/survey.ts), loaded when the first stage's check found text
 * that may hold a match. It walks the page's text as the scan does (text-flow.ts), asks the
 * background which of the flows hold a match (the matcher and the index stay there), keeps
 * those the scan would read (visible ones), and sends their texts back for the background to
 * judge. So a page that names a vendor without being about one of its disputes never loads the
 * full stage, and its findings are the full stage's: the same flows, the same matcher, the same
 * rule.
 */
import { isToContent, sendToBackground } from '../core/messages';
import { readPageDate } from './page-date';
import { ext, onMessage } from './runtime';
import { runSliced, yieldToPage } from './scheduler';
import { EDITABLE, type Flow, flowsUnder, isSeen } from './text-flow';

/**
 * The most text one question carries: the flows of a very long page go in several, so that no
 * message's copy takes a long task of the page's.
 */
export const TEXT_PER_MESSAGE = 200_000;

/** Every flow under `root` with text, in document order: the scan's walk from the same root. */
async function flowsOf(root: Element, signal: AbortSignal): Promise<Flow[]> {
  const flows: Flow[] = [];
  const walk = flowsUnder(root, null);
  await runSliced(() => {
    const { value: flow, done } = walk.next();
    if (done) return false;
    if (flow.nodes.length > 0) flows.push(flow);
    return true;
  }, signal);
  return flows;
}

/** Indexes of the flows whose text holds a match, from the background; null when it cannot say. */
async function flowsWithMatches(flows: readonly Flow[], signal: AbortSignal): Promise<number[] | null> {
  const found: number[] = [];
  for (let first = 0; first < flows.length && !signal.aborted; ) {
    const texts: string[] = [];
    let size = 0;
    for (let i = first; i < flows.length && (texts.length === 0 || size < TEXT_PER_MESSAGE); i++) {
      const { text } = flows[i] as Flow;
      texts.push(text);
      size += text.length;
    }
    const whole = first === 0 && texts.length === flows.length;
    const reply = await sendToBackground(ext.runtime, { type: 'flows-with-matches', texts, whole });
    // The reply crossed a process boundary: indexes into this question's texts, ascending.
    if (
      !Array.isArray(reply) ||
      !reply.every((i, k) => Number.isInteger(i) && i >= (reply[k - 1] ?? 0) && i < texts.length)
    )
      return null;
    for (const i of reply) found.push(first + i);
    first += texts.length;
    if (first < flows.length) await yieldToPage();
  }
  return found;
}

/**
 * What the survey found: marks to show (load the full stage; with the flows that hold a match,
 * when the background named them, for its first scan), findings the background keeps, or no
 * flow the scan would find a mention in (the probe's "nothing here" is then right).
 */
export type SurveyResult = { found: 'marks'; flows: Flow[] | null } | { found: 'kept' } | { found: 'nothing' };

const KEPT: SurveyResult = { found: 'kept' };
const NOTHING: SurveyResult = { found: 'nothing' };

/** Surveys the page under `root`. */
export async function surveyPage(root: Element, signal: AbortSignal): Promise<SurveyResult> {
  const flows = await flowsOf(root, signal);
  const holding = signal.aborted ? [] : await flowsWithMatches(flows, signal);
  if (holding === null) return { found: 'marks', flows: null };
  const matching = holding.map((i) => flows[i] as Flow);
  const texts: string[] = [];
  let size = 0;
  for (const flow of matching) {
    if (!isSeen(flow)) continue; // as the scan leaves it out (scanner.ts)
    // The scan leaves out matches in editable regions one by one: it decides such a page.
    if (flow.nodes.some((node) => node.parentElement?.closest(EDITABLE))) return { found: 'marks', flows: matching };
    texts.push(flow.text);
    size += flow.text.length;
  }
  if (texts.length === 0 || signal.aborted) return NOTHING;
  // More text with mentions than one message should carry: the full stage decides, in slices.
  if (size > TEXT_PER_MESSAGE) return { found: 'marks', flows: matching };
  const marks = await sendToBackground(ext.runtime, {
    type: 'survey',
    url: location.href,
    pageDate: readPageDate(),
    texts,
  });
  if (marks === false) return KEPT;
  // Anything but a clear "nothing to mark" (a malformed reply) loads the full stage, which
  // decides for itself.
  return { found: 'marks', flows: marks === true ? matching : null };
}

/**
 * Calls `onAsked` whenever the background asks this page for its findings (it has none for the
 * tab, as after a single-page app's history navigation), until `signal` aborts. A surveyed page
 * answers nothing itself: its findings are the background's, and a new survey brings new ones.
 */
export function answerRequests(onAsked: () => void, signal: AbortSignal): void {
  const stop = onMessage((message, sender) => {
    if (sender.id !== ext.runtime.id || !isToContent(message)) return undefined;
    if (message.type === 'findings-request') onAsked();
    return undefined;
  });
  signal.addEventListener('abort', stop, { once: true });
}
