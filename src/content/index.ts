/**
 * The content script as injected: one instance per page, replacing an older one (STYLE.md §4),
 * running the page's session (page-session.ts) under one AbortController (STYLE.md §3).
 */

import { startPageSession } from './page-session';
import { ext as browser } from './runtime';

const INSTANCE = Symbol.for('counterclaim.content');
type Global = typeof globalThis & { [INSTANCE]?: { abort(): void } };

/** True while this copy's extension is still installed (it is gone after an update or removal). */
const extensionAlive = (): boolean => {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
};

function start(): void {
  // A newer copy (re-injection, update) replaces an older one in the same page (STYLE.md §4).
  (globalThis as Global)[INSTANCE]?.abort();
  const lifetime = new AbortController();
  (globalThis as Global)[INSTANCE] = lifetime;

  const root = document.body ?? document.documentElement;
  if (!root || typeof CSS === 'undefined' || !('highlights' in CSS)) return; // no Highlight API: nothing to do

  startPageSession(root, lifetime, start, extensionAlive).catch((error: unknown) => {
    // An orphaned copy fails on its first browser.* call; that is expected, not a page error.
    if (extensionAlive()) console.warn('Counterclaim: content script failed to start', error);
  });
}

start();
