/**
 * Pages the bench generates: three stress pages and the living pages. All are
 * deterministic (seeded), so every run measures the same DOM.
 */
import { existsSync, readFileSync } from 'node:fs';
import { seededRandom } from '../../tests/support/random';
import { benchText } from '../matcher-scaling';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const shell = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${head}</head><body>${body}</body></html>`;

const WORDS =
  'the of and to in is that for it as was with be by on not this are or from at which but have an they you were there been one all we their has would when if so no will more can said what about up out into than them only other its time new some could these two may first then do any like now over such our even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see work long get here between both life being under never day same another know while last might great old year off come since against go came right used take three'.split(
    ' ',
  );

/** A 5 MB article: English text from the corpus (or generated), real aliases planted every few KB. */
export function article5mb(corpusDir: string): string {
  const { blocks } = benchText(5_000_000, corpusDir);
  const paragraphs: string[] = [];
  let para = '';
  // Join the corpus' short lines into paragraphs of ~600 characters, as an article has.
  for (const block of blocks) {
    const line = block.trim();
    if (!line) continue;
    para += (para ? ' ' : '') + line;
    if (para.length > 600) {
      paragraphs.push(`<p>${escapeHtml(para)}</p>`);
      para = '';
    }
  }
  if (para) paragraphs.push(`<p>${escapeHtml(para)}</p>`);
  return shell('A 5 MB article', `<article><h1>A very long article</h1>\n${paragraphs.join('\n')}\n</article>`);
}

/** 200,000 small text nodes: 10,000 paragraphs of 10 one-word spans with spaces between. */
export function textNodes200k(): string {
  const rand = seededRandom(200_000);
  const out: string[] = [];
  for (let p = 0; p < 10_000; p++) {
    const spans: string[] = [];
    for (let w = 0; w < 10; w++) {
      let word = WORDS[Math.floor(rand() * WORDS.length)] as string;
      if (w === 4 && p % 25 === 0) word = 'Xiaomi';
      if (w === 6 && p % 40 === 0) word = 'Mi</span> <span>Mover'; // a phrase across two spans
      spans.push(`<span>${word}</span>`);
    }
    out.push(`<p>${spans.join(' ')}</p>`); // 10 span texts + 9 spaces (+ the joined phrase's space) per paragraph
  }
  return shell('200,000 text nodes', `<main>${out.join('\n')}</main>`);
}

/** Five towers of 1,000 nested elements (div and span alternating), a sentence at every level. */
export function nesting1000(): string {
  const towers: string[] = [];
  for (let t = 0; t < 5; t++) {
    let open = '';
    let close = '';
    for (let depth = 0; depth < 1000; depth++) {
      const tag = depth % 2 ? 'span' : 'div';
      const mention = depth % 100 === 99 ? ' Xiaomi denied the report.' : '';
      open += `<${tag}>Level ${depth} of tower ${t}.${mention} `;
      close = `</${tag}>${close}`;
    }
    towers.push(open + close);
  }
  return shell('1,000-deep nesting', towers.join('\n'));
}

export const STRESS_PAGES = ['article-5mb', 'text-nodes-200k', 'nesting-1000'] as const;
export type StressPage = (typeof STRESS_PAGES)[number];

const generated = new Map<StressPage, string>();

/** The stress page's HTML, generated once per run. */
export function stressPage(name: StressPage, corpusDir: string): string {
  let html = generated.get(name);
  if (html === undefined) {
    html =
      name === 'article-5mb' ? article5mb(corpusDir) : name === 'text-nodes-200k' ? textNodes200k() : nesting1000();
    generated.set(name, html);
  }
  return html;
}

/** The founding article's paragraphs (from ../shared/sources), or a short stand-in. */
function foundingParagraphs(foundingText: string): string[] {
  if (existsSync(foundingText)) {
    const lines = readFileSync(foundingText, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length > 2) return lines;
  }
  return [
    'Xiaomi denies security flaws in MIUI reported by eScan',
    'The antivirus firm eScan said Xiaomi’s MIUI lets apps like Mi Mover bypass the security app, work profiles and Smart Lock.',
    'Xiaomi said the claims were inaccurate and that Redmi and Mi phones are secure.',
  ];
}

export type LivingKind = 'ticker' | 'feed';

export interface LivingOptions {
  kind: LivingKind;
  /** Extra generated mentions on the page (the 2,000-mention ticker). */
  mentions: number;
  /** Ranges the page registers in its own highlight (the API floor: 1). */
  pageRanges: number;
  /**
   * Ranges the page registers itself, copied from the extension's on the same page: what
   * Chromium charges for exactly the highlights the extension registers, without its code.
   */
  copied?: { ranges: CopiedRange[]; css: string };
}

/**
 * One of the extension's registered ranges, as `__living.ranges()` reads it: its highlight's
 * name, and its ends as (index of the text node among the body's text nodes, offset).
 */
export type CopiedRange = [name: string, startNode: number, startOffset: number, endNode: number, endOffset: number];

/** Whether a value (a query parameter, parsed) is a list of copied ranges. */
export const isCopiedRanges = (value: unknown): value is CopiedRange[] =>
  Array.isArray(value) &&
  value.every(
    (r) =>
      Array.isArray(r) &&
      r.length === 5 &&
      typeof r[0] === 'string' &&
      /^counterclaim-[a-z-]+$/.test(r[0]) &&
      r.slice(1).every((n: unknown) => Number.isInteger(n) && (n as number) >= 0),
  );

const FILLER = [
  'Analysts compared the flagship with last year’s model.',
  'Retail prices fell across the region in the last quarter.',
  'The company will publish its results next month.',
  'Reviewers praised the battery life and the camera.',
];

/**
 * A page that mentions the founding dispute and, once `__living.run(ms)` is called, keeps
 * changing: a ticker rewriting one unrelated element's text every animation frame, or a feed
 * appending a paragraph every 200 ms (every third mentions Xiaomi). `run` records every
 * animation frame's timestamp and resolves with the intervals.
 */
export function livingPage(options: LivingOptions, foundingText: string): string {
  const article = foundingParagraphs(foundingText).map((line, i) =>
    i === 0 ? `<h1>${escapeHtml(line)}</h1>` : `<p>${escapeHtml(line)}</p>`,
  );
  const extra: string[] = [];
  const names = ['Xiaomi', 'MIUI', 'Redmi', 'Mi Mover', 'Xiaomi'];
  for (let i = 0; i < options.mentions; i += 5) {
    const n = Math.min(5, options.mentions - i);
    const words = names.slice(0, n).map((name, k) => `${name} ${FILLER[(i + k) % FILLER.length]}`);
    extra.push(`<p>${escapeHtml(words.join(' '))}</p>`);
  }
  const script = `
(() => {
  const kind = ${JSON.stringify(options.kind)};
  const pageRanges = ${options.pageRanges};
  const ticker = document.getElementById('ticker');
  const feed = document.getElementById('feed');
  const filler = ${JSON.stringify(FILLER)};
  if (pageRanges > 0) {
    // What any Highlight-API marker pays: ranges registered by the page itself.
    const highlight = new Highlight();
    const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && highlight.size < pageRanges; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/Xiaomi|MIUI|Redmi|Mi Mover/g)) {
        if (highlight.size >= pageRanges) break;
        highlight.add(new StaticRange({ startContainer: node, startOffset: m.index, endContainer: node, endOffset: m.index + m[0].length }));
      }
    }
    CSS.highlights.set('bench-page', highlight);
  }
  const copied = ${JSON.stringify(options.copied?.ranges ?? [])};
  const textNodes = () => {
    const nodes = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    return nodes;
  };
  if (copied.length > 0) {
    const nodes = textNodes();
    for (const [name, startNode, startOffset, endNode, endOffset] of copied) {
      const highlight = CSS.highlights.get(name) ?? new Highlight();
      highlight.add(new StaticRange({ startContainer: nodes[startNode], startOffset, endContainer: nodes[endNode], endOffset }));
      CSS.highlights.set(name, highlight);
    }
  }
  window.__living = {
    run(ms) {
      return new Promise((resolve) => {
        const stamps = [];
        let frame = 0;
        let appended = 0;
        const t0 = performance.now();
        let timer = 0;
        if (kind === 'feed') {
          timer = setInterval(() => {
            const p = document.createElement('p');
            const n = appended++;
            p.textContent = (n % 3 === 0 ? 'Xiaomi shipped an update to MIUI today. ' : 'Update ' + n + ': ') + filler[n % filler.length];
            feed.appendChild(p);
          }, 200);
        }
        const tick = (ts) => {
          stamps.push(ts);
          if (kind === 'ticker') ticker.textContent = 'DAX ' + (18000 + ((frame * 7919) % 1000) / 10).toFixed(2) + ' ▲ frame ' + frame;
          frame++;
          if (performance.now() - t0 < ms) requestAnimationFrame(tick);
          else {
            clearInterval(timer);
            const intervals = [];
            for (let i = 1; i < stamps.length; i++) intervals.push(stamps[i] - stamps[i - 1]);
            resolve({ intervals, frames: stamps.length, appended });
          }
        };
        requestAnimationFrame(tick);
      });
    },
    ranges() {
      const nodes = textNodes();
      const out = [];
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('counterclaim-')) continue;
        for (const r of highlight) {
          const start = nodes.indexOf(r.startContainer);
          const end = nodes.indexOf(r.endContainer);
          if (start >= 0 && end >= 0) out.push([name, start, r.startOffset, end, r.endOffset]);
        }
      }
      return out;
    },
    highlighted() {
      let n = 0;
      for (const name of ['counterclaim-dispute', 'counterclaim-claim', 'counterclaim-dispute-tint', 'counterclaim-claim-tint', 'bench-page']) n += CSS.highlights.get(name)?.size ?? 0;
      return n;
    },
  };
})();`;
  const body = `<div id="ticker" style="font:14px monospace">DAX 18000.00</div>
<article>${article.join('\n')}\n${extra.join('\n')}</article>
<section id="feed"></section>
<script>${script}</script>`;
  return shell(
    `Living page: ${options.kind}`,
    body,
    `<style>::highlight(bench-page){text-decoration:underline}\n${options.copied?.css ?? ''}</style>`,
  );
}
