// Third-party material, not in the repository: run by `npm run test:corpus -- DIR`, never by npm test.
import { describe } from 'vitest';
import { corpusSpecs } from './specs/corpus';
import { foundingRealTextSpecs } from './specs/foundation';
import { CORPUS_PAGES, scanAgreementSpecs } from './specs/scan-agreement';
import { launchFirefox } from './support/firefox';

describe('[firefox] corpus', () => corpusSpecs(launchFirefox));
describe('[firefox] founding article', () => foundingRealTextSpecs(launchFirefox));
describe('[firefox] scan', () => {
  scanAgreementSpecs(launchFirefox, CORPUS_PAGES);
});
