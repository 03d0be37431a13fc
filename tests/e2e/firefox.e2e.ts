import { describe } from 'vitest';
import { annotationSpecs } from './specs/annotation';
import { foundationSpecs } from './specs/foundation';
import { launchFirefox } from './support/firefox';

describe('[firefox]', () => {
  describe('foundation', () => foundationSpecs(launchFirefox));
  describe('annotation', () => annotationSpecs(launchFirefox));
});
