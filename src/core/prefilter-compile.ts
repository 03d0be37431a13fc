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
const wordsOf = ({ text, caseSensitive }: PatternSpec): string[] =>
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

/** A phrase of the filter as a key: looked for as written or folded, and its words. */
export const phraseKey = (asWritten: boolean, words: readonly string[]): string =>
  `${asWritten ? '=' : '~'}${words.join(' ')}`;

interface FilterPlan {
  filter: Prefilter;
  /** Per phrase of the filter (phraseKey), the indexes of the patterns it stands for. */
  standsFor: Map<string, number[]>;
}

function planFilter(patterns: readonly PatternSpec[]): FilterPlan {
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
  const found: { at: number; ids: number[] }[] = [];
  patterns.forEach((spec, at) => {
    const words = wordsOf(spec);
    if (words.length === 0) filter.always = true;
    else found.push({ at, ids: words.map((word) => idOf(word, spec.caseSensitive)) });
  });
  const keyOf = (pattern: readonly number[]) =>
    phraseKey(
      filter.exact[pattern[0] as number] === 1,
      pattern.map((w) => filter.words[w] as string),
    );
  const standsFor = new Map<string, number[]>();
  const stand = (key: string, at: number) => {
    const list = standsFor.get(key);
    if (list) list.push(at);
    else standsFor.set(key, [at]);
  };
  // A phrase that holds a one-word pattern adds nothing: wherever it is, that word is too
  // ("Xiaomi" and "Xiaomi Mi 4"), which then stands for it. Equal patterns are kept once.
  const single = new Set(found.filter((f) => f.ids.length === 1).map((f) => f.ids[0]));
  const kept = new Set<string>();
  for (const { at, ids: pattern } of found) {
    const heldBy = pattern.length > 1 ? pattern.filter((w) => single.has(w)) : [];
    for (const w of heldBy) stand(keyOf([w]), at);
    if (heldBy.length > 0) continue;
    stand(keyOf(pattern), at);
    const key = pattern.join(',');
    if (kept.has(key)) continue;
    kept.add(key);
    filter.patterns.push(pattern);
  }
  return { filter, standsFor };
}

export const compilePrefilter = (patterns: readonly PatternSpec[]): Prefilter => planFilter(patterns).filter;

/**
 * Per phrase of the filter of `patterns` (phraseKey), the indexes of the patterns it stands for:
 * what a phrase found in a text may name.
 */
export const phrasesStandingFor = (patterns: readonly PatternSpec[]): Map<string, number[]> =>
  planFilter(patterns).standsFor;

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
