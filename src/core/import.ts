/**
 * Reads a file the reader picked for import and says what it holds, or why it is
 * refused, naming the problem and where (a JSON path, "(file)" for the file as a whole, or
 * "(root)" for its top-level value). Pure: nothing is stored here; the options page writes only
 * after an ok result and an ok plan (pack-plan.ts), so a refused file changes nothing.
 *
 * Three formats are recognised by their top level:
 * - a Counterclaim data pack (a Dataset: "disputes", "sources", "entities" …), validated like
 *   the bundled data;
 * - schema.org ClaimReview JSON-LD ("@context" / "@type" / "@graph"), see claimreview.ts;
 * - a Counterclaim export ("format": "counterclaim-export"), see export.ts.
 *
 * Before any of that, every file must be: at most MAX_FILE_BYTES, non-empty, complete JSON,
 * an object or a list, nested at most MAX_DEPTH deep, and free of prototype keys, control
 * characters, markup and non-https links (hostile-values.ts).
 */

import { claimReviewPack, isJsonLd } from './claimreview';
import { type Backup, EXPORT_FORMAT, readBackup } from './export';
import { hostileProblems } from './hostile-values';
import { jsonSyntaxProblem } from './json-syntax';
import { isRecord, utf8Length } from './json-value';
import { MAX_DISPUTES_PER_PACK, type PackOrigin, storedJson } from './pack-layout';
import { formatSize, packSizeProblem } from './pack-plan';
import type { Problem } from './problems';
import type { Dataset } from './schema';
import { describe } from './shape-problems';
import { validateDataset } from './validate';

/** An export may carry several packs; each pack is limited to MAX_PACK_BYTES on its own. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** A pack is 9 levels deep and ClaimReview rarely 12; 32 leaves room and bounds the walk. */
export const MAX_DEPTH = 32;
/** More problems than this are summed up in one line. */
export const MAX_PROBLEMS = 20;

export interface ImportOptions {
  /** The clock for "in the future" checks. */
  now?: Date;
}

export type ImportResult =
  | {
      ok: true;
      kind: 'pack';
      origin: PackOrigin;
      dataset: Dataset;
      /** The dataset's JSON, made for the size check: the text an install stores. */
      json: string;
      /** For a converted file: moves a problem at a path in `dataset` to its place in the file. */
      locate?: (problem: Problem) => Problem;
    }
  | { ok: true; kind: 'backup'; backup: Backup }
  | { ok: false; problems: Problem[] };

const PACK_KEYS = ['$schema', 'id', 'name', 'version', 'sources', 'entities', 'disputes'];

function refuse(problems: Problem[]): ImportResult {
  if (problems.length <= MAX_PROBLEMS) return { ok: false, problems };
  return {
    ok: false,
    problems: [
      ...problems.slice(0, MAX_PROBLEMS),
      { path: [], scope: 'file', code: 'problemMore', count: problems.length - MAX_PROBLEMS },
    ],
  };
}

export function parseImport(text: string, options: ImportOptions = {}): ImportResult {
  const now = options.now ?? new Date();
  // UTF-8 is never shorter than the number of UTF-16 units, so a long text needs no counting.
  const bytes = text.length > MAX_FILE_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_FILE_BYTES) {
    return refuse([
      { path: [], scope: 'file', code: 'problemFileTooLarge', values: [formatSize(bytes), formatSize(MAX_FILE_BYTES)] },
    ]);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return refuse([{ path: [], scope: 'file', code: 'problemEmpty' }]);

  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return refuse([jsonSyntaxProblem(body)]);
  }
  if (typeof value !== 'object' || value === null) {
    return refuse([{ path: [], code: 'problemNotObjectOrList', values: [describe(value)] }]);
  }
  const hostile = hostileProblems(value, { maxDepth: MAX_DEPTH, maxProblems: MAX_PROBLEMS + 1 });
  if (hostile.length > 0) return refuse(hostile);

  if (Array.isArray(value) && value.length === 0) return refuse([{ path: [], code: 'problemEmptyList' }]);

  if (isRecord(value) && Object.hasOwn(value, 'format')) {
    if (value.format !== EXPORT_FORMAT) {
      return refuse([
        { path: ['format'], code: 'problemUnknownFormat', values: [JSON.stringify(value.format), EXPORT_FORMAT] },
      ]);
    }
    const backup = readBackup(value, { now });
    return backup.ok ? { ok: true, kind: 'backup', backup: backup.backup } : refuse(backup.problems);
  }

  if (isJsonLd(value)) {
    const result = claimReviewPack(value, { now, maxReviews: MAX_DISPUTES_PER_PACK });
    if (!result.ok) return refuse(result.problems);
    const json = storedJson(result.dataset);
    const size = packSizeProblem(result.dataset, [], json);
    if (size) return refuse([size]);
    return { ok: true, kind: 'pack', origin: 'claimreview', dataset: result.dataset, json, locate: result.locate };
  }

  if (isRecord(value) && PACK_KEYS.some((key) => Object.hasOwn(value, key))) {
    if (Array.isArray(value.disputes) && value.disputes.length > MAX_DISPUTES_PER_PACK) {
      return refuse([
        {
          path: ['disputes'],
          code: 'problemTooManyDisputes',
          values: [String(value.disputes.length), String(MAX_DISPUTES_PER_PACK)],
        },
      ]);
    }
    const result = validateDataset(value, { now });
    if (!result.ok) return refuse(result.problems);
    const json = storedJson(result.dataset);
    const size = packSizeProblem(result.dataset, [], json);
    if (size) return refuse([size]);
    return { ok: true, kind: 'pack', origin: 'pack', dataset: result.dataset, json };
  }

  return refuse([{ path: [], code: 'problemNotAKnownFile' }]);
}
