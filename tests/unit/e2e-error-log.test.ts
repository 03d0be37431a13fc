/**
 * The end-to-end harness's exception log (tests/e2e/support/errors.ts) keeps the extension's
 * exceptions, in the shapes each browser reports them, and only those.
 */
import { describe, expect, it } from 'vitest';
import { ErrorLog } from '../e2e/support/errors';

describe('the end-to-end exception log', () => {
  it("keeps an exception with one of the extension's scripts on its stack, or thrown in its pages", () => {
    const log = new ErrorLog();
    // Chromium: the content script's world in a web page, its URL on the stack.
    log.record({
      text: 'Uncaught TypeError: x is not a function',
      from: 'http://127.0.0.1:4000/fixtures/hostile/prototypes.html',
      scripts: ['chrome-extension://abc/src/content/index.js'],
    });
    // Firefox: the same, under moz-extension:.
    log.record({
      text: 'TypeError: x is not a function',
      from: 'http://127.0.0.1:4000/fixtures/hostile/prototypes.html',
      scripts: ['http://127.0.0.1:4000/page.js', 'moz-extension://uuid/src/content/index.js'],
    });
    // Chromium: the service worker or an extension page, whatever the stack.
    log.record({ text: 'Uncaught Error: boom', from: 'chrome-extension://abc/src/background/index.js', scripts: [] });
    expect(log.take()).toHaveLength(3);
    expect(log.take()).toEqual([]);
  });

  it("leaves the page's own exceptions to the page", () => {
    const log = new ErrorLog();
    log.record({
      text: 'Uncaught Error: the page broke itself',
      from: 'http://127.0.0.1:4000/fixtures/hostile/prototypes.html',
      scripts: ['http://127.0.0.1:4000/fixtures/hostile/prototypes.html'],
    });
    log.record({ text: 'Error: no stack', from: 'https://example.com/', scripts: [] });
    expect(log.take()).toEqual([]);
  });
});
