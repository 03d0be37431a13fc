/**
 * Vite plugin: builds src/content/card-view.ts as a self-contained ES module (Preact and the
 * card's components and styles inlined) and adds it to the extension as CARD_MODULE. The
 * content script imports it when a card first opens (card-host.ts), so the code every page
 * parses stays small (issue 9). A nested build, because crxjs bundles the content script as one
 * standalone file and has no notion of a chunk loaded at run time.
 */
import preact from '@preact/preset-vite';
import { build, type Plugin, type Rolldown } from 'vite';
import { CARD_MODULE } from '../src/content/card-module';
import { preactNoHtmlPlugin } from './preact-no-html-plugin';

export function cardModulePlugin(target: string): Plugin {
  return {
    name: 'counterclaim:card-module',
    apply: 'build',
    async generateBundle() {
      const output = await build({
        configFile: false,
        logLevel: 'warn',
        plugins: [preactNoHtmlPlugin(), preact()],
        build: {
          write: false,
          target,
          minify: true,
          sourcemap: false,
          modulePreload: false,
          lib: { entry: 'src/content/card-view.ts', formats: ['es'], fileName: () => 'card-view.js' },
        },
      });
      const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
      const chunks = outputs.flatMap((o) => o.output).filter((o) => o.type === 'chunk');
      const [chunk] = chunks;
      if (chunks.length !== 1 || !chunk) {
        throw new Error(`The card module must build to one file, got ${chunks.length} chunks`);
      }
      this.emitFile({ type: 'asset', fileName: CARD_MODULE, source: chunk.code });
    },
  };
}
