/**
 * Runs one import check, or the plan of a confirmed restore, in a worker of its own
 * (import-worker.ts), ended when it answers.
 */
import {
  type ImportOutcome,
  type ImportStep,
  importPlanned,
  type PackStores,
  type PlannedImport,
  type PlannedRestore,
} from '../core/pack-store';
import type { ImportReply, ImportRequest } from './import-protocol';

type Answer = Exclude<ImportReply, { type: 'step' | 'record' | 'failed' }>;

interface Progress {
  onStep(step: ImportStep): void;
  /** A pack's dataset record, ready to write while the worker compiles its index. */
  onRecord?(key: string, text: string): void;
}

function inWorker(request: ImportRequest, { onStep, onRecord }: Progress): Promise<Answer> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Answer>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<ImportReply>) => {
      if (data.type === 'step') return onStep(data.step);
      if (data.type === 'record') return onRecord?.(data.key, data.text);
      worker.terminate();
      if (data.type === 'failed') reject(new Error(data.message));
      else resolve(data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the import worker failed to start'));
    };
    worker.postMessage(request);
  });
}

async function planInWorker(
  request: Omit<Extract<ImportRequest, { kind: 'file' }>, 'kind'>,
  progress: Progress,
): Promise<PlannedImport> {
  const answer = await inWorker({ kind: 'file', ...request }, progress);
  if (answer.type !== 'planned') throw new Error(`the import worker answered ${answer.type}`);
  return answer.planned;
}

export async function planRestoreInWorker(
  request: Omit<Extract<ImportRequest, { kind: 'restore' }>, 'kind'>,
): Promise<PlannedRestore> {
  const answer = await inWorker({ kind: 'restore', ...request }, { onStep: () => undefined });
  if (answer.type !== 'restore-planned') throw new Error(`the import worker answered ${answer.type}`);
  return answer.planned;
}

/** Imports a picked file: checked and compiled in the worker (importPlanned), then written. */
export const importInWorker = (
  text: string,
  stores: PackStores,
  onStep: (step: ImportStep | 'saving') => void,
): Promise<ImportOutcome> =>
  importPlanned(
    stores,
    (items, onRecord) => planInWorker({ text, items, now: new Date().toISOString() }, { onStep, onRecord }),
    () => onStep('saving'),
  );
