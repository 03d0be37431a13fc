/**
 * Micro-benchmark of the matcher alone: ns per character on a
 * large English text with 10, 100, 1,000 and 10,000 patterns, against the floor of one native
 * `indexOf('\u0000')` pass over the same text. The in-browser bench measures the full scan and
 * highlight path; this one isolates the matcher so a regression in it is visible on its own.
 *
 * Text: the visible text of the English pages in ../shared/corpus/pages (tags stripped
 * crudely; when the corpus is absent, generated English-like text), repeated to `chars`, with
 * a few real aliases planted per 10 KB. Patterns: the founding dispute's aliases plus
 * generated brand names (4–12 letters, some two-word, mixed case rules), seeded, so every run
 * scans the same text with the same patterns.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMatcher, type PatternSpec } from '../src/core/matcher';
import { seededRandom } from '../tests/support/random';

export interface Row {
  /** Number of patterns in the matcher. */
  patterns: number;
  /** Characters of text scanned per run. */
  chars: number;
  /** Matches found (the same planted ones at every size, plus any generated name that occurs). */
  matches: number;
  /** Median ns per character of one `indexOf('\u0000')` pass over the same text. */
  floorNsPerChar: number;
  /** Median ns per character of `find` over the whole text as one string. */
  nsPerChar: number;
  /** Fastest run of the same: what a quiet machine gives, when other work shares the CPU. */
  minNsPerChar: number;
  /** Median ns per character of `find` called once per block (~paragraph), as the content script does. */
  blocksNsPerChar: number;
  /** nsPerChar / floorNsPerChar. */
  ratioToFloor: number;
  /** nsPerChar / nsPerChar of the 10-pattern row (target ≤ 1.3 at 10,000). */
  ratioTo10: number;
  /** Milliseconds to build the matcher (sizes are built in order, so only the first is fully cold). */
  buildMs: number;
}

export interface Options {
  sizes?: number[];
  /** Approximate length of the scanned text. */
  chars?: number;
  /** Timed runs per measurement; the median is reported. */
  rounds?: number;
  corpusDir?: string;
}

const FOUNDING: PatternSpec[] = [
  { text: 'Xiaomi', caseSensitive: false },
  { text: 'Redmi', caseSensitive: false },
  { text: 'MIUI', caseSensitive: true },
  { text: 'Mi Mover', caseSensitive: false },
  { text: 'Mi 4', caseSensitive: false },
  { text: 'Mi 11', caseSensitive: false },
  { text: 'Smart Lock', caseSensitive: false },
  { text: 'work profile', caseSensitive: false },
  { text: 'eScan', caseSensitive: false },
  { text: 'POCO', caseSensitive: true },
];

function fakeBrand(rand: () => number): PatternSpec {
  const word = () => {
    const length = 4 + Math.floor(rand() * 9);
    let w = '';
    for (let k = 0; k < length; k++) w += String.fromCharCode(97 + Math.floor(rand() * 26));
    return w;
  };
  const style = rand();
  let text = word();
  if (style < 0.25)
    text = text.toUpperCase(); // "ZORVAX", a case-sensitive acronym
  else text = text[0]?.toUpperCase() + text.slice(1);
  if (rand() < 0.2) text += ` ${rand() < 0.5 ? word() : String(Math.floor(rand() * 20))}`;
  return { text, caseSensitive: style < 0.25 || rand() < 0.15 };
}

export function patternSet(size: number): PatternSpec[] {
  const rand = seededRandom(size);
  const specs = FOUNDING.slice(0, size);
  while (specs.length < size) specs.push(fakeBrand(rand));
  return specs;
}

function corpusText(dir: string): string {
  const manifest = join(dir, 'MANIFEST.tsv');
  const english = existsSync(manifest)
    ? readFileSync(manifest, 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'))
        .filter((cols) => cols[6] === 'en')
        .map((cols) => cols[0] as string)
    : readdirSync(dir).filter((f) => f.endsWith('.html'));
  let text = '';
  for (const file of english) {
    text += readFileSync(join(dir, file), 'utf8')
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]*>/g, '\n')
      .replace(/&nbsp;/g, '\u00a0')
      .replace(/&#8217;|&rsquo;/g, '’')
      .replace(/&amp;/g, '&')
      .replace(/[ \t]*\n\s*/g, '\n');
  }
  return text;
}

const COMMON =
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can said what about up out into than them only other its time new some could these two may first then do any like my now over such our man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(
    ' ',
  );

function generatedText(chars: number): string {
  const rand = seededRandom(42);
  const words: string[] = [];
  let length = 0;
  while (length < chars) {
    let w = COMMON[Math.floor(rand() ** 2 * COMMON.length)] as string;
    const r = rand();
    if (r < 0.08) w = w[0]?.toUpperCase() + w.slice(1);
    else if (r < 0.14) w += ',';
    else if (r < 0.2) w += '.';
    else if (r < 0.21) w += '’s';
    else if (r < 0.23) w += '\n';
    words.push(w);
    length += w.length + 1;
  }
  return words.join(' ');
}

/** About `chars` of text with a few founding aliases planted per 10 KB, and its blocks. */
export function benchText(chars: number, corpusDir: string): { text: string; blocks: string[] } {
  const base = existsSync(corpusDir) ? corpusText(corpusDir) : generatedText(chars);
  let text = '';
  while (text.length < chars) text += base;
  text = text.slice(0, chars);
  const rand = seededRandom(7);
  const plants = ['Xiaomi', 'Redmi', 'MIUI', 'Mi\u00a0Mover', 'Mi 4', 'eScan’s', 'Smart Lock'];
  const pieces: string[] = [];
  let at = 0;
  while (at < text.length) {
    const next = text.indexOf(' ', at + 2000 + Math.floor(rand() * 2500));
    if (next < 0) break;
    pieces.push(text.slice(at, next + 1), plants[Math.floor(rand() * plants.length)] as string);
    at = next;
  }
  pieces.push(text.slice(at));
  text = pieces.join('');
  return { text, blocks: text.split('\n') };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function run(options: Options = {}): Promise<Row[]> {
  const sizes = options.sizes ?? [10, 100, 1000, 10000];
  const rounds = options.rounds ?? 15;
  const corpusDir = options.corpusDir ?? join(process.cwd(), '../shared/corpus/pages');
  const { text, blocks } = benchText(options.chars ?? 2_000_000, corpusDir);
  const matchers = sizes.map((size) => {
    const specs = patternSet(size);
    const t0 = performance.now();
    const matcher = createMatcher(specs);
    return { size, matcher, buildMs: performance.now() - t0 };
  });

  let sink = 0;
  const floor = () => {
    sink += text.indexOf('\u0000');
  };
  const samples = new Map<string, number[]>();
  const add = (key: string, ms: number) => samples.set(key, [...(samples.get(key) ?? []), ms]);
  // Interleave floor and every size in each round so drift (thermal, GC) hits all alike.
  for (let round = -3; round < rounds; round++) {
    const floorMs = time(floor);
    if (round >= 0) add('floor', floorMs);
    for (const { size, matcher } of matchers) {
      const wholeMs = time(() => {
        sink += matcher.find(text).length;
      });
      const blocksMs = time(() => {
        for (const block of blocks) sink += matcher.find(block).length;
      });
      if (round >= 0) {
        add(`whole ${size}`, wholeMs);
        add(`blocks ${size}`, blocksMs);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (sink === 0.5) console.log(sink); // keeps the work observable

  const ns = (key: string) => (median(samples.get(key) ?? []) * 1e6) / text.length;
  const minNs = (key: string) => (Math.min(...(samples.get(key) ?? [])) * 1e6) / text.length;
  const floorNs = ns('floor');
  const base = ns(`whole ${sizes[0]}`);
  return matchers.map(({ size, matcher, buildMs }) => ({
    patterns: size,
    chars: text.length,
    matches: matcher.find(text).length,
    floorNsPerChar: floorNs,
    nsPerChar: ns(`whole ${size}`),
    minNsPerChar: minNs(`whole ${size}`),
    blocksNsPerChar: ns(`blocks ${size}`),
    ratioToFloor: ns(`whole ${size}`) / floorNs,
    ratioTo10: ns(`whole ${size}`) / base,
    buildMs,
  }));
}
