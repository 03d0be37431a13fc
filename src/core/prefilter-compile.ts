/**
 * Builds the first stage's filter (prefilter.ts) from an index's patterns: at build time for the
 * bundled index, and in the background for imported packs (background/pack-patterns.ts).
 */
import type { CompiledIndex } from './compile';
import { compileGramFilter, type TextFilter, WORDS_FOR_GRAMS } from './gram-filter';
import type { PatternSpec } from './matcher';
import type { Prefilter } from './prefilter';
import { foldCodePoint } from './word-chars';

/** A pattern's words as the first stage looks for them: folded (σ for both sigmas) unless exact. */
export const wordsOf = ({ text, caseSensitive }: PatternSpec): string[] =>
  text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => (caseSensitive ? word : fold(word)));

function fold(text: string): string {
  let out = '';
  for (const ch of text) out += String.fromCodePoint(foldCodePoint(ch.codePointAt(0) as number));
  return out;
}

export function compilePrefilter(patterns: readonly PatternSpec[]): Prefilter {
  const ids = new Map<string, number>();
  const filter: Prefilter = { words: [], exact: [], patterns: [], always: false };
  const idOf = (word: string, exact: boolean) => {
    const key = `${exact ? '=' : '~'}${word}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = filter.words.length;
      ids.set(key, id);
      filter.words.push(word);
      filter.exact.push(exact ? 1 : 0);
    }
    return id;
  };
  const found: number[][] = [];
  for (const spec of patterns) {
    const words = wordsOf(spec);
    if (words.length === 0) filter.always = true;
    else found.push(words.map((word) => idOf(word, spec.caseSensitive)));
  }
  // A phrase that holds a one-word pattern adds nothing: wherever it is, that word is too
  // ("Xiaomi" and "Xiaomi Mi 4"). Equal patterns are kept once.
  const single = new Set(found.filter((f) => f.length === 1).map((f) => f[0]));
  const kept = new Set<string>();
  for (const pattern of found) {
    if (pattern.length > 1 && pattern.some((w) => single.has(w))) continue;
    const key = pattern.join(',');
    if (kept.has(key)) continue;
    kept.add(key);
    filter.patterns.push(pattern);
  }
  return filter;
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

/** The filter of imported packs' indexes: in one pass over the text when they have many words. */
export function packFilterOf(indexes: readonly Pick<CompiledIndex, 'patterns' | 'targets'>[]): TextFilter {
  const filter = compilePrefilter(indexes.flatMap(aliasPatterns));
  return filter.words.length > WORDS_FOR_GRAMS ? compileGramFilter(filter) : filter;
}
