/** The setup every spec file shares: one browser with the extension and one fixture server. */
import { afterAll, beforeAll } from 'vitest';
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
  afterAll(async () => {
    await session.harness?.close();
    await session.server?.close();
  });
  return session;
}

/** Waits until one of our extension pages (popup, options) says it has rendered. */
export const extensionPageReady = (page: TestPage) =>
  waitFor(
    () => page.evaluate(() => document.body.dataset.ready === 'true'),
    (ok) => ok,
  );
