/**
 * Every message between the extension's parts, as one discriminated union keyed by `type`,
 * with the reply each one gets. Sender and receiver both import from here, so a new message
 * or a changed payload fails `tsc` on both sides (STYLE.md §2).
 */
import type { CompiledIndex } from './compile';
import { isRecord, isStringList } from './json-value';
import type { Prefilter } from './prefilter';
import type { Dispute, SignalKind, Source } from './schema';
import type { Stage } from './stages';
import type { PageSurvey } from './survey';

/** Whether the page is about a dispute, or only names a vendor that has one on record. */
export type Relevance = 'about' | 'on-record';

/**
 * What a piece of evidence is to its dispute: an entity's name (Xiaomi), a claim's cue (Mi
 * Mover), or a signal of one of the dispute's kinds (eScan, the claimant).
 */
export type EvidenceRole = 'entity' | 'claim' | SignalKind;

/** One thing on the page that put a dispute there, as the page writes it ("Xiaomi" ×4). */
export interface Evidence {
  text: string;
  role: EvidenceRole;
  count: number;
  /** For a claim's cue: the claim's id. */
  claim?: string;
}

/** One dispute the page names, with why. */
export interface DisputeFinding {
  id: string;
  relevance: Relevance;
  /** The evidence score the relevance rule computed (core/relevance.ts); orders the popup. */
  score: number;
  /** What on the page put the dispute there, strongest first, entities last. */
  evidence: Evidence[];
  /** Mentions found on the page, by the text as written ("Xiaomi" → 6): signals, cues, entities. */
  mentions: Record<string, number>;
  /** The reader said "doesn't apply here" for this page: not marked or counted, listed to undo. */
  dismissed: boolean;
}

/** What a tab's content script found. */
export interface PageFindings {
  /** About-the-page disputes first (by score, highest first), then on-record ones. */
  disputes: DisputeFinding[];
  /** The page's own publication date (YYYY-MM-DD), or null when it states none. */
  pageDate: string | null;
}

export const NO_FINDINGS: PageFindings = Object.freeze({ disputes: [], pageDate: null }) as PageFindings;

export interface TabState extends PageFindings {
  url: string;
  paused: boolean;
  /** Set when the background worked the findings out from the page's survey (core/survey.ts). */
  survey?: PageSurvey;
}

/** Statements and their sources, for rendering disputes outside the popup (the card). */
export interface DisputeDetails {
  disputes: Dispute[];
  sources: Source[];
}

/** Messages handled by the background service worker. */
export type ToBackground =
  | { type: 'findings'; url: string; findings: PageFindings }
  | { type: 'tab-state'; tabId: number }
  | { type: 'dispute-details'; ids: string[] }
  /** A content script asks for one of its on-demand parts (content/stages.ts) in its frame. */
  | { type: 'load-stage'; stage: Stage }
  /** A page asks which of the imported packs' patterns its texts hold (background/pack-patterns.ts). */
  | { type: 'pack-patterns'; texts: string[] }
  /**
   * A page asks for the part of the packs' indexes its text needs (background/pack-index.ts);
   * `packs` is the pack list it read (prefilter.ts's packListSignature).
   */
  | { type: 'pack-index'; text: string; packs: string }
  /**
   * A page being surveyed asks which of its flows' texts hold a match (content/survey.ts); `whole`
   * when the texts are all of its flows (a long page asks in parts).
   */
  | { type: 'flows-with-matches'; texts: string[]; whole: boolean }
  /**
   * A surveyed page sends the texts of its flows that hold a match and that the scan reads, and
   * its date; the background works out its findings (core/survey.ts).
   */
  | { type: 'survey'; url: string; pageDate: string | null; texts: string[] };

export interface BackgroundReplies {
  findings: undefined;
  'tab-state': TabState | null;
  'dispute-details': DisputeDetails;
  /** Whether the part was injected (it has run when this arrives). */
  'load-stage': boolean;
  /** Per text, its patterns as a filter of their own (prefilter.ts's patternsIn). */
  'pack-patterns': Prefilter[];
  /** One slice per pack the text names a vendor of; null when the background's packs are not the page's. */
  'pack-index': CompiledIndex[] | null;
  /**
   * Indexes of the texts that hold a match, ascending; null when the background cannot say (the
   * page's full stage then finds out for itself).
   */
  'flows-with-matches': number[] | null;
  /** Whether the page has marks to show: then it loads its full stage, which reports by itself. */
  survey: boolean;
}

/** Messages handled by a tab's content script. */
export type ToContent = { type: 'next-mention' } | { type: 'findings-request' };

export interface ContentReplies {
  'next-mention': boolean;
  'findings-request': FindingsReport;
}

/**
 * What the probe's script finds in a page that did not answer (core/stages.ts): the first
 * stage's report (it found nothing); 'starting' while the full stage it loaded is not yet
 * listening, or while a survey brings the page's findings to the background; null where no
 * content script runs.
 */
export type ProbeAnswer = FindingsReport | 'starting' | null;

export type BackgroundReply<M extends ToBackground> = BackgroundReplies[M['type']];
export type ContentReply<M extends ToContent> = ContentReplies[M['type']];

/** What sends to the background: `browser.runtime` (the polyfill's or the native one). */
export interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
}

/** What sends to a tab's content script: `browser.tabs`. */
export interface TabsLike {
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
}

/** Sends a message to the background; the reply's type follows from the message's. */
export function sendToBackground<M extends ToBackground>(
  runtime: RuntimeLike,
  message: M,
): Promise<BackgroundReply<M>> {
  // The one place the reply is typed: the background's handler table is typed to match.
  return runtime.sendMessage(message) as Promise<BackgroundReply<M>>;
}

/** Sends a message to a tab's content script; the reply's type follows from the message's. */
export function sendToTab<M extends ToContent>(tabs: TabsLike, tabId: number, message: M): Promise<ContentReply<M>> {
  return tabs.sendMessage(tabId, message) as Promise<ContentReply<M>>;
}

/**
 * One handler per message type, each answering with that type's reply; a missing or mistyped
 * handler fails `tsc`. `Context` is what the receiver passes along (the background: the sender).
 */
export type Handlers<M extends { type: string }, Replies extends Record<M['type'], unknown>, Context = void> = {
  [T in M['type']]: (message: Extract<M, { type: T }>, context: Context) => Replies[T] | Promise<Replies[T]>;
};

/** Runs the handler for `message`'s type. */
export function dispatch<M extends { type: string }, Replies extends Record<M['type'], unknown>, Context>(
  handlers: Handlers<M, Replies, Context>,
  message: M,
  context: Context,
): Promise<Replies[M['type']]> {
  // TypeScript cannot relate a handler picked by a union's tag to the same member of the union.
  const handler = handlers[message.type as M['type']] as (message: M, context: Context) => Replies[M['type']];
  return Promise.resolve(handler(message, context));
}

const BACKGROUND_TYPES: ReadonlySet<string> = new Set<ToBackground['type']>([
  'findings',
  'tab-state',
  'dispute-details',
  'load-stage',
  'pack-patterns',
  'pack-index',
  'flows-with-matches',
  'survey',
]);

/** Narrows an unknown message (it crossed a process boundary) to one the background handles. */
export function isToBackground(message: unknown): message is ToBackground {
  return (
    typeof message === 'object' &&
    message !== null &&
    BACKGROUND_TYPES.has((message as { type?: unknown }).type as string)
  );
}

const CONTENT_TYPES: ReadonlySet<string> = new Set<ToContent['type']>(['next-mention', 'findings-request']);

export function isToContent(message: unknown): message is ToContent {
  return (
    typeof message === 'object' && message !== null && CONTENT_TYPES.has((message as { type?: unknown }).type as string)
  );
}

const RELEVANCES: ReadonlySet<string> = new Set<Relevance>(['about', 'on-record']);
// A record, so a new signal kind fails `tsc` here; not schema.ts's list, which would bring the
// validator into the content script.
const ROLE_NAMES: Record<EvidenceRole, true> = {
  entity: true,
  claim: true,
  claimant: true,
  party: true,
  flaw: true,
  product: true,
  term: true,
};
const ROLES: ReadonlySet<string> = new Set(Object.keys(ROLE_NAMES));
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

function isEvidence(value: unknown): value is Evidence {
  if (!isRecord(value)) return false;
  const { text, role, count, claim } = value;
  return (
    typeof text === 'string' &&
    typeof role === 'string' &&
    ROLES.has(role) &&
    isCount(count) &&
    (claim === undefined || typeof claim === 'string')
  );
}

function isDisputeFinding(value: unknown): value is DisputeFinding {
  if (!isRecord(value)) return false;
  const { id, relevance, score, evidence, mentions, dismissed } = value;
  return (
    typeof id === 'string' &&
    typeof relevance === 'string' &&
    RELEVANCES.has(relevance) &&
    typeof score === 'number' &&
    Number.isFinite(score) &&
    score >= 0 &&
    Array.isArray(evidence) &&
    evidence.every(isEvidence) &&
    isRecord(mentions) &&
    Object.values(mentions).every(isCount) &&
    typeof dismissed === 'boolean'
  );
}

const PAGE_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A page's own date as findings carry it: YYYY-MM-DD, or null when the page states none. */
const isPageDate = (value: unknown): value is string | null =>
  value === null || (typeof value === 'string' && PAGE_DATE.test(value));

/** Checks findings (they crossed a process boundary) before they are stored: every field. */
export function isPageFindings(value: unknown): value is PageFindings {
  if (!isRecord(value)) return false;
  const { disputes, pageDate } = value;
  return (
    Array.isArray(disputes) &&
    disputes.every(isDisputeFinding) &&
    new Set(disputes.map((d) => (d as DisputeFinding).id)).size === disputes.length &&
    isPageDate(pageDate)
  );
}

/** What a content script reports, by message or in reply to a request. */
export interface FindingsReport {
  url: string;
  findings: PageFindings;
}

/**
 * A content script's report (a `findings` message or the reply to `findings-request`), checked
 * the same way whichever way it came, or null when it is not one.
 */
export function readFindingsReport(value: unknown): FindingsReport | null {
  if (!isRecord(value)) return null;
  const { url, findings } = value;
  return typeof url === 'string' && isPageFindings(findings) ? { url, findings } : null;
}

/** A `survey` message's payload, checked field by field (it crossed a process boundary). */
export function isSurveyMessage(value: unknown): value is Extract<ToBackground, { type: 'survey' }> {
  if (!isRecord(value)) return false;
  const { url, pageDate, texts } = value;
  return typeof url === 'string' && isPageDate(pageDate) && isStringList(texts);
}
