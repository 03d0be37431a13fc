/**
 * Everything the bench builds before it opens a browser: the extension itself (`npm run build`,
 * only when dist is missing or older than its sources), the in-page IIFE from bench/page/entry.ts
 * against the compiled index of that same build, and the content script again with and without
 * its data, to weigh each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { build, type Rolldown } from 'vite';
import type { CompiledIndex } from '../../src/core/compile';
import type { Prefilter } from '../../src/core/prefilter';
import { STAGE_FILES } from '../../src/core/stages';

export const ROOT = process.cwd();
export const DIST_CONTENT = join(ROOT, 'dist', 'chrome', 'src', 'content', 'index.js');
/** The card's UI, which the content script loads when a card first opens. */
const DIST_CARD = join(ROOT, 'dist', 'chrome', STAGE_FILES.card);
export const INDEX_JSON = join(ROOT, 'node_modules', '.counterclaim', 'index.json');
const PREFILTER_MODULE = join(ROOT, 'node_modules', '.counterclaim', 'prefilter.js');
export const WORK = join(ROOT, 'node_modules', '.bench');

/** Newest modification time under `path` (files only), 0 if absent. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** Inputs of `npm run build`; dist is stale when any is newer than its content script. */
const BUILD_INPUTS = ['src', 'build', 'public', 'manifest.json', 'vite.config.ts', 'package.json', 'package-lock.json'];

export function ensureBuilt(log: (line: string) => void): { rebuilt: boolean; ms: number } {
  const built = Math.min(newest(DIST_CONTENT) || 0, newest(INDEX_JSON) || 0);
  const sources = Math.max(...BUILD_INPUTS.map((p) => newest(join(ROOT, p))));
  if (built > 0 && built >= sources && existsSync(join(ROOT, 'dist', 'chrome', 'manifest.json'))) {
    return { rebuilt: false, ms: 0 };
  }
  log(built === 0 ? 'dist is missing: npm run build' : 'dist is older than its sources: npm run build');
  const t0 = Date.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `npm run build failed:\n${(result.stdout ?? '').slice(-2000)}\n${(result.stderr ?? '').slice(-4000)}`,
    );
  }
  return { rebuilt: true, ms: Date.now() - t0 };
}

interface Bundle {
  code: string;
  /** Rendered (pre-minification) bytes per source folder or package, largest first. */
  parts: { part: string; bytes: number }[];
}

/** "…/node_modules/preact/dist/x.mjs" → "preact"; "…/src/ui/Card.tsx" → "src/ui". */
function partOf(raw: string): string {
  const id = raw.replace(/\0/g, '');
  if (id.endsWith('.json') && id.includes('.bench')) return 'index data';
  if (id.endsWith('index.json') && id.includes('.counterclaim')) return 'index data';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  if (pkg) return pkg[1] as string;
  const rel = id.startsWith(ROOT) ? id.slice(ROOT.length + 1) : id;
  return rel.split('?')[0]?.split('/').slice(0, 2).join('/') ?? rel;
}

async function bundle(
  entry: string,
  indexFile: string,
  options: { name: string; plugins?: boolean; minify?: boolean; prefilter?: string },
): Promise<Bundle> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    plugins: options.plugins ? [preact()] : [],
    resolve: {
      alias: {
        'virtual:counterclaim/index': indexFile,
        // The first stage's filter: the build's, or for the size without data an empty one.
        'virtual:counterclaim/prefilter': options.prefilter ?? PREFILTER_MODULE,
      },
    },
    // As the dataset plugin does: JSON.parse of a string, faster for V8 than a literal.
    json: { stringify: true },
    build: {
      write: false,
      target: 'chrome120',
      minify: options.minify ?? true,
      sourcemap: false,
      modulePreload: false,
      lib: { entry: join(ROOT, entry), formats: ['iife'], name: options.name, fileName: () => 'out.js' },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error(`Bundling ${entry} produced no chunk`);
  const parts = new Map<string, number>();
  for (const [id, info] of Object.entries(chunk.modules)) {
    parts.set(partOf(id), (parts.get(partOf(id)) ?? 0) + info.renderedLength);
  }
  return {
    code: chunk.code,
    parts: [...parts].sort((a, b) => b[1] - a[1]).map(([part, bytes]) => ({ part, bytes })),
  };
}

/** The in-page bench, bound to the build's compiled index. */
export async function pageBundle(): Promise<string> {
  // BENCH_PAGE_MINIFY=0 keeps function names, for reading a CPU profile of the in-page runs.
  const minify = process.env.BENCH_PAGE_MINIFY !== '0';
  return (await bundle('bench/page/entry.ts', INDEX_JSON, { name: '__counterclaimBenchBundle', minify })).code;
}

export interface Sizes {
  /** dist/chrome/src/content/index.js as shipped. */
  contentBytes: number;
  contentGzip: number;
  /** The same entry bundled here with the real index, and with an empty one. */
  rebuiltGzip: number;
  withoutDataGzip: number;
  withoutDataBytes: number;
  /** node_modules/.counterclaim/index.json: the compiled index of the bundled dataset. */
  indexBytes: number;
  indexGzip: number;
  /** The card's UI module (dist/chrome), loaded only on a page where a card opens. */
  cardBytes: number;
  cardGzip: number;
  patterns: number;
  disputes: number;
  /** What the content script without data is made of: rendered bytes before minification. */
  withoutDataParts: { part: string; bytes: number }[];
}

const gz = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;

export async function measureSizes(): Promise<Sizes> {
  mkdirSync(WORK, { recursive: true });
  const empty: CompiledIndex = { pack: 'empty', patterns: [], targets: [], disputes: [] };
  const emptyFile = join(WORK, 'empty-index.json');
  writeFileSync(emptyFile, JSON.stringify(empty));
  const emptyFilter = join(WORK, 'empty-prefilter.json');
  const noWords: Prefilter = { words: [], exact: [], patterns: [], always: false };
  writeFileSync(emptyFilter, JSON.stringify(noWords));
  const shipped = readFileSync(DIST_CONTENT);
  const indexText = readFileSync(INDEX_JSON, 'utf8');
  const index = JSON.parse(indexText) as CompiledIndex;
  const [withData, withoutData] = await Promise.all([
    bundle('src/content/index.ts', INDEX_JSON, { name: 'counterclaim', plugins: true }),
    bundle('src/content/index.ts', emptyFile, { name: 'counterclaim', plugins: true, prefilter: emptyFilter }),
  ]);
  return {
    contentBytes: shipped.length,
    contentGzip: gz(shipped),
    rebuiltGzip: gz(withData.code),
    withoutDataGzip: gz(withoutData.code),
    withoutDataBytes: Buffer.byteLength(withoutData.code),
    indexBytes: Buffer.byteLength(indexText),
    indexGzip: gz(indexText),
    cardBytes: statSync(DIST_CARD).size,
    cardGzip: gz(readFileSync(DIST_CARD)),
    patterns: index.patterns.length,
    disputes: index.disputes.length,
    withoutDataParts: withoutData.parts,
  };
}
