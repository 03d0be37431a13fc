/**
 * Walks a subtree's visible text as "flows": the text of consecutive text nodes that read as
 * one run (no block boundary between them), joined into one string with each node's start
 * offset, so a phrase split by inline tags (`Mi <b>Mover</b>`) is found in one piece and mapped
 * back to a StaticRange across nodes (HIGHLIGHTS.md §7). The page is only read, never changed.
 */

export interface Flow {
  /** The joined text of `nodes`. */
  text: string;
  nodes: Text[];
  /** Offset in `text` where each node's data starts (same length as `nodes`, ascending). */
  starts: number[];
}

/** Subtrees whose text is not prose a reader reads (design: Matching → Skip). */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'OPTGROUP',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'svg',
  'math',
  'TITLE',
  'HEAD',
]);

/**
 * Elements that end a run of text. Everything else (span, a, b, custom elements…) is inline by
 * default, so text across it joins up. Tag names avoid a style recalculation per element.
 */
const BREAKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'BUTTON',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'IMG',
  'LEGEND',
  'LI',
  'MAIN',
  'MENU',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

const TEXT_NODE = 3;
const BLANK = /^\s*$/;
/** Whitespace only; the first unit settles most texts without the regex. */
const isBlank = (data: string): boolean => data.charCodeAt(0) <= 0x20 && BLANK.test(data);
const ELEMENT_NODE = 1;

/** Editable regions: the reader's own text, never marked. */
export const EDITABLE = '[contenteditable]:not([contenteditable="false" i])';

/** True for elements whose whole subtree is left alone. */
export function isSkipped(element: Element, ownHost: Element | null): boolean {
  return SKIPPED.has(element.tagName) || element === ownHost || element.matches(EDITABLE);
}

/** The skipped tags as a selector. */
const SKIPPED_SELECTOR = [...SKIPPED].map((tag) => tag.toLowerCase()).join(',');

/**
 * The texts of the outermost skipped elements under `root`: what its `textContent` holds that
 * the scan never reads (the first stage's filter sets it apart, prefilter.ts).
 */
export function skippedTexts(root: Element): string[] {
  const texts: string[] = [];
  for (const element of root.querySelectorAll(SKIPPED_SELECTOR)) {
    if (element.parentElement?.closest(SKIPPED_SELECTOR)) continue;
    texts.push(element.textContent ?? '');
  }
  return texts;
}

/**
 * The text the first stage checks under `root` (prefilter.ts): its `textContent` without that of
 * its skipped children, and, read only when asked, the texts of the skipped elements deeper down.
 * On many pages most of the body's text is the data of inline scripts (90–96% on six of the
 * corpus pages), which the scan never reads; this leaves it unread too, at the cost of a wrapper
 * per child of `root`.
 */
export function checkedText(root: Element): { text: string; skipped: () => string[] } {
  const parts: string[] = [];
  const kept: Element[] = [];
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE) parts.push((node as Text).data);
    else if (node.nodeType === ELEMENT_NODE && !SKIPPED.has((node as Element).tagName)) {
      kept.push(node as Element);
      parts.push(node.textContent ?? '');
    }
  }
  return { text: parts.join(''), skipped: () => kept.flatMap(skippedTexts) };
}

export const isBreak = (element: Element): boolean => BREAKS.has(element.tagName);

/**
 * Whether the reader can see the flow's text (not display:none, not hidden): text they cannot
 * see is not a mention. One check per flow, by its first node's parent; asked only of a flow
 * with a match, since it reads the page's computed style.
 */
export function isSeen(flow: Flow): boolean {
  const parent = flow.nodes[0]?.parentElement;
  return Boolean(parent) && (typeof parent?.checkVisibility !== 'function' || parent.checkVisibility());
}

/** The element whose subtree holds the whole flow around `node`: its nearest breaking ancestor. */
export function flowContainer(node: Node): Element | null {
  let element = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (element && !isBreak(element)) element = element.parentElement;
  return element ?? node.ownerDocument?.body ?? null;
}

/** True if `node` or an ancestor is skipped (for text reported by the MutationObserver). */
export function insideSkipped(node: Node, ownHost: Element | null): boolean {
  for (let el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkipped(el, ownHost)) return true;
  }
  return false;
}

/**
 * Bounds on the work between two yields, so one step of the scan stays well inside a slice
 * (design, non-negotiable 3) even on a page that is one enormous block (200,000 text nodes in a
 * single <div>) or a deep tree with little text. Before V8 has optimised the walk, a visit costs
 * a few microseconds (measured: 1,000 visits ≈ 2–3 ms), so a step stays under half a
 * slice. A flow cut at such a bound can miss a phrase spanning the cut; ordinary prose never
 * comes near these sizes.
 */
export const MAX_FLOW_NODES = 500;
export const MAX_FLOW_CHARS = 20_000;
const MAX_VISITS_PER_STEP = 1000;
/** Nothing to match: just a chance for the caller to pause (the flow being built goes on after it). */
const PAUSE: Flow = Object.freeze({ text: '', nodes: [], starts: [] });

/**
 * Yields the flows under `root` in document order. A generator, so the caller can stop between
 * flows when its time slice is spent and resume later.
 */
export function* flowsUnder(root: Element, ownHost: Element | null): Generator<Flow> {
  let nodes: Text[] = [];
  let starts: number[] = [];
  let parts: string[] = [];
  let length = 0;
  let visits = 0;
  // A plain function, called only when there is a flow: this runs at every block boundary, and
  // a generator per boundary (yield*) cost more than the walk itself in not-yet-optimised code.
  const take = (): Flow => {
    const flow = { text: parts.length === 1 ? (parts[0] as string) : parts.join(''), nodes, starts };
    nodes = [];
    starts = [];
    parts = [];
    length = 0;
    visits = 0;
    return flow;
  };

  // Each DOM property read is a call into the browser: read each one once per node.
  let node: Node | null = root.firstChild;
  while (node) {
    if (++visits >= MAX_VISITS_PER_STEP) {
      if (nodes.length > 0) yield take();
      else {
        visits = 0;
        yield PAUSE;
      }
    }
    let child: Node | null = null;
    const type = node.nodeType;
    if (type === TEXT_NODE) {
      const data = (node as Text).data;
      // No flow starts with a blank node: that would be most text nodes of a page (the line
      // breaks between blocks), each a flow of its own to match. Words never start in blanks.
      if (data.length > 0 && (nodes.length > 0 || !isBlank(data))) {
        nodes.push(node as Text);
        starts.push(length);
        parts.push(data);
        length += data.length;
        if (nodes.length >= MAX_FLOW_NODES || length >= MAX_FLOW_CHARS) yield take();
      }
    } else if (type === ELEMENT_NODE) {
      const tag = (node as Element).tagName;
      // Editable regions are walked like any other and left out at match time (scanner.ts):
      // checking an attribute on every element costs more than a selector on the rare match.
      if (!SKIPPED.has(tag) && node !== ownHost) {
        if (nodes.length > 0 && BREAKS.has(tag)) yield take();
        child = node.firstChild;
      }
    }
    if (child) {
      node = child;
      continue;
    }
    // Climb until a next sibling exists, ending the flow when leaving a breaking element.
    let next: Node | null = node.nextSibling;
    while (!next) {
      node = node.parentNode as Node | null;
      if (!node || node === root) break;
      if (nodes.length > 0 && node.nodeType === ELEMENT_NODE && BREAKS.has((node as Element).tagName)) yield take();
      else if (++visits >= MAX_VISITS_PER_STEP) {
        // Out of a deep tree (the 1,000-deep stress page): climbing counts as visiting too.
        visits = 0;
        yield PAUSE;
      }
      next = node.nextSibling;
    }
    node = next;
  }
  if (nodes.length > 0) yield take();
}

/** Index of the node containing `offset` (a start offset belongs to the node it starts). */
function nodeAt(flow: Flow, offset: number, isEnd: boolean): number {
  let lo = 0;
  let hi = flow.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = flow.starts[mid] as number;
    if (start < offset || (!isEnd && start === offset)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The text nodes and offsets that `[start, end)` of the flow's text covers. */
export function locate(flow: Flow, start: number, end: number) {
  const first = nodeAt(flow, start, false);
  const last = nodeAt(flow, end, true);
  return {
    nodes: flow.nodes.slice(first, last + 1),
    startContainer: flow.nodes[first] as Text,
    startOffset: start - (flow.starts[first] as number),
    endContainer: flow.nodes[last] as Text,
    endOffset: end - (flow.starts[last] as number),
  };
}
