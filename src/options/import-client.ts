/** Runs one import check in a worker of its own (import-worker.ts), ended when it answers. */
import type { ImportStep, PlannedImport } from '../core/pack-store';
import type { ImportReply, ImportRequest } from './import-protocol';

export function planInWorker(request: ImportRequest, onStep: (step: ImportStep) => void): Promise<PlannedImport> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<PlannedImport>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<ImportReply>) => {
      if (data.type === 'step') return onStep(data.step);
      worker.terminate();
      if (data.type === 'planned') resolve(data.planned);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the import worker failed to start'));
    };
    worker.postMessage(request);
  });
}
