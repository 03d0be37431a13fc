/** Entry of the full stage's file (stages.ts): hands the page session to the first stage. */
import { startPageSession } from './page-session';
import { provideStage } from './stage-loader';

provideStage('session', { startPageSession });
