/**
 * Vite plugin: validates the bundled dataset (the build fails with one line per problem) and
 * makes it importable as two modules: the full pack for extension pages
 * (`virtual:counterclaim/dataset`) and the compact index for the content script
 * (`virtual:counterclaim/index`). They are written as JSON files and aliased, rather than served
 * by a `load` hook, because crxjs bundles the standalone content script in a separate Vite build
 * that carries our `resolve.alias` but none of our plugins.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { DATA_DIR, loadDataset } from './dataset';

const OUT_DIR = join(import.meta.dirname, '..', 'node_modules', '.counterclaim');

/** `dir` defaults to src/data; COUNTERCLAIM_DATA_DIR points a build at another pack (tests). */
export function datasetPlugin(dir = process.env.COUNTERCLAIM_DATA_DIR || DATA_DIR): Plugin {
  return {
    name: 'counterclaim:dataset',
    config() {
      const { dataset, index } = loadDataset(dir);
      mkdirSync(OUT_DIR, { recursive: true });
      const datasetFile = join(OUT_DIR, 'dataset.json');
      const indexFile = join(OUT_DIR, 'index.json');
      const indexModule = join(OUT_DIR, 'index.js');
      writeFileSync(datasetFile, JSON.stringify(dataset));
      writeFileSync(indexFile, JSON.stringify(index));
      // The content script's copy: JSON.parse of a string literal, which V8 scans much faster than
      // it parses an object literal. A module of our own, because crxjs's content-script build
      // does not carry `json.stringify` below and would inline the index as an object literal.
      writeFileSync(indexModule, `export default JSON.parse(${JSON.stringify(JSON.stringify(index))});\n`);
      return {
        resolve: {
          alias: { 'virtual:counterclaim/dataset': datasetFile, 'virtual:counterclaim/index': indexModule },
        },
        // JSON.parse of a string is faster for V8 than an object literal of this size.
        json: { stringify: true },
      };
    },
  };
}
