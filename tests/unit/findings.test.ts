import { describe, expect, it } from 'vitest';
import {
  dispatch,
  type Handlers,
  isPageFindings,
  NO_FINDINGS,
  readFindingsReport,
  sendToBackground,
  sendToTab,
} from '../../src/core/messages';

const good = {
  disputes: [
    {
      id: 'escan-xiaomi-2017',
      relevance: 'about',
      score: 5,
      evidence: [
        { text: 'Mi Mover', role: 'claim', count: 2, claim: 'mi-mover' },
        { text: 'eScan', role: 'claimant', count: 3 },
        { text: 'Xiaomi', role: 'entity', count: 4 },
      ],
      mentions: { 'Mi Mover': 2, eScan: 3, Xiaomi: 4 },
      dismissed: false,
    },
  ],
  pageDate: '2017-08-10',
};

describe('isPageFindings: a content script’s report is checked field by field', () => {
  it('accepts well-formed findings and none', () => {
    expect(isPageFindings(good)).toBe(true);
    expect(isPageFindings(NO_FINDINGS)).toBe(true);
    expect(isPageFindings({ ...good, pageDate: null })).toBe(true);
  });

  const first = good.disputes[0] as (typeof good.disputes)[number];
  it.each([
    ['the old shape', { disputes: ['escan-xiaomi-2017'], mentions: {} }],
    ['no page date', { disputes: good.disputes }],
    ['a page date that is not a day', { ...good, pageDate: '2017-08' }],
    ['an unknown relevance', { ...good, disputes: [{ ...first, relevance: 'maybe' }] }],
    ['a negative score', { ...good, disputes: [{ ...first, score: -1 }] }],
    [
      'an unknown evidence role',
      { ...good, disputes: [{ ...first, evidence: [{ text: 'x', role: 'vibe', count: 1 }] }] },
    ],
    ['a zero count', { ...good, disputes: [{ ...first, mentions: { Xiaomi: 0 } }] }],
    ['dismissed missing', { ...good, disputes: [{ ...first, dismissed: undefined }] }],
    ['a repeated dispute', { ...good, disputes: [first, first] }],
    ['not an object', 'escan'],
  ])('refuses %s', (_, value) => {
    expect(isPageFindings(value)).toBe(false);
  });
});

describe('readFindingsReport: a message and a reply are checked alike', () => {
  it('reads a findings message and a findings-request reply the same way', () => {
    const url = 'https://news.example/a';
    expect(readFindingsReport({ type: 'findings', url, findings: good })).toEqual({ url, findings: good });
    expect(readFindingsReport({ url, findings: good })).toEqual({ url, findings: good });
  });

  it.each([
    ['no url', { type: 'findings', findings: good }],
    ['a url that is not text', { url: 7, findings: good }],
    ['bad findings', { url: 'https://news.example/a', findings: { disputes: 'all' } }],
    ['nothing', undefined],
  ])('refuses %s', (_, value) => {
    expect(readFindingsReport(value)).toBeNull();
  });
});

describe('dispatch: the handler table answers each message with its own reply', () => {
  type Msg = { type: 'double'; n: number } | { type: 'greet'; name: string };
  type Replies = { double: number; greet: string };
  const handlers: Handlers<Msg, Replies, string> = {
    double: (message) => message.n * 2,
    greet: async (message, from) => `hello ${message.name} from ${from}`,
  };

  it('calls the handler of the message type with the receiver context', async () => {
    await expect(dispatch(handlers, { type: 'double', n: 21 }, 'tab')).resolves.toBe(42);
    await expect(dispatch(handlers, { type: 'greet', name: 'Ada' }, 'popup')).resolves.toBe('hello Ada from popup');
  });
});

describe('sendToBackground and sendToTab', () => {
  it('pass the message on unchanged, to the tab named', async () => {
    const sent: unknown[] = [];
    const runtime = {
      sendMessage: async (message: unknown) => {
        sent.push(message);
        return null;
      },
    };
    const tabs = {
      sendMessage: async (tabId: number, message: unknown) => {
        sent.push([tabId, message]);
        return true;
      },
    };
    await expect(sendToBackground(runtime, { type: 'tab-state', tabId: 4 })).resolves.toBeNull();
    await expect(sendToTab(tabs, 9, { type: 'next-mention' })).resolves.toBe(true);
    expect(sent).toEqual([{ type: 'tab-state', tabId: 4 }, [9, { type: 'next-mention' }]]);
  });
});
