/** What the options page and its import worker say to each other. */
import type { Backup } from '../core/export';
import type { ImportStep, PlannedImport, PlannedRestore } from '../core/pack-store';

export type ImportRequest =
  | {
      kind: 'file';
      text: string;
      /** What is stored, as `readStored` gives it: the worker has no extension API. */
      items: Record<string, unknown>;
      /** The time to record and to check dates against, as an ISO string. */
      now: string;
    }
  /** A backup the reader confirmed, against what is stored now. */
  | { kind: 'restore'; backup: Backup; items: Record<string, unknown> };

export type ImportReply =
  | { type: 'step'; step: ImportStep }
  /** A pack's dataset record, once the pack is sure to fit (FileImportOptions.onRecord). */
  | { type: 'record'; key: string; text: string }
  | { type: 'planned'; planned: PlannedImport }
  | { type: 'restore-planned'; planned: PlannedRestore }
  | { type: 'failed'; message: string };
