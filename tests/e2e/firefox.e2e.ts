import { describe } from 'vitest';
import { annotationSpecs } from './specs/annotation';
import { foundationSpecs } from './specs/foundation';
import { popupSpecs } from './specs/popup';
import { launchFirefox } from './support/firefox';

describe('[firefox]', () => {
  describe('foundation', () => foundationSpecs(launchFirefox));
  describe('annotation', () => annotationSpecs(launchFirefox));
  describe('popup', () => popupSpecs(launchFirefox));
});
