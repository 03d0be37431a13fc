/**
 * Entry of the packs' script (core/stages.ts): registered as a content script while packs exist,
 * and run by the background in open pages when packs come or go. Makes the first stage check the
 * page against the packs' patterns too (the check is in this file, not the first stage; the
 * background holds the filter).
 */
import { offerPacks, runningFirstStage } from './first-stage-handle';
import { packsCheck } from './pack-check';

if (!runningFirstStage()?.handedOver()) offerPacks(packsCheck);
