/**
 * Vite plugin: builds the content script's two on-demand parts (src/core/stages.ts) and adds
 * them to the extension: the full stage (page session, matcher, marker and the compiled index),
 * loaded only when a page's text may hold a match, and the card's UI (Preact and the card's
 * components), loaded when a card first opens. So the code every page parses is the first stage
 * alone. Each is one self-contained IIFE with no exports (it hands them over by side effect), so
 * the same file is valid as a module and as a classic script. Nested builds, because crxjs
 * bundles the content script as one standalone file and has no notion of a part loaded at run
 * time.
 */
import preact from '@preact/preset-vite';
import { build, type Plugin, type Rolldown } from 'vite';
import { STAGE_FILES } from '../src/core/stages';
import { INDEX_MODULE } from './dataset-plugin';
import { preactNoHtmlPlugin } from './preact-no-html-plugin';

const PARTS = [
  { entry: 'src/content/card-stage.ts', fileName: STAGE_FILES.card },
  { entry: 'src/content/session-stage.ts', fileName: STAGE_FILES.session },
];

export function contentModulesPlugin(target: string): Plugin {
  return {
    name: 'counterclaim:content-modules',
    apply: 'build',
    async generateBundle() {
      for (const { entry, fileName } of PARTS) {
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
            lib: { entry, formats: ['iife'], name: 'counterclaimPart', fileName: () => 'part.js' },
          },
        });
        const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
        const chunks = outputs.flatMap((o) => o.output).filter((o) => o.type === 'chunk');
        const [chunk] = chunks;
        if (chunks.length !== 1 || !chunk) {
          throw new Error(`${entry} must build to one script, got ${chunks.length} chunks`);
        }
        this.emitFile({ type: 'asset', fileName, source: chunk.code });
      }
    },
  };
}
