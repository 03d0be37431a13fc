/**
 * Vite plugin: builds the content script's two on-demand modules, each self-contained, and adds
 * them to the extension: the full stage (src/content/page-session.ts, matcher, marker and the
 * compiled index), which the first stage imports only when a page's text may hold a match, and
 * the card's UI (src/content/card-view.ts, Preact and the card's components), imported when a
 * card first opens. So the code every page parses is the first stage alone (issue 18). Nested
 * builds, because crxjs bundles the content script as one standalone file and has no notion of
 * a chunk loaded at run time.
 */
import preact from '@preact/preset-vite';
import { build, type Plugin, type Rolldown } from 'vite';
import { CARD_MODULE } from '../src/content/card-module';
import { SESSION_MODULE } from '../src/content/session-module';
import { INDEX_MODULE } from './dataset-plugin';
import { preactNoHtmlPlugin } from './preact-no-html-plugin';

const MODULES = [
  { entry: 'src/content/card-view.ts', fileName: CARD_MODULE },
  { entry: 'src/content/page-session.ts', fileName: SESSION_MODULE },
];

export function contentModulesPlugin(target: string): Plugin {
  return {
    name: 'counterclaim:content-modules',
    apply: 'build',
    async generateBundle() {
      for (const { entry, fileName } of MODULES) {
        const output = await build({
          configFile: false,
          logLevel: 'warn',
          plugins: [preactNoHtmlPlugin(), preact()],
          resolve: { alias: { 'virtual:counterclaim/index': INDEX_MODULE } },
          build: {
            write: false,
            target,
            minify: true,
            sourcemap: false,
            modulePreload: false,
            lib: { entry, formats: ['es'], fileName: () => 'module.js' },
          },
        });
        const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
        const chunks = outputs.flatMap((o) => o.output).filter((o) => o.type === 'chunk');
        const [chunk] = chunks;
        if (chunks.length !== 1 || !chunk) {
          throw new Error(`${entry} must build to one module, got ${chunks.length} chunks`);
        }
        this.emitFile({ type: 'asset', fileName, source: chunk.code });
      }
    },
  };
}
