/**
 * A problem found in a file, a dataset or the settings, and its one written form. The path is
 * kept as a list of keys until it is shown, so code that moves a problem (into an export's
 * pack, back to the place in a converted file) works on keys and never parses a path string.
 */

export type Key = string | number;

export interface Problem {
  /** Keys from the document's top to the bad value; empty for the document as a whole. */
  path: Key[];
  message: string;
  /**
   * A problem about the file as a whole (size, syntax), the storage it would go into, or a
   * converted pack at a path the file has no place for.
   */
  scope?: 'file' | 'storage' | 'converted';
}

/** `disputes[0].claims[1]`, `@graph[2].author`, `(root)` for the whole document. */
export function formatPath(keys: readonly Key[]): string {
  if (keys.length === 0) return '(root)';
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[@$A-Za-z_][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Where a problem is, as shown: "(file)", "(storage)" or the path. */
export function formatWhere(problem: Problem): string {
  switch (problem.scope) {
    case 'file':
    case 'storage':
      return `(${problem.scope})`;
    case 'converted':
      return `(converted pack) ${formatPath(problem.path)}`;
    default:
      return formatPath(problem.path);
  }
}

/** One line per problem: `path: message`. */
export function formatProblems(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${formatWhere(p)}: ${p.message}`);
}

/** Problems of a part of a document, moved under the part's place in the whole (`packs[0].dataset`). */
export function problemsUnder(at: readonly Key[], problems: readonly Problem[]): Problem[] {
  return problems.map((p) => (p.scope ? p : { ...p, path: [...at, ...p.path] }));
}
