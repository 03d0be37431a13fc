/**
 * Collects what the page states about its own publication date, for core/page-date.ts to
 * decide. Reads only: a few selector queries, once at start and on history navigation.
 */
import { pageDateFrom } from '../core/page-date';

const METAS =
  'meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"]';
/** The article header's time first; then the first time anywhere in the article. */
const TIMES = ['article header time[datetime]', 'article time[datetime]'];

export function readPageDate(doc: Document = document): string | null {
  const metas = [...doc.querySelectorAll<HTMLMetaElement>(METAS)].map(
    (meta) => meta.getAttribute('content') ?? meta.getAttribute('datetime') ?? '',
  );
  const jsonLd = [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent ?? '');
  const times: string[] = [];
  for (const selector of TIMES) {
    const time = doc.querySelector(selector);
    const value = time?.getAttribute('datetime');
    if (value) times.push(value);
  }
  return pageDateFrom({ metas, jsonLd, times });
}
