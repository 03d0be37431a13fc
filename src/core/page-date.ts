/**
 * The page's own publication date, from what the page states about itself. The content script
 * collects the candidates (src/content/page-date.ts); this decides. First found wins, in this
 * order: the article metas (`article:published_time`, `datePublished`), JSON-LD `datePublished`,
 * then a `<time datetime>` in the article's header. A candidate that is not a date is skipped.
 * The date is kept as the page writes it (the publisher's local day), never shifted to UTC.
 */

export interface DateCandidates {
  /** `content` of the published-time metas, in document order. */
  metas: readonly string[];
  /** The text of each `<script type="application/ld+json">`, in document order. */
  jsonLd: readonly string[];
  /** `datetime` of the article header's `<time>` elements, best first. */
  times: readonly string[];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/;

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > days ? null : `${year}-${pad(month)}-${pad(day)}`;
}

/** A date as a page states it, as YYYY-MM-DD; null for anything that is not a whole date. */
export function normalizeDate(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const iso = ISO_DAY.exec(trimmed);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/** `datePublished` from one JSON-LD block: at its top level, in `@graph`, or in an array of items. */
export function jsonLdDate(text: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null; // a malformed block says nothing
  }
  const items: unknown[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 3) return;
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (typeof value === 'object' && value !== null) {
      items.push(value);
      visit((value as Record<string, unknown>)['@graph'], depth + 1);
    }
  };
  visit(data, 0);
  for (const item of items) {
    const date = normalizeDate((item as Record<string, unknown>).datePublished);
    if (date) return date;
  }
  return null;
}

export function pageDateFrom({ metas, jsonLd, times }: DateCandidates): string | null {
  for (const meta of metas) {
    const date = normalizeDate(meta);
    if (date) return date;
  }
  for (const block of jsonLd) {
    const date = jsonLdDate(block);
    if (date) return date;
  }
  for (const time of times) {
    const date = normalizeDate(time);
    if (date) return date;
  }
  return null;
}
