/**
 * Entry of the script the background runs when it found some of the packs' patterns in the text
 * the packs' script answered with (packs-stage.ts): the first stage checks its page against
 * them now, and weighs what the background finds against the texts of the elements the scan
 * skips (pack-check.ts), as for any change.
 */
import { offerPacks, runningFirstStage } from './first-stage-handle';
import { packsCheck } from './pack-check';

if (!runningFirstStage()?.handedOver()) offerPacks(packsCheck);
