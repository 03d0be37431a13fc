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

/** The viewport width media queries are judged at: a desktop window, as the browsers' tests open. */
const VIEWPORT_WIDTH = 1280;

/** True when a media query list holds at VIEWPORT_WIDTH on a screen; unknown features do not. */
export function mediaMatches(media: string): boolean {
  return media.split(',').some((query) => {
    const q = query.trim().toLowerCase();
    if (q === '' || q === 'all' || q === 'screen' || q === 'only screen') return true;
    if (q.startsWith('not ')) return false;
    return q.split(/\s+and\s+/).every((part) => {
      if (part === 'screen' || part === 'all' || part === 'only screen') return true;
      const feature = /^\((min|max)-width:\s*([\d.]+)(px|em|rem)\)$/.exec(part.trim());
      if (!feature) return false;
      const px = Number(feature[2]) * (feature[3] === 'px' ? 1 : 16);
      return feature[1] === 'min' ? VIEWPORT_WIDTH >= px : VIEWPORT_WIDTH <= px;
    });
  });
}

/** A style rule that sets `display`, in document order. */
interface DisplayRule {
  selectors: string[];
  none: boolean;
  important: boolean;
}

/**
 * Every rule that sets `display`, in document order, with @media rules that hold at the
 * viewport, and @supports and @layer as if they hold. The DOM library parses style sheets but
 * its cascade leaves grouped rules out, and pages hide whole menus in them; so the `display`
 * cascade is done here, for the few elements whose text holds a mention.
 */
function displayRules(document: Document): DisplayRule[] {
  const rules: DisplayRule[] = [];
  const visit = (list: CSSRuleList) => {
    for (const rule of Array.from(list)) {
      if ('selectorText' in rule) {
        const style = (rule as CSSStyleRule).style;
        const display = style.getPropertyValue('display');
        if (display === '') continue;
        rules.push({
          selectors: splitSelectors((rule as CSSStyleRule).selectorText),
          none: display.trim() === 'none',
          important: style.getPropertyPriority('display') === 'important',
        });
      } else if ('cssRules' in rule) {
        const media = 'media' in rule ? (rule as CSSMediaRule).media.mediaText : '';
        if (mediaMatches(media)) visit((rule as CSSGroupingRule).cssRules);
      }
    }
  };
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      visit(sheet.cssRules);
    } catch {
      // A sheet the library could not read hides nothing here.
    }
  }
  return rules;
}

/** A selector list's selectors, split at top-level commas. */
function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

/** Specificity as one comparable number (ids, then classes/attributes/pseudo-classes, then types). */
function specificity(selector: string): number {
  const bare = selector.replace(/\[[^\]]*\]/g, '[]').replace(/::[\w-]+/g, '');
  const ids = (bare.match(/#[\w-]+/g) ?? []).length;
  const classes = (bare.match(/\.[\w-]+|\[\]|:(?!not\(|is\(|where\()[\w-]+/g) ?? []).length;
  const types = (bare.match(/(^|[\s>+~(])[a-z][\w-]*/gi) ?? []).length;
  return ids * 1_000_000 + classes * 1_000 + types;
}

/** Whether the cascade of `rules` (and the element's own style attribute) gives display: none. */
function displayNone(element: Element, rules: readonly DisplayRule[]): boolean {
  const inline = (element as HTMLElement).style;
  if (inline?.getPropertyValue('display')) return inline.getPropertyValue('display').trim() === 'none';
  let best: { important: boolean; weight: number; none: boolean } | null = null;
  for (const rule of rules) {
    let weight = -1;
    for (const selector of rule.selectors) {
      try {
        if (element.matches(selector)) weight = Math.max(weight, specificity(selector));
      } catch {
        // a selector the library does not support matches nothing
      }
    }
    if (weight < 0) continue;
    // Later rules win ties: document order is the loop's order.
    if (!best || (rule.important && !best.important) || (rule.important === best.important && weight >= best.weight)) {
      best = { important: rule.important, weight, none: rule.none };
    }
  }
  return best?.none ?? false;
}

/** True when the element or an ancestor renders no box, as checkVisibility() (no options) says. */
function hidden(element: Element, rules: readonly DisplayRule[], seen: Map<Element, boolean>): boolean {
  const path: Element[] = [];
  let result = false;
  for (let el: Element | null = element; el; el = el.parentElement) {
    const known = seen.get(el);
    if (known !== undefined) {
      result = known;
      break;
    }
    path.push(el);
    // The hidden attribute, a closed <dialog>, and all but the summary of a closed <details>.
    const parent: Element | null = el.parentElement;
    if (
      el.hasAttribute('hidden') ||
      (el.tagName === 'DIALOG' && !el.hasAttribute('open')) ||
      (parent?.tagName === 'DETAILS' &&
        !parent.hasAttribute('open') &&
        el !== parent.querySelector(':scope > summary')) ||
      displayNone(el, rules)
    ) {
      result = true;
      break;
    }
  }
  for (const el of path) seen.set(el, result);
  return result;
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
  let rules: DisplayRule[] | null = null;
  const seen = new Map<Element, boolean>();
  for (const flow of flowsUnder(root, null)) {
    if (flow.nodes.length === 0) continue;
    const matches = matcher.find(flow.text);
    if (matches.length === 0) continue;
    const parent = flow.nodes[0]?.parentElement;
    rules ??= displayRules(document);
    if (!parent || hidden(parent, rules, seen)) continue;
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
