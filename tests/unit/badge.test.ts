import { describe, expect, it } from 'vitest';
import { ABOUT_COLOR, badgeFor, ON_RECORD_COLOR } from '../../src/core/badge';
import type { DisputeFinding } from '../../src/core/messages';

const finding = (id: string, relevance: DisputeFinding['relevance'], dismissed = false): DisputeFinding => ({
  id,
  relevance,
  score: relevance === 'about' ? 4 : 0,
  evidence: [],
  mentions: {},
  dismissed,
});

describe('the badge', () => {
  it('counts about disputes loudly and on-record ones apart: "2+3"', () => {
    const view = badgeFor([
      finding('a', 'about'),
      finding('b', 'about'),
      finding('c', 'on-record'),
      finding('d', 'on-record'),
      finding('e', 'on-record'),
    ]);
    expect(view).toEqual({
      text: '2+3',
      color: ABOUT_COLOR,
      title: [
        { key: 'badgeAboutMany', count: 2 },
        { key: 'badgeMoreOnRecordMany', count: 3 },
      ],
    });
  });

  it('shows "+3" on grey when the page is about none', () => {
    const view = badgeFor([finding('c', 'on-record'), finding('d', 'on-record'), finding('e', 'on-record')]);
    expect(view).toEqual({ text: '+3', color: ON_RECORD_COLOR, title: [{ key: 'badgeOnRecordMany', count: 3 }] });
    expect(ON_RECORD_COLOR).not.toBe(ABOUT_COLOR);
  });

  it('shows the about count alone, singular words for one', () => {
    expect(badgeFor([finding('a', 'about')])).toEqual({
      text: '1',
      color: ABOUT_COLOR,
      title: [{ key: 'badgeAboutOne', count: 1 }],
    });
    expect(badgeFor([finding('a', 'about'), finding('b', 'on-record')]).title).toEqual([
      { key: 'badgeAboutOne', count: 1 },
      { key: 'badgeMoreOnRecordOne', count: 1 },
    ]);
  });

  it('shows nothing for no findings, and never counts dismissed disputes', () => {
    expect(badgeFor([])).toEqual({ text: '', color: null, title: [] });
    expect(badgeFor(null)).toEqual({ text: '', color: null, title: [] });
    expect(badgeFor([finding('a', 'about', true), finding('b', 'on-record', true)]).text).toBe('');
    expect(badgeFor([finding('a', 'about', true), finding('b', 'on-record')]).text).toBe('+1');
  });
});
