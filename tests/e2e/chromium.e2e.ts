import { describe } from 'vitest';
import { annotationSpecs } from './specs/annotation';
import { cardSpecs } from './specs/card';
import { foundationSpecs } from './specs/foundation';
import { optionsSpecs } from './specs/options';
import { popupSpecs } from './specs/popup';
import { relevanceSpecs } from './specs/relevance';
import { surveySpecs } from './specs/survey';
import { launchChromium } from './support/chromium';

describe('[chromium]', () => {
  describe('foundation', () => foundationSpecs(launchChromium));
  describe('annotation', () => annotationSpecs(launchChromium));
  describe('popup', () => popupSpecs(launchChromium));
  describe('card', () => cardSpecs(launchChromium));
  describe('options', () => optionsSpecs(launchChromium));
  describe('relevance', () => relevanceSpecs(launchChromium));
  describe('survey', () => surveySpecs(launchChromium));
});
