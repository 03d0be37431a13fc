import { describe } from 'vitest';
import { FIXTURE_PAGES, scanAgreementSpecs } from './specs/scan-agreement';
import { scriptsOffSpecs } from './specs/scripts-off';
import { launchChromium } from './support/chromium';

describe('[chromium] scan', () => {
  const env = scanAgreementSpecs(launchChromium, FIXTURE_PAGES);
  scriptsOffSpecs(env);
});
