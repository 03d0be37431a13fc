/**
 * `npm run scan` agrees with the browsers: on every page given, the disputes the extension
 * reports for the tab (each with its relevance, score and counts) are exactly those the command
 * finds in the same saved file without a browser. Page scripts are off, so the page's DOM is the
 * parsed file in both. npm test runs it over the fixture pages, test:corpus over the corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../build/dataset';
import { looksLikeHtml, PageScanner } from '../../../src/cli/scan';
import { storedFindings, tabIdOf } from '../support/extension';
import type { Launch } from '../support/harness';
import { waitFor } from '../support/marks';
import { CORPUS, FIXTURES, requireThirdParty } from '../support/paths';
import { type Session, useSession } from '../support/session';

const htmlUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.html?$/.test(f))
    .sort();

/** Where the pages are on disk and on the test server. */
interface PageSet {
  dir: string;
  urlPath: string;
  files: () => string[];
}

export const CORPUS_PAGES: PageSet = {
  dir: CORPUS,
  urlPath: '/corpus/',
  files: () => {
    requireThirdParty(join(CORPUS, 'MANIFEST.tsv'), 'The corpus');
    return htmlUnder(CORPUS);
  },
};

/** The fixture pages written to be scanned: articles, traps, charsets, relevance. */
export const FIXTURE_PAGES: PageSet = {
  dir: FIXTURES,
  urlPath: '/fixtures/',
  files: () =>
    htmlUnder(FIXTURES).filter(
      (f) =>
        /^(founding-article|no-vendor|scan|relevance|claimreview-subject|pixels)\//.test(f) &&
        looksLikeHtml(readFileSync(join(FIXTURES, f))), // not the file that only pretends to be a page
    ),
};

export function scanAgreementSpecs(launch: Launch, set: PageSet): Session {
  const env = useSession(launch, { pageScripts: false });
  let scanner: PageScanner;
  beforeAll(() => {
    scanner = new PageScanner(loadDataset().index);
  });

  describe('npm run scan finds what the extension finds', () => {
    for (const file of set.files()) {
      it(file, { timeout: 90_000 }, async () => {
        const report = scanner.scanFile(join(set.dir, file));
        if (!report.ok) throw new Error(`${file}: ${report.error}`);
        const want = report.disputes.map((d) => ({
          id: d.id,
          relevance: d.relevance,
          score: d.score,
          counts: d.counts,
        }));
        const url = `${set.urlPath}${file.split('/').map(encodeURIComponent).join('/')}`;
        const page = await env.harness.openPage(env.server.url(url));
        try {
          const tabId = await tabIdOf(env.harness, page, 45_000);
          // The report follows the scan's slices: read until it is the same twice in a row.
          let last = '';
          const state = await waitFor(
            async () => {
              const now = await storedFindings(env.harness, tabId);
              const same = JSON.stringify(now) === last;
              last = JSON.stringify(now);
              return { now, same };
            },
            (s) => s.same,
          );
          const got = (state.now?.disputes ?? []).map((d) => ({
            id: d.id,
            relevance: d.relevance,
            score: d.score,
            counts: d.mentions,
          }));
          expect(got).toEqual(want);
        } finally {
          await page.close();
        }
      });
    }
  });
  return env;
}
