/**
 * Statement dates against the page's own date, at the precision the data has. A statement dated
 * "2017-08" is only known to the month: against a page of 2017-08-10 it is neither before nor
 * after, it is "in the month of this article", and it is never printed with a made-up day.
 * Pure: the caller passes the locale and the words (the UI takes them from _locales).
 */

export type DatePrecision = 'year' | 'month' | 'day';

/** Where a statement falls against the article: the period is the coarser of the two dates'. */
export type PageRelation = 'before' | 'after' | 'same-day' | 'same-month' | 'same-year';

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The precision of a YYYY, YYYY-MM or YYYY-MM-DD date; null for anything else. */
export function precisionOf(date: string): DatePrecision | null {
  const match = PARTIAL_DATE.exec(date);
  if (!match) return null;
  return match[3] ? 'day' : match[2] ? 'month' : 'year';
}

const LENGTH: Record<DatePrecision, number> = { year: 4, month: 7, day: 10 };
const SAME: Record<DatePrecision, PageRelation> = { year: 'same-year', month: 'same-month', day: 'same-day' };

/**
 * Whether a statement came before or after the page, compared at the coarser precision of the
 * two. An approximate day ("about 14 February") is compared only to the month: a day either side
 * could be wrong. Null when the page has no date (no line is shown) or a date is unreadable.
 */
export function relationToPage(date: string, pageDate: string | null, approximate = false): PageRelation | null {
  if (pageDate === null) return null;
  const own = precisionOf(date);
  const page = precisionOf(pageDate);
  if (!own || !page) return null;
  const ownUsable: DatePrecision = approximate && own === 'day' ? 'month' : own;
  const common = LENGTH[ownUsable] <= LENGTH[page] ? ownUsable : page;
  const a = date.slice(0, LENGTH[common]);
  const b = pageDate.slice(0, LENGTH[common]);
  if (a === b) return SAME[common];
  return a < b ? 'before' : 'after';
}

/**
 * The date itself at its own precision, in the reader's locale: "11 August 2017",
 * "August 2017", "2017". Calendar dates, so formatted in UTC (no day shifts by time zone).
 */
export function partialDateText(date: string, locale?: string): string {
  const match = PARTIAL_DATE.exec(date);
  if (!match) return date;
  const [, y, m, d] = match;
  const when = new Date(Date.UTC(Number(y), m ? Number(m) - 1 : 0, d ? Number(d) : 1));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (m) options.month = 'long';
  if (d) options.day = 'numeric';
  return new Intl.DateTimeFormat(locale, options).format(when);
}

/** The words a date phrase is made of, each given the date text ("in August 2017"). */
export interface DateWords {
  /** A date known only to the month or year: "in August 2017", "in 2017". */
  during(text: string): string;
  /** An approximate date: "about 14 February 2020". */
  about(text: string): string;
}

/**
 * A statement's date as a reader should see it: "11 August 2017", "in August 2017", "in 2017",
 * "about 14 February 2020".
 */
export function statementDateText(date: string, approximate: boolean, words: DateWords, locale?: string): string {
  const text = partialDateText(date, locale);
  if (approximate) return words.about(text);
  return precisionOf(date) === 'day' ? text : words.during(text);
}

/** The period a same-month or same-year relation names, as text ("August 2017", "2017"). */
export function sharedPeriodText(date: string, relation: PageRelation, locale?: string): string {
  return partialDateText(date.slice(0, relation === 'same-year' ? 4 : 7), locale);
}
