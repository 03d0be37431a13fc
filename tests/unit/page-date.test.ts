import { describe, expect, it } from 'vitest';
import { jsonLdDate, normalizeDate, pageDateFrom } from '../../src/core/page-date';

const none = { metas: [], jsonLd: [], times: [] };

describe('normalizeDate', () => {
  it.each([
    ['2017-08-10', '2017-08-10'],
    ['2017-08-10T23:30:00+05:30', '2017-08-10'], // the publisher's own day, not shifted to UTC
    ['  2018-02-28T08:00:00Z ', '2018-02-28'],
    ['2020-02-29 10:00', '2020-02-29'],
  ])('%j → %s', (text, date) => {
    expect(normalizeDate(text)).toBe(date);
  });

  it.each([
    '',
    'yesterday',
    '2017-13-01',
    '2019-02-29',
    '2017-08',
    '2017',
    '10/08/2017',
    '2017-08-10x',
    20170810,
    null,
  ])('%j is not a date', (text) => {
    expect(normalizeDate(text)).toBeNull();
  });
});

describe('jsonLdDate', () => {
  it('reads datePublished at the top level, in @graph, or in an array', () => {
    expect(jsonLdDate('{"@type":"NewsArticle","datePublished":"2017-08-10T09:00:00Z"}')).toBe('2017-08-10');
    expect(
      jsonLdDate(
        '{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"Article","datePublished":"2018-03-14"}]}',
      ),
    ).toBe('2018-03-14');
    expect(jsonLdDate('[{"@type":"Organization"},{"@type":"NewsArticle","datePublished":"2019-11-02"}]')).toBe(
      '2019-11-02',
    );
  });

  it('ignores malformed JSON-LD and blocks without a usable date', () => {
    expect(jsonLdDate('{"datePublished": "2017-08-10",')).toBeNull();
    expect(jsonLdDate('{"dateModified":"2017-08-10"}')).toBeNull();
    expect(jsonLdDate('{"datePublished":"soon"}')).toBeNull();
    expect(jsonLdDate('"2017-08-10"')).toBeNull();
  });
});

describe('pageDateFrom: first found wins', () => {
  it('meta before JSON-LD before the header time', () => {
    const all = { metas: ['2017-08-10'], jsonLd: ['{"datePublished":"2018-01-01"}'], times: ['2019-01-01'] };
    expect(pageDateFrom(all)).toBe('2017-08-10');
    expect(pageDateFrom({ ...all, metas: [] })).toBe('2018-01-01');
    expect(pageDateFrom({ ...all, metas: [], jsonLd: [] })).toBe('2019-01-01');
  });

  it('skips unusable candidates and says null when none is a date', () => {
    expect(pageDateFrom({ metas: ['garbage'], jsonLd: ['{oops', '{"datePublished":"2018-05-06"}'], times: [] })).toBe(
      '2018-05-06',
    );
    expect(pageDateFrom(none)).toBeNull();
    expect(pageDateFrom({ metas: ['n/a'], jsonLd: ['{}'], times: ['later'] })).toBeNull();
  });
});
