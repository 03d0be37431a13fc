/**
 * A problem found in a file, a dataset or the settings. Core says what and where as data: a
 * message name from _locales with its values, and the path as a list of keys; the page or the
 * command line puts it into words (src/ui/problem-text.ts). Code that moves a problem (into an
 * export's pack, back to the place in a converted file) works on keys and never parses text.
 */
import type messages from '../../public/_locales/en/messages.json';

export type Key = string | number;

type MessageName = keyof typeof messages;
type ProblemName = Extract<MessageName, `problem${string}`>;

/** A part of a problem's words that is worded itself: "a string ("x")", "there is no month 13". */
export interface Phrase {
  code: Extract<MessageName, `phrase${string}`>;
  values?: Value[];
}
export type Value = string | Phrase;
/** Problems said in two forms (`…One`, `…Many`), by the name they share. */
type CountedName = {
  [K in ProblemName]: K extends `${infer Base}One` ? (`${Base}Many` extends MessageName ? Base : never) : never;
}[ProblemName];

/**
 * The words of a problem: a message name and the values for its placeholders, in order. A
 * counted problem names its two forms; its count is the first value of either.
 */
export type ProblemWords =
  | { code: Exclude<ProblemName, `${CountedName}One` | `${CountedName}Many`>; values?: Value[]; count?: undefined }
  | { code: CountedName; values?: Value[]; count: number };

export type Problem = ProblemWords & {
  /** Keys from the document's top to the bad value; empty for the document as a whole. */
  path: Key[];
  /**
   * A problem about the file as a whole (size, syntax), the storage it would go into, or a
   * converted pack at a path the file has no place for.
   */
  scope?: 'file' | 'storage' | 'converted';
};

/**
 * `disputes[0].claims[1]`, `@graph[2].author`; empty for the whole document. From `start` on,
 * the keys are written as the rest of the path (`.claims[1]` after `disputes[0]`).
 */
export function formatPath(keys: readonly Key[], start = 0): string {
  let out = '';
  keys.slice(start).forEach((key, i) => {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[@$A-Za-z_][\w$]*$/.test(key)) out += i > 0 || start > 0 ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  });
  return out;
}

/** Problems of a part of a document, moved under the part's place in the whole (`packs[0].dataset`). */
export function problemsUnder(at: readonly Key[], problems: readonly Problem[]): Problem[] {
  return problems.map((p) => (p.scope ? p : { ...p, path: [...at, ...p.path] }));
}

/** A failed write that core can say more about than an Error message: the page words the problems. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.code).join(', '));
  }
}
