/** Small pure helpers for rendering dataset strings safely and readably. */

/**
 * "2017-08-10" → "10 Aug 2017", "2017-08" → "Aug 2017", "2017" → "2017", in the reader's
 * locale. Dates are calendar dates, so they are formatted in UTC (no off-by-one day).
 */
export function formatDate(date: string, locale?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y) return date;
  const when = new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (m) options.month = 'short';
  if (d) options.day = 'numeric';
  return new Intl.DateTimeFormat(locale, options).format(when);
}
