/**
 * Entry of the script the background runs when it found some of the packs' patterns in the text
 * the packs' script answered with (packs-stage.ts): the first stage surveys its page, and the
 * background judges it with the disputes of the packs' vendors it names (core/survey.ts). A first
 * stage that has not started yet takes the packs' check, and checks its page when it starts.
 */
import { offerPacks, runningFirstStage } from './first-stage-handle';
import { packsCheck } from './pack-check';

// A stage that handed over or stopped surveys nothing (first-stage.ts).
const stage = runningFirstStage();
if (stage) stage.packsNamed();
else offerPacks(packsCheck);
