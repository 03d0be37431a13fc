/**
 * Entry of the packs' script (core/stages.ts), run by the background while packs exist: when a
 * tab finishes loading, and in open tabs when packs come or go. It gives the first stage the
 * packs' check for the page's later changes, and answers with the page's text; the background
 * looks for the packs' patterns in it (background/packs-script.ts). So a page that names none
 * of them calls no extension API: the first call would build the API's bindings in the page's
 * isolated world, which costs more than the first stage itself.
 *
 * A first stage that has not started yet (Firefox may finish loading a page first) takes the
 * check when it starts, and checks its text at once by message; the answer is then null.
 */
import { offerPacks, runningFirstStage } from './first-stage-handle';
import { packsCheck } from './pack-check';

function textToCheck(): string | null {
  const stage = runningFirstStage();
  if (!stage) {
    offerPacks(packsCheck);
    return null;
  }
  if (stage.handedOver() || stage.lifetime.signal.aborted) return null;
  stage.usePacks(packsCheck);
  return stage.text();
}

export const answer = textToCheck();
