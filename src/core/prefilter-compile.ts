/**
 * Builds the first stage's filter (prefilter.ts) from an index's patterns: at build time for the
 * bundled index, and in the full stage for imported packs.
 */
import type { CompiledIndex } from './compile';
import type { PatternSpec } from './matcher';
import type { Prefilter } from './prefilter';
import { foldCodePoint } from './word-chars';

const SIGMA = /[σς]/;
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;
/** The matcher's separators between words: a run of whitespace, or one hyphen. */
const SEPARATOR = '(?:\\s+|[\\-\\u2010\\u2011])';

function fold(text: string): string {
  let out = '';
  for (const ch of text) out += String.fromCodePoint(foldCodePoint(ch.codePointAt(0) as number));
  return out;
}

/**
 * What to look for of one pattern: each word, folded unless the pattern is case-sensitive. A
 * folded word is cut at its sigmas, whose lower case depends on where they stand.
 */
function wordsOf({ text, caseSensitive }: PatternSpec): { word: string; exact: boolean }[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (caseSensitive) return words.map((word) => ({ word, exact: true }));
  return words.flatMap((word) =>
    fold(word)
      .split(SIGMA)
      .filter(Boolean)
      .map((run) => ({ word: run, exact: false })),
  );
}

/**
 * How likely a word is on an ordinary page, lowest first: a word written with its case is rarer
 * than the same letters in any case, and a long word rarer than a short one.
 */
/** The phrase as a regular expression over the text as written or lower-cased (prefilter.ts). */
function phraseOf({ text, caseSensitive }: PatternSpec): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const source = (word: string) =>
    caseSensitive
      ? word.replace(REGEX_SPECIAL, '\\$&')
      : fold(word)
          .split(SIGMA)
          .map((run) => run.replace(REGEX_SPECIAL, '\\$&'))
          .join('[σς]');
  return words.map(source).join(SEPARATOR);
}

const commonness = (word: string, exact: boolean) => -(word.length + (exact ? 2 : 0));

export function compilePrefilter(patterns: readonly PatternSpec[]): Prefilter {
  const ids = new Map<string, number>();
  const filter: Prefilter = { words: [], exact: [], patterns: [], phrases: [], exactPhrase: [], always: false };
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

  const found: { words: number[]; phrase: string; exact: boolean }[] = [];
  for (const spec of patterns) {
    const words = wordsOf(spec);
    if (words.length === 0) {
      filter.always = true;
      continue;
    }
    words.sort((a, b) => commonness(a.word, a.exact) - commonness(b.word, b.exact));
    const several = words.length > 1 || (!spec.caseSensitive && SIGMA.test(fold(spec.text)));
    found.push({
      words: [...new Set(words.map(({ word, exact }) => idOf(word, exact)))],
      phrase: several ? phraseOf(spec) : '',
      exact: spec.caseSensitive,
    });
  }
  // A phrase that starts with a one-word pattern adds nothing: wherever it is, that word is too
  // ("Xiaomi" and "Xiaomi Mi 4"). Equal phrases are kept once.
  const single = new Set(found.filter((f) => f.phrase === '').map((f) => f.words[0]));
  const kept = new Set<string>();
  for (const pattern of found) {
    if (pattern.phrase && pattern.words.some((w) => single.has(w))) continue;
    const key = `${pattern.exact ? '=' : '~'}${pattern.phrase || filter.words[pattern.words[0] as number]}`;
    if (kept.has(key)) continue;
    kept.add(key);
    filter.patterns.push(pattern.words);
    filter.phrases.push(pattern.phrase);
    filter.exactPhrase.push(pattern.exact ? 1 : 0);
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
