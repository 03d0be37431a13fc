/** The content script as injected: the first stage over the bundled patterns (first-stage.ts). */
import bundledFilter from 'virtual:counterclaim/prefilter';
import { startFirstStage } from './first-stage';

startFirstStage(bundledFilter);
