/**
 * Entry of the script the background runs when a page it surveyed (core/survey.ts) has marks to
 * show after all, because the reader's settings changed: the first stage loads its full stage.
 */
import { runningFirstStage } from './first-stage-handle';

runningFirstStage()?.handOver();
