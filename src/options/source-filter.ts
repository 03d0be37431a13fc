/**
 * Which of a kind's sources the options page lists. A large pack brings thousands (the generated
 * 20,000-dispute pack has 20,200 sources), and a page of 20,000 switches took Chromium 3 s to
 * render and no reader can scan it; past SOURCES_LISTED a kind is searched by name instead.
 * Switched-off sources are listed first, so the reader always sees what is off.
 */
export const SOURCES_LISTED = 50;

export interface ListedSources<Row> {
  rows: Row[];
  /** Sources of the kind that match the query, listed or not. */
  matching: number;
}

export function listedSources<Row extends { id: string; name: string }>(
  rows: readonly Row[],
  query: string,
  off: ReadonlySet<string>,
  limit = SOURCES_LISTED,
): ListedSources<Row> {
  const needle = query.trim().toLocaleLowerCase();
  const matching = needle === '' ? rows : rows.filter((row) => row.name.toLocaleLowerCase().includes(needle));
  if (matching.length <= limit) return { rows: [...matching], matching: matching.length };
  const first = matching.filter((row) => off.has(row.id));
  const rest = matching.filter((row) => !off.has(row.id));
  return { rows: [...first, ...rest].slice(0, Math.max(limit, first.length)), matching: matching.length };
}
