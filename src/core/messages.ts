/**
 * Every message between the extension's parts, as one discriminated union keyed by `type`,
 * with the reply each one gets. Sender and receiver both import from here, so a new message
 * or a changed payload fails `tsc` on both sides (STYLE.md §2).
 */
import type { Dispute, Source } from './schema';

/** What a tab's content script found: dispute ids and how often each alias text was seen. */
export interface PageFindings {
  /** Ids of the disputes on the page (at least one of their entities is mentioned). */
  disputes: string[];
  /** Mentions per dispute, by the text as written on the page ("Xiaomi" → 6). */
  mentions: Record<string, Record<string, number>>;
}

export interface TabState extends PageFindings {
  url: string;
  paused: boolean;
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
  | { type: 'dispute-details'; ids: string[] };

export interface BackgroundReplies {
  findings: undefined;
  'tab-state': TabState | null;
  'dispute-details': DisputeDetails;
}

/** Messages handled by a tab's content script. */
export type ToContent = { type: 'next-mention' } | { type: 'findings-request' };

export interface ContentReplies {
  'next-mention': boolean;
  'findings-request': { url: string; findings: PageFindings };
}

export type BackgroundReply<M extends ToBackground> = BackgroundReplies[M['type']];
export type ContentReply<M extends ToContent> = ContentReplies[M['type']];

const BACKGROUND_TYPES: ReadonlySet<string> = new Set<ToBackground['type']>([
  'findings',
  'tab-state',
  'dispute-details',
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

/** Checks a content script's reply (it crossed a process boundary) before it is stored. */
export function isPageFindings(value: unknown): value is PageFindings {
  if (typeof value !== 'object' || value === null) return false;
  const { disputes, mentions } = value as Partial<PageFindings>;
  return (
    Array.isArray(disputes) &&
    disputes.every((id) => typeof id === 'string') &&
    typeof mentions === 'object' &&
    mentions !== null
  );
}
