/**
 * Builds the first stage's filter (prefilter.ts) from an index's patterns: at build time for the
 * bundled index, and in the full stage for imported packs.
 */
import type { CompiledIndex } from './compile';
import type { PatternSpec } from './matcher';
import { type Prefilter, WORD_END, WORD_START } from './prefilter';
import { foldCodePoint } from './word-chars';

/** Shorter needles are in too many ordinary words to rule anything out. */
export const MIN_NEEDLE = 4;
const SIGMA = /[σς]/;
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

function fold(text: string): string {
  let out = '';
  for (const ch of text) out += String.fromCodePoint(foldCodePoint(ch.codePointAt(0) as number));
  return out;
}

/**
 * The pattern's needle, folded: the first sigma-free run of MIN_NEEDLE or more units within one
 * word, else its longest; and whether that run is the whole word. Names put the distinctive word
 * first ("Zoom Video Communications", "Kaspersky Lab"); the longest word is often the most
 * ordinary one.
 */
function needleOf(text: string): { run: string; whole: boolean } {
  let best = { run: '', whole: false };
  for (const word of text.trim().split(/\s+/)) {
    const folded = fold(word);
    for (const run of folded.split(SIGMA)) {
      const found = { run, whole: run === folded };
      if (run.length >= MIN_NEEDLE) return found;
      if (run.length > best.run.length) best = found;
    }
  }
  return best;
}

const escapeRegex = (s: string) => s.replace(REGEX_SPECIAL, '\\$&');

/** The matcher's separators between words: a run of whitespace, or one hyphen. */
const SEPARATOR = '(?:\\s+|[\\-\\u2010\\u2011])';

/**
 * A whole word of a pattern begins and ends at word boundaries; where its first (last) unit is
 * an ASCII letter, digit or underscore, the unit before (after) it in the text is none of those.
 */
const ASCII_WORD = /[a-z0-9_]/;
function edgesOf(word: string): number {
  return (
    (ASCII_WORD.test(word.charAt(0)) ? WORD_START : 0) | (ASCII_WORD.test(word.charAt(word.length - 1)) ? WORD_END : 0)
  );
}
export function compilePrefilter(patterns: readonly PatternSpec[]): Prefilter {
  /** Needle → its edges; the same needle from two patterns keeps only the edges both have. */
  const long = new Map<string, number>();
  const short = new Set<string>();
  let always = false;
  for (const { text } of patterns) {
    const { run, whole } = needleOf(text);
    const edges = whole ? edgesOf(run) : 0;
    if (run.length === 0) always = true;
    else if (run.length >= MIN_NEEDLE || fold(text).split(SIGMA).length > 1) {
      // (A short pattern with a sigma: its word-final form differs; it keeps to its run.)
      long.set(run, (long.get(run) ?? edges) & edges);
    } else {
      const words = fold(text).trim().split(/\s+/);
      const edge = edgesOf(`${words[0]}${words[words.length - 1]}`);
      short.add(
        `${edge & WORD_START ? '(?<![a-z0-9_])' : ''}${words.map(escapeRegex).join(SEPARATOR)}${edge & WORD_END ? '(?![a-z0-9_])' : ''}`,
      );
    }
  }
  // A needle that contains an unbounded one is redundant: any text holding it holds that one.
  const sorted = [...long].sort(([a], [b]) => a.length - b.length || (a < b ? -1 : 1));
  const needles: string[] = [];
  const edges: number[] = [];
  for (const [needle, edge] of sorted) {
    if (needles.some((kept, k) => edges[k] === 0 && needle.includes(kept))) continue;
    needles.push(needle);
    edges.push(edge);
  }
  return { needles, edges, short: [...short].sort().join('|'), always };
}

/**
 * The patterns that can put a dispute on a page: entity aliases. Cues and signals only weigh a
 * dispute an alias brought in (relevance.ts), so a page without an alias shows nothing.
 */
export const aliasPatterns = (index: Pick<CompiledIndex, 'patterns' | 'targets'>): PatternSpec[] =>
  index.patterns.filter((_, i) => (index.targets[i]?.disputes.length ?? 0) > 0);

/** The filter of an index: its aliases. */
export const prefilterOf = (index: Pick<CompiledIndex, 'patterns' | 'targets'>): Prefilter =>
  compilePrefilter(aliasPatterns(index));
