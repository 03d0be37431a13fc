import { describe, expect, it } from 'vitest';
import {
  addPausedSites,
  DISMISSALS_KEY,
  dismissedOn,
  isPaused,
  PAUSED_SITES_KEY,
  pageKeyOf,
  parseDismissals,
  parsePausedSites,
  readBrowsing,
  setDismissed,
  setSitePaused,
  withDismissal,
} from '../../src/core/browsing';
import { FakeStorage } from './support/fake-storage';

describe('page keys', () => {
  it.each([
    ['https://news.example.com/story/1?utm_source=x#top', 'https://news.example.com/story/1'],
    ['https://News.Example.com:8443/a/', 'https://news.example.com:8443/a/'],
    ['http://example.com', 'http://example.com/'],
  ])('%s → %s', (url, key) => {
    expect(pageKeyOf(url)).toBe(key);
  });

  it.each(['about:blank', 'chrome://extensions/', 'not a url', 'file:///tmp/a.html'])('%s has none', (url) => {
    expect(pageKeyOf(url)).toBeNull();
  });
});

describe('dismissals', () => {
  it('are per page, whatever the query and fragment, and undone one by one', () => {
    let d = withDismissal({}, 'https://a.example/story?ref=1', 'escan-xiaomi-2017', true);
    d = withDismissal(d, 'https://a.example/story#c', 'bluebox-xiaomi-mi4-2015', true);
    expect(d).toEqual({ 'https://a.example/story': ['bluebox-xiaomi-mi4-2015', 'escan-xiaomi-2017'] });
    expect(dismissedOn(d, 'https://a.example/story?utm=2')).toEqual(
      new Set(['bluebox-xiaomi-mi4-2015', 'escan-xiaomi-2017']),
    );
    expect(dismissedOn(d, 'https://a.example/other')).toEqual(new Set());
    d = withDismissal(d, 'https://a.example/story', 'escan-xiaomi-2017', false);
    d = withDismissal(d, 'https://a.example/story', 'bluebox-xiaomi-mi4-2015', false);
    expect(d).toEqual({});
  });

  it('drop unusable stored entries', () => {
    expect(
      parseDismissals({
        'https://a.example/x': ['b', 'a', 'a', 3, ''],
        'https://a.example/y?q=1': ['c'],
        'not a url': ['d'],
        'https://a.example/z': 'e',
      }),
    ).toEqual({ 'https://a.example/x': ['a', 'b'] });
    expect(parseDismissals(null)).toEqual({});
    expect(parseDismissals([])).toEqual({});
  });
});

describe('paused sites', () => {
  it('are site keys, sorted and unique', () => {
    expect(parsePausedSites(['www.B.example', 'a.example', 'https://a.example/x', 7, 'two words'])).toEqual([
      'a.example',
      'b.example',
    ]);
    expect(parsePausedSites('a.example')).toEqual([]);
    expect(isPaused(['example.com'], 'https://www.example.com/story')).toBe(true);
    expect(isPaused(['example.com'], 'https://news.example.com/story')).toBe(false);
  });
});

describe('in storage.local', () => {
  it('reads, writes and merges, and never touches sync', async () => {
    const local = new FakeStorage();
    expect(await readBrowsing(local)).toEqual({ pausedSites: [], dismissals: {} });
    await setSitePaused(local, 'www.example.com', true);
    await addPausedSites(local, ['b.example', 'example.com']);
    await setDismissed(local, 'https://b.example/p?x', 'zoom-encryption-2020', true);
    expect(await readBrowsing(local)).toEqual({
      pausedSites: ['b.example', 'example.com'],
      dismissals: { 'https://b.example/p': ['zoom-encryption-2020'] },
    });
    await setSitePaused(local, 'example.com', false);
    await setDismissed(local, 'https://b.example/p', 'zoom-encryption-2020', false);
    expect(await local.get([PAUSED_SITES_KEY, DISMISSALS_KEY])).toEqual({
      [PAUSED_SITES_KEY]: ['b.example'],
      [DISMISSALS_KEY]: {},
    });
  });
});
