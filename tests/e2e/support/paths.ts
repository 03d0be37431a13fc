/** Where the end-to-end tests find the build, the fixtures and the third-party material. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const DIST = { chromium: join(ROOT, 'dist', 'chrome'), firefox: join(ROOT, 'dist', 'firefox') } as const;
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

/**
 * Third-party pages and texts are not in the repository: `npm run test:corpus -- DIR [SOURCES]`
 * (scripts/test-corpus.mjs) passes their folders in these variables. `npm test` never sets them
 * and never runs the specs that read them, so a clone tests itself with nothing beside it.
 */
export const CORPUS = process.env.COUNTERCLAIM_CORPUS ?? '';
export const SOURCES = process.env.COUNTERCLAIM_SOURCES ?? '';
export const FOUNDING_ARTICLE_TEXT = join(SOURCES, 'financial-express-2017-08-11-xiaomi-escan.txt');

/** Fails with what to run when a spec over third-party material runs without it. */
export function requireThirdParty(path: string, what: string): void {
  if (!existsSync(path)) {
    throw new Error(`${what} is missing: ${path}. Run: npm run test:corpus -- CORPUS_DIR [SOURCES_DIR]`);
  }
}

export const BROWSERS = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' } as const;
export type BrowserName = keyof typeof BROWSERS;

/** Fails with a message saying what to do, instead of skipping: a missing browser is a failure. */
export function requireInstalled(name: BrowserName): string {
  const path = BROWSERS[name];
  if (!existsSync(path)) {
    throw new Error(
      `${name} is not installed at ${path}. Install it with: apt-get install -y chromium firefox-esr (or run bash .ci/run, which does).`,
    );
  }
  if (!existsSync(join(DIST[name], 'manifest.json'))) {
    throw new Error(`No build in ${DIST[name]}. Run npm run build first (npm test does).`);
  }
  return path;
}
