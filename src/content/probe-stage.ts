/**
 * Entry of the probe's script (core/stages.ts), run by the background when the popup asks about
 * a page that did not answer: a page whose first stage found nothing has no listener (it calls no
 * extension API), so this tells "nothing here" from "cannot run here". A surveyed page is surveyed
 * again (its findings went with a navigation).
 */
import type { ProbeAnswer } from '../core/messages';
import { runningFirstStage } from './first-stage-handle';
import { readPageDate } from './page-date';

function probe(): ProbeAnswer {
  const stage = runningFirstStage();
  if (!stage || stage.lifetime.signal.aborted) return null;
  // The background has, or will soon have, its findings: asked again, it gives them.
  if (stage.handedOver() || stage.surveyAgain()) return 'starting';
  return { url: location.href, findings: { disputes: [], pageDate: readPageDate() } };
}

export const answer = probe();
