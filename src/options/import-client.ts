/**
 * Runs one import check, or the plan of a confirmed restore, in a worker of its own
 * (import-worker.ts), ended when it answers.
 */
import type { ImportStep, PlannedImport, PlannedRestore } from '../core/pack-store';
import type { ImportReply, ImportRequest } from './import-protocol';

type Answer = Exclude<ImportReply, { type: 'step' | 'failed' }>;

function inWorker(request: ImportRequest, onStep: (step: ImportStep) => void): Promise<Answer> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Answer>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<ImportReply>) => {
      if (data.type === 'step') return onStep(data.step);
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

export async function planInWorker(
  request: Omit<Extract<ImportRequest, { kind: 'file' }>, 'kind'>,
  onStep: (step: ImportStep) => void,
): Promise<PlannedImport> {
  const answer = await inWorker({ kind: 'file', ...request }, onStep);
  if (answer.type !== 'planned') throw new Error(`the import worker answered ${answer.type}`);
  return answer.planned;
}

export async function planRestoreInWorker(
  request: Omit<Extract<ImportRequest, { kind: 'restore' }>, 'kind'>,
): Promise<PlannedRestore> {
  const answer = await inWorker({ kind: 'restore', ...request }, () => undefined);
  if (answer.type !== 'restore-planned') throw new Error(`the import worker answered ${answer.type}`);
  return answer.planned;
}
