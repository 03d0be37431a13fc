import { describe } from 'vitest';
import { annotationSpecs } from './specs/annotation';
import { cardSpecs } from './specs/card';
import { foundationSpecs } from './specs/foundation';
import { optionsSpecs } from './specs/options';
import { popupSpecs } from './specs/popup';
import { relevanceSpecs } from './specs/relevance';
import { surveySpecs } from './specs/survey';
import { launchFirefox } from './support/firefox';

describe('[firefox]', () => {
  describe('foundation', () => foundationSpecs(launchFirefox));
  describe('annotation', () => annotationSpecs(launchFirefox));
  describe('popup', () => popupSpecs(launchFirefox));
  describe('card', () => cardSpecs(launchFirefox));
  describe('options', () => optionsSpecs(launchFirefox));
  describe('relevance', () => relevanceSpecs(launchFirefox));
  describe('survey', () => surveySpecs(launchFirefox));
});
