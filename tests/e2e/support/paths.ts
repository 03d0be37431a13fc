/** Where the end-to-end tests find the build, the fixtures and the shared material. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const DIST = { chromium: join(ROOT, 'dist', 'chrome'), firefox: join(ROOT, 'dist', 'firefox') } as const;
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const SHARED = join(ROOT, '..', 'shared');
export const CORPUS = join(SHARED, 'corpus', 'pages');
export const FOUNDING_ARTICLE_TEXT = join(SHARED, 'sources', 'financial-express-2017-08-11-xiaomi-escan.txt');

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
