/**
 * npm run validate -- FILE…
 *
 * Checks data packs and ClaimReview files exactly as the options page's import does (parse,
 * validate, then plan the install beside the bundled pack, in a storage area of its own), and a
 * dataset folder laid out like src/data as the build does. Prints every problem with its path;
 * exits 0 when every input passes, 1 otherwise.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assembleDataset, loadDataset } from '../../build/dataset';
import { importFile } from '../core/pack-store';
import type { Dataset } from '../core/schema';
import { validateDataset } from '../core/validate';
import { problemLines } from '../ui/problem-text';
import { english } from './english';
import { memoryPackStores } from './memory-storage';

export interface Verdict {
  path: string;
  ok: boolean;
  /** "ok: …" for a pass, otherwise one line per problem, each "path: message". */
  lines: string[];
}

export async function validatePath(path: string, options: { bundled: Dataset; now?: Date }): Promise<Verdict> {
  const now = options.now ?? new Date();
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    return { path, ok: false, lines: [`(file): cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`] };
  }
  if (isFolder) {
    let pack: unknown;
    try {
      pack = assembleDataset(path).pack;
    } catch (error) {
      return { path, ok: false, lines: [`(folder): ${(error as Error).message}`] };
    }
    const result = validateDataset(pack, { now });
    if (!result.ok) return { path, ok: false, lines: problemLines(english, result.problems) };
    return { path, ok: true, lines: [`ok: a dataset folder, ${describe(result.dataset)}`] };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { path, ok: false, lines: [`(file): cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`] };
  }
  const result = await importFile(text, memoryPackStores(), { bundled: options.bundled, now });
  if (!result.ok) return { path, ok: false, lines: problemLines(english, result.problems) };
  if (result.kind === 'backup') {
    return { path, ok: true, lines: [`ok: a Counterclaim export with ${result.backup.packs.length} pack(s)`] };
  }
  const { pack } = result;
  const origin = pack.origin === 'claimreview' ? 'ClaimReview, read as ' : '';
  return {
    path,
    ok: true,
    lines: [`ok: ${origin}pack "${pack.name}" (${pack.id}) ${pack.version}, ${pack.disputes} dispute(s)`],
  };
}

/** npm runs scripts in the package's folder; paths on the command line are the caller's. */
export const fromCaller = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

const describe = (d: Dataset) => `pack "${d.name}" (${d.id}) ${d.version}, ${d.disputes.length} dispute(s)`;

export async function main(args: string[], out = console.log, now = new Date()): Promise<number> {
  if (args.length === 0 || args.includes('--help')) {
    out('usage: npm run validate -- FILE|FOLDER…  (a data pack, a ClaimReview file, or a folder like src/data)');
    return args.length === 0 ? 2 : 0;
  }
  const { dataset: bundled } = loadDataset();
  let failed = 0;
  for (const path of args) {
    const verdict = await validatePath(fromCaller(path), { bundled, now });
    if (!verdict.ok) failed++;
    for (const line of verdict.lines) out(`${path}: ${line}`);
  }
  if (args.length > 1) out(`${args.length - failed} of ${args.length} passed`);
  return failed > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
