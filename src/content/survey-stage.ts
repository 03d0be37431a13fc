/** Entry of the survey's file (stages.ts): hands the survey to the first stage. */
import { provideStage } from './stage-loader';
import { answerRequests, surveyPage } from './survey';

provideStage('survey', { surveyPage, answerRequests });
