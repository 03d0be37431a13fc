/** The setup every spec file shares: one browser with the extension and one fixture server. */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Harness, Launch, LaunchOptions, TestPage } from './harness';
import { waitFor } from './marks';
import { type FixtureServer, startServer } from './server';

export interface Session {
  harness: Harness;
  server: FixtureServer;
}

/** Launches before the file's specs and closes after them; read the fields inside specs only. */
export function useSession(launch: Launch, options?: LaunchOptions): Session {
  const session = {} as Session;
  beforeAll(async () => {
    [session.harness, session.server] = await Promise.all([launch(options), startServer()]);
  });
  // Nothing leaves the machine (design, non-negotiable 2): checked after every spec, and once
  // more at the end for requests reported late.
  // Nor does the extension ever throw: its uncaught exceptions fail the spec the same way.
  afterEach(() => {
    expect(session.harness?.networkViolations() ?? [], 'requests the extension made').toEqual([]);
    expect(session.harness?.extensionErrors() ?? [], 'exceptions the extension threw').toEqual([]);
  });
  afterAll(async () => {
    const late = session.harness?.networkViolations() ?? [];
    const thrown = session.harness?.extensionErrors() ?? [];
    await session.harness?.close();
    await session.server?.close();
    expect(late, 'requests the extension made').toEqual([]);
    expect(thrown, 'exceptions the extension threw').toEqual([]);
  });
  return session;
}

/**
 * Waits until one of our extension pages (popup, options) says it has rendered; a page that has
 * not by then fails the spec here, not at its first missing control.
 */
export async function extensionPageReady(page: TestPage, ms = 30_000): Promise<void> {
  const ready = await waitFor(
    () => page.evaluate(() => document.body.dataset.ready === 'true'),
    (ok) => ok,
    ms,
  );
  if (!ready) throw new Error(`${page.url} did not render within ${ms} ms`);
}
