import { describe, expect, it } from 'vitest';
import {
  partialDateText,
  precisionOf,
  relationToPage,
  sharedPeriodText,
  statementDateText,
} from '../../src/core/dates';

const words = { during: (s: string) => `in ${s}`, about: (s: string) => `about ${s}` };

describe('a statement date against the article', () => {
  it('is before or after the article when both are known to the day', () => {
    expect(relationToPage('2017-08-11', '2017-08-10')).toBe('after');
    expect(relationToPage('2017-08-09', '2017-08-10')).toBe('before');
    expect(relationToPage('2017-08-10', '2017-08-10')).toBe('same-day');
  });

  it('is compared at the precision the statement has, never a made-up day', () => {
    expect(relationToPage('2017-08', '2017-08-10')).toBe('same-month');
    expect(relationToPage('2017-08', '2017-09-01')).toBe('before');
    expect(relationToPage('2017', '2017-08-10')).toBe('same-year');
    expect(relationToPage('2017', '2018-03-02')).toBe('before');
    expect(relationToPage('2019-01', '2018-03-02')).toBe('after');
  });

  it('takes the coarser precision when the page is dated only to the month or year', () => {
    expect(relationToPage('2017-08-11', '2018')).toBe('before');
    expect(relationToPage('2018-05-11', '2018')).toBe('same-year');
    expect(relationToPage('2017-08-11', '2017-08')).toBe('same-month');
  });

  it('compares an approximate day only to the month', () => {
    expect(relationToPage('2020-02-14', '2020-02-15', true)).toBe('same-month');
    expect(relationToPage('2020-02-14', '2020-03-01', true)).toBe('before');
    expect(relationToPage('2020-02-14', '2020-02-15')).toBe('before');
  });

  it('says nothing for an undated page or an unreadable date', () => {
    expect(relationToPage('2017-08-11', null)).toBeNull();
    expect(relationToPage('August 2017', '2017-08-10')).toBeNull();
    expect(relationToPage('2017-08-11', 'yesterday')).toBeNull();
  });
});

describe('a statement date as text', () => {
  it('keeps the precision the data has', () => {
    expect(precisionOf('2017-08-11')).toBe('day');
    expect(precisionOf('2017-08')).toBe('month');
    expect(precisionOf('2017')).toBe('year');
    expect(partialDateText('2017-08-11', 'en-GB')).toBe('11 August 2017');
    expect(partialDateText('2017-08', 'en-GB')).toBe('August 2017');
    expect(partialDateText('2017', 'en-GB')).toBe('2017');
  });

  it('does not shift the day in a time zone west of UTC', () => {
    expect(partialDateText('2017-08-01', 'en-GB')).toBe('1 August 2017');
  });

  it('reads "in" a month or year, and "about" an approximate date', () => {
    expect(statementDateText('2017-08-11', false, words, 'en-GB')).toBe('11 August 2017');
    expect(statementDateText('2017-08', false, words, 'en-GB')).toBe('in August 2017');
    expect(statementDateText('2017', false, words, 'en-GB')).toBe('in 2017');
    expect(statementDateText('2020-02-14', true, words, 'en-GB')).toBe('about 14 February 2020');
  });

  it('names the shared period of a same-month or same-year statement', () => {
    expect(sharedPeriodText('2017-08', 'same-month', 'en-GB')).toBe('August 2017');
    expect(sharedPeriodText('2017-08-11', 'same-year', 'en-GB')).toBe('2017');
  });
});
