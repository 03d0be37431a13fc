/**
 * The content script's scan, run over a parsed document without a browser: the same walk
 * (text-flow.ts: skipped elements, block boundaries, flows across inline tags), the same matcher
 * and compiled index, the same editable-region rule as scanner.ts. What a DOM library cannot
 * tell is layout: text hidden by the page's styles is judged from the cascade the library
 * computes (display, the hidden attribute), not from boxes.
 */

import { EDITABLE, flowsUnder, locate } from '../content/text-flow';
import type { CompiledIndex } from '../core/compile';
import type { Matcher } from '../core/matcher';

export interface Mention {
  /** Index into `index.patterns`. */
  pattern: number;
  /** The text as on the page, whitespace collapsed. */
  text: string;
  /** A few words either side, whitespace collapsed. */
  before: string;
  after: string;
}

const WHITESPACE = /\s+/g;
const CONTEXT_CHARS = 48;

/** True when the element or an ancestor renders no box (the hidden attribute, display: none). */
function hidden(element: Element, view: Window | null): boolean {
  for (let el: Element | null = element; el; el = el.parentElement) {
    if (el.hasAttribute('hidden')) return true;
    const style = view?.getComputedStyle(el);
    // What checkVisibility() (no options), which the content script asks, calls hidden.
    if (style && (style.display === 'none' || style.getPropertyValue('content-visibility') === 'hidden')) return true;
  }
  return false;
}

function around(text: string, start: number, end: number): { before: string; after: string } {
  let before = text.slice(Math.max(0, start - CONTEXT_CHARS), start).replace(WHITESPACE, ' ');
  let after = text.slice(end, end + CONTEXT_CHARS).replace(WHITESPACE, ' ');
  // Whole words only, where the cut fell inside one.
  if (start > CONTEXT_CHARS) before = `…${before.replace(/^\S*\s/, '')}`;
  if (end + CONTEXT_CHARS < text.length) after = `${after.replace(/\s\S*$/, '')}…`;
  return { before: before.trimStart(), after: after.trimEnd() };
}

/** Every mention in the document's body, in document order. */
export function scanDocument(document: Document, matcher: Matcher, index: CompiledIndex): Mention[] {
  const mentions: Mention[] = [];
  const root = document.body ?? document.documentElement;
  if (!root) return mentions;
  for (const flow of flowsUnder(root, null)) {
    if (flow.nodes.length === 0) continue;
    const matches = matcher.find(flow.text);
    if (matches.length === 0) continue;
    const parent = flow.nodes[0]?.parentElement;
    if (!parent || hidden(parent, document.defaultView)) continue;
    for (const match of matches) {
      if (!index.targets[match.pattern]) continue;
      const where = locate(flow, match.start, match.end);
      if (
        where.startContainer.parentElement?.closest(EDITABLE) ||
        where.endContainer.parentElement?.closest(EDITABLE)
      ) {
        continue;
      }
      mentions.push({
        pattern: match.pattern,
        text: flow.text.slice(match.start, match.end).replace(WHITESPACE, ' '),
        ...around(flow.text, match.start, match.end),
      });
    }
  }
  return mentions;
}
