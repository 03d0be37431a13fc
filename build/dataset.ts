/**
 * Reads the bundled dataset from src/data (pack.json, sources.json, entities.json and one file
 * per dispute) into one pack object, and validates it. Used by the build and by the tests, so
 * both see exactly what ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { english } from '../src/cli/english';
import { type CompiledIndex, compileIndex } from '../src/core/compile';
import { formatPath } from '../src/core/problems';
import type { Dataset } from '../src/core/schema';
import { validateDataset } from '../src/core/validate';
import { problemText, problemWhere } from '../src/ui/problem-text';

export const DATA_DIR = join(import.meta.dirname, '..', 'src', 'data');

export class DatasetError extends Error {
  override name = 'DatasetError';
}

function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DatasetError(`${relative(process.cwd(), file)}: not valid JSON (${(error as Error).message})`);
  }
}

/** The pack as assembled from its files, plus which file each dispute came from. */
export function assembleDataset(dir = DATA_DIR): { pack: unknown; disputeFiles: string[] } {
  const disputeFiles = readdirSync(join(dir, 'disputes'))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, 'disputes', name));
  const meta = readJson(join(dir, 'pack.json'));
  const pack = {
    ...(typeof meta === 'object' && meta !== null ? meta : {}),
    sources: readJson(join(dir, 'sources.json')),
    entities: readJson(join(dir, 'entities.json')),
    disputes: disputeFiles.map(readJson),
  };
  return { pack, disputeFiles };
}

/**
 * Loads and validates the bundled dataset. Throws a DatasetError whose message has one line per
 * problem, each naming the path (and, for a dispute, the file it lives in).
 */
export function loadDataset(dir = DATA_DIR): { dataset: Dataset; index: CompiledIndex } {
  const { pack, disputeFiles } = assembleDataset(dir);
  const result = validateDataset(pack);
  if (!result.ok) {
    const lines = result.problems.map((problem) => {
      const where = problemWhere(english, problem);
      const what = problemText(english, problem);
      const [top, i] = problem.path;
      const file = top === 'disputes' && typeof i === 'number' ? disputeFiles[i] : undefined;
      if (!file) return `${where}: ${what}`;
      // The dispute's own file, right after its place in the assembled pack.
      const dispute = formatPath(['disputes', i as number]);
      return `${dispute} (${relative(process.cwd(), file)})${formatPath(problem.path, 2)}: ${what}`;
    });
    throw new DatasetError(`The dataset in ${relative(process.cwd(), dir)} is invalid:\n${lines.join('\n')}`);
  }
  return { dataset: result.dataset, index: compileIndex(result.dataset) };
}
