/**
 * Vite plugin: validates the bundled dataset (the build fails with one line per problem) and
 * makes it importable as three modules: the full pack for extension pages
 * (`virtual:counterclaim/dataset`), the compact index for the content script's full stage
 * (`virtual:counterclaim/index`) and the filter its first stage checks a page with
 * (`virtual:counterclaim/prefilter`). They are written as JSON files and aliased, rather than served
 * by a `load` hook, because crxjs bundles the standalone content script in a separate Vite build
 * that carries our `resolve.alias` but none of our plugins.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { prefilterOf } from '../src/core/prefilter-compile';
import { DATA_DIR, loadDataset } from './dataset';

const OUT_DIR = join(import.meta.dirname, '..', 'node_modules', '.counterclaim');
/** The compiled index as a module (see below); the full stage's nested build aliases it too. */
export const INDEX_MODULE = join(OUT_DIR, 'index.js');
/** The first stage's filter, compiled from the index's patterns. */
export const PREFILTER_MODULE = join(OUT_DIR, 'prefilter.js');

/** `dir` defaults to src/data; COUNTERCLAIM_DATA_DIR points a build at another pack (tests). */
export function datasetPlugin(dir = process.env.COUNTERCLAIM_DATA_DIR || DATA_DIR): Plugin {
  return {
    name: 'counterclaim:dataset',
    config() {
      const { dataset, index } = loadDataset(dir);
      mkdirSync(OUT_DIR, { recursive: true });
      const datasetFile = join(OUT_DIR, 'dataset.json');
      const indexFile = join(OUT_DIR, 'index.json');
      const indexModule = INDEX_MODULE;
      writeFileSync(datasetFile, JSON.stringify(dataset));
      writeFileSync(indexFile, JSON.stringify(index));
      // The content script's copy: JSON.parse of a string literal, which V8 scans much faster than
      // it parses an object literal. A module of our own, because crxjs's content-script build
      // does not carry `json.stringify` below and would inline the index as an object literal.
      writeFileSync(indexModule, `export default JSON.parse(${JSON.stringify(JSON.stringify(index))});\n`);
      writeFileSync(PREFILTER_MODULE, `export default ${JSON.stringify(prefilterOf(index))};\n`);
      return {
        resolve: {
          alias: {
            'virtual:counterclaim/dataset': datasetFile,
            'virtual:counterclaim/index': indexModule,
            'virtual:counterclaim/prefilter': PREFILTER_MODULE,
          },
        },
        // JSON.parse of a string is faster for V8 than an object literal of this size.
        json: { stringify: true },
      };
    },
  };
}
