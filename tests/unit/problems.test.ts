import { describe, expect, it } from 'vitest';
import { english } from '../../src/cli/english';
import { formatPath, problemsUnder } from '../../src/core/problems';
import { problemLines } from '../../src/ui/problem-text';

describe('formatPath', () => {
  it('writes keys as a JSON path a reader can follow', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['disputes', 0, 'claims', 2, 'date'])).toBe('disputes[0].claims[2].date');
    expect(formatPath([0, 'itemReviewed', 'author'])).toBe('[0].itemReviewed.author');
    expect(formatPath(['@graph', 2, 'odd key'])).toBe('@graph[2]["odd key"]');
    expect(formatPath(['browsing', 'dismissals', 'https://a.example/x'])).toBe(
      'browsing.dismissals["https://a.example/x"]',
    );
  });

  it('writes the rest of a path after its first keys', () => {
    expect(formatPath(['disputes', 0, 'claims', 2], 2)).toBe('.claims[2]');
    expect(formatPath(['disputes', 0, 3, 'id'], 2)).toBe('[3].id');
    expect(formatPath(['disputes', 0], 2)).toBe('');
  });
});

describe('problemLines', () => {
  it('words each problem from the messages, with its place', () => {
    expect(
      problemLines(english, [
        {
          path: ['disputes', 0, 'claims', 2, 'responses', 0, 'date'],
          code: 'problemNotDate',
          values: ['"2017-02-30"', { code: 'phraseDaysInMonth', values: [{ code: 'phraseMonth2' }, '2017', '28'] }],
        },
        { path: ['version'], code: 'problemMissing' },
        { path: [], code: 'problemEmptyList' },
        { path: [], scope: 'file', code: 'problemEmpty' },
        { path: [], scope: 'storage', code: 'problemPacksFull', values: ['20'] },
        { path: ['disputes', 3], scope: 'converted', code: 'problemNeedsClaim' },
      ]),
    ).toEqual([
      'disputes[0].claims[2].responses[0].date: "2017-02-30" is not a date (February 2017 has 28 days)',
      'version: is missing',
      '(root): is an empty list',
      '(file): is empty',
      '(storage): 20 packs are installed, the most there can be; remove one first',
      '(converted pack) disputes[3]: needs at least one claim',
    ]);
  });

  it('says a counted problem in the form that fits the number', () => {
    const more = (count: number) => problemLines(english, [{ path: [], scope: 'file', code: 'problemMore', count }]);
    expect(more(1)).toEqual(['(file): and 1 more problem']);
    expect(more(7)).toEqual(['(file): and 7 more problems']);
  });

  it('writes nothing for no problems', () => {
    expect(problemLines(english, [])).toEqual([]);
  });
});

describe('problemsUnder', () => {
  it("moves a part's problems to its place in the whole, leaving file-wide ones alone", () => {
    const moved = problemsUnder(
      ['packs', 1, 'dataset'],
      [
        { path: [], code: 'problemEmptyList' },
        { path: [2, 'id'], code: 'problemMissing' },
        { path: [], scope: 'storage', code: 'problemPacksFull', values: ['20'] },
      ],
    );
    expect(problemLines(english, moved)).toEqual([
      'packs[1].dataset: is an empty list',
      'packs[1].dataset[2].id: is missing',
      '(storage): 20 packs are installed, the most there can be; remove one first',
    ]);
  });
});
