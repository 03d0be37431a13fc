#!/usr/bin/env node
/**
 * npm run test:corpus -- DIR [SOURCES] [vitest options…]
 *
 * Runs the end-to-end corpus suites (tests/e2e/*-corpus.e2e.ts, Chromium and Firefox) over a
 * folder of saved pages with a MANIFEST.tsv (DIR), and the founding article's real text from
 * SOURCES (default: the `sources` folder beside DIR's parent, as in ../shared/corpus/pages and
 * ../shared/sources). Needs a build (npm run build). Other arguments go to Vitest (e.g. -t NAME).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const FOUNDING = 'financial-express-2017-08-11-xiaomi-escan.txt';
const args = process.argv.slice(2);
// The folders come first; everything from the first option on goes to Vitest.
const firstOption = args.findIndex((a) => a.startsWith('-'));
const positional = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
if (positional.length > 2) {
  console.error(`test:corpus: unexpected arguments: ${positional.slice(2).join(' ')}`);
  process.exit(2);
}
const [dirArg, sourcesArg] = positional;

function fail(message) {
  console.error(`test:corpus: ${message}`);
  console.error('usage: npm run test:corpus -- CORPUS_DIR [SOURCES_DIR] [vitest options]');
  process.exit(2);
}

if (!dirArg) fail('no corpus folder given');
const corpus = resolve(dirArg);
if (!existsSync(join(corpus, 'MANIFEST.tsv'))) fail(`${corpus} has no MANIFEST.tsv`);
const sources = resolve(sourcesArg ?? join(corpus, '..', '..', 'sources'));
if (!existsSync(join(sources, FOUNDING))) fail(`${sources} does not hold ${FOUNDING}`);

const result = spawnSync('npx', ['vitest', 'run', '-c', 'vitest.corpus.config.ts', ...options], {
  stdio: 'inherit',
  env: { ...process.env, COUNTERCLAIM_CORPUS: corpus, COUNTERCLAIM_SOURCES: sources },
});
process.exit(result.status ?? 1);
