/**
 * Checks a picked file, or plans a confirmed restore, off the options page's thread: a pack of
 * 20,000 disputes takes seconds to parse, check and compile, and the page must stay responsive
 * and show where it is.
 */
import dataset from 'virtual:counterclaim/dataset';
import { planBackupRestore, planFileImport } from '../core/pack-store';
import type { ImportReply, ImportRequest } from './import-protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(reply: ImportReply): void;
};

scope.onmessage = ({ data }) => {
  try {
    if (data.kind === 'restore') {
      scope.postMessage({
        type: 'restore-planned',
        planned: planBackupRestore(data.backup, data.items, { bundled: dataset }),
      });
      return;
    }
    const planned = planFileImport(data.text, data.items, {
      bundled: dataset,
      now: new Date(data.now),
      onStep: (step) => scope.postMessage({ type: 'step', step }),
      onRecord: (key, text) => scope.postMessage({ type: 'record', key, text }),
    });
    scope.postMessage({ type: 'planned', planned });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
