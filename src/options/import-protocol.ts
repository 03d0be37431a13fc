/** What the options page and its import worker say to each other. */
import type { ImportStep, PlannedImport } from '../core/pack-store';

export interface ImportRequest {
  text: string;
  /** What is stored, as `readStored` gives it: the worker has no extension API. */
  items: Record<string, unknown>;
  /** The time to record and to check dates against, as an ISO string. */
  now: string;
}

export type ImportReply =
  | { type: 'step'; step: ImportStep }
  | { type: 'planned'; planned: PlannedImport }
  | { type: 'failed'; message: string };
