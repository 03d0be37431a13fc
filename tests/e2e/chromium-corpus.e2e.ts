// Third-party material, not in the repository: run by `npm run test:corpus -- DIR`, never by npm test.
import { describe } from 'vitest';
import { corpusSpecs } from './specs/corpus';
import { foundingRealTextSpecs } from './specs/foundation';
import { CORPUS_PAGES, scanAgreementSpecs } from './specs/scan-agreement';
import { launchChromium } from './support/chromium';

describe('[chromium] corpus', () => corpusSpecs(launchChromium));
describe('[chromium] founding article', () => foundingRealTextSpecs(launchChromium));
describe('[chromium] scan', () => {
  scanAgreementSpecs(launchChromium, CORPUS_PAGES);
});
