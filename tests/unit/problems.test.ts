import { describe, expect, it } from 'vitest';
import { formatPath, formatProblems, problemsUnder } from '../../src/core/problems';

describe('formatPath', () => {
  it('writes keys as a JSON path a reader can follow', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['disputes', 0, 'claims', 2, 'date'])).toBe('disputes[0].claims[2].date');
    expect(formatPath([0, 'itemReviewed', 'author'])).toBe('[0].itemReviewed.author');
    expect(formatPath(['@graph', 2, 'odd key'])).toBe('@graph[2]["odd key"]');
    expect(formatPath(['browsing', 'dismissals', 'https://a.example/x'])).toBe(
      'browsing.dismissals["https://a.example/x"]',
    );
  });
});

describe('formatProblems', () => {
  it('writes one line per problem as place: message', () => {
    expect(
      formatProblems([
        { path: ['disputes', 0, 'claims', 2, 'responses', 0, 'date'], message: '"2017-02-30" is not a date' },
        { path: ['version'], message: 'is missing' },
        { path: [], message: 'is an empty list' },
        { path: [], scope: 'file', message: 'is empty' },
        { path: [], scope: 'storage', message: 'is full' },
        { path: ['disputes', 3], scope: 'converted', message: 'is odd' },
      ]),
    ).toEqual([
      'disputes[0].claims[2].responses[0].date: "2017-02-30" is not a date',
      'version: is missing',
      '(root): is an empty list',
      '(file): is empty',
      '(storage): is full',
      '(converted pack) disputes[3]: is odd',
    ]);
  });

  it('writes nothing for no problems', () => {
    expect(formatProblems([])).toEqual([]);
  });
});

describe('problemsUnder', () => {
  it("moves a part's problems to its place in the whole, leaving file-wide ones alone", () => {
    const moved = problemsUnder(
      ['packs', 1, 'dataset'],
      [
        { path: [], message: 'must be an object' },
        { path: [2, 'id'], message: 'repeats' },
        { path: [], scope: 'storage', message: 'is full' },
      ],
    );
    expect(formatProblems(moved)).toEqual([
      'packs[1].dataset: must be an object',
      'packs[1].dataset[2].id: repeats',
      '(storage): is full',
    ]);
  });
});
