/**
 * Vite plugin: builds the content script's on-demand parts and the scripts only the background
 * injects (src/core/stages.ts), and adds them to the extension. The parts are the full stage
 * (page session, matcher, marker and the compiled index), loaded only when a page's text may
 * hold a match, and the card's UI (Preact and the card's components), loaded when a card first
 * opens. So the code every page parses is the first stage alone. Each is one self-contained IIFE
 * with no exports (it hands them over by side effect), so the same file is valid as a module and
 * as a classic script. The probe and the packs' script have an export: their answer, which
 * the file's last statement reads.
 * Nested builds, because crxjs bundles the content script as one standalone file and has no
 * notion of a part loaded at run time.
 */
import preact from '@preact/preset-vite';
import { build, type Plugin, type Rolldown } from 'vite';
import { INJECTED_FILES, PACKS_GLOBAL, PROBE_GLOBAL, STAGE_FILES } from '../src/core/stages';
import { INDEX_MODULE } from './dataset-plugin';
import { preactNoHtmlPlugin } from './preact-no-html-plugin';

interface Part {
  entry: string;
  fileName: string;
  /** The global the IIFE's exports go to, and the export the file's last statement reads. */
  result?: { global: string; name: string };
}

const PARTS: Part[] = [
  { entry: 'src/content/card-stage.ts', fileName: STAGE_FILES.card },
  { entry: 'src/content/session-stage.ts', fileName: STAGE_FILES.session },
  { entry: 'src/content/survey-stage.ts', fileName: STAGE_FILES.survey },
  { entry: 'src/content/packs-found-stage.ts', fileName: INJECTED_FILES.packsFound },
  { entry: 'src/content/hand-over-stage.ts', fileName: INJECTED_FILES.handOver },
  // `executeScript` returns the value of the file's last statement.
  {
    entry: 'src/content/probe-stage.ts',
    fileName: INJECTED_FILES.probe,
    result: { global: PROBE_GLOBAL, name: 'answer' },
  },
  {
    entry: 'src/content/packs-stage.ts',
    fileName: INJECTED_FILES.packs,
    result: { global: PACKS_GLOBAL, name: 'answer' },
  },
];

export function contentModulesPlugin(target: string): Plugin {
  return {
    name: 'counterclaim:content-modules',
    apply: 'build',
    async generateBundle() {
      for (const { entry, fileName, result } of PARTS) {
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
            lib: { entry, formats: ['iife'], name: result?.global ?? 'counterclaimPart', fileName: () => 'part.js' },
          },
        });
        const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
        const chunks = outputs.flatMap((o) => o.output).filter((o) => o.type === 'chunk');
        const [chunk] = chunks;
        if (chunks.length !== 1 || !chunk) {
          throw new Error(`${entry} must build to one script, got ${chunks.length} chunks`);
        }
        const source = result ? `${chunk.code}\n${result.global}.${result.name};\n` : chunk.code;
        this.emitFile({ type: 'asset', fileName, source });
      }
    },
  };
}
