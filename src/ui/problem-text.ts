/**
 * Problems in the reader's words: core says which message and with which values, and where
 * (src/core/problems.ts); this is the one place that puts them into text, for the options page
 * and, over the same messages.json, for `npm run validate` and the build.
 */
import { formatPath, type Problem, type Value } from '../core/problems';
import { type MessageKey, plural, type Translate } from './i18n';

/** A value of a problem: as it is, or worded when it is a phrase. */
export const valueText = (t: Translate, value: Value): string =>
  typeof value === 'string'
    ? value
    : t(
        value.code,
        (value.values ?? []).map((v) => valueText(t, v)),
      );

/** What is wrong, without where. */
export function problemText(t: Translate, problem: Problem): string {
  const values = (problem.values ?? []).map((v) => valueText(t, v));
  return problem.count === undefined
    ? t(problem.code as MessageKey, values)
    : plural(t, problem.code, problem.count, values);
}

/** Where a problem is: "(file)", "(storage)", "(root)" or the path. */
export function problemWhere(t: Translate, problem: Problem): string {
  switch (problem.scope) {
    case 'file':
      return t('whereFile');
    case 'storage':
      return t('whereStorage');
    case 'converted':
      return t('whereConverted', formatPath(problem.path));
    default:
      return problem.path.length === 0 ? t('whereRoot') : formatPath(problem.path);
  }
}

/** One line per problem: `where: what`. */
export function problemLines(t: Translate, problems: readonly Problem[]): string[] {
  return problems.map((p) => `${problemWhere(t, p)}: ${problemText(t, p)}`);
}
