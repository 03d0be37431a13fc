import { describe } from 'vitest';
import { FIXTURE_PAGES, scanAgreementSpecs } from './specs/scan-agreement';
import { scriptsOffSpecs } from './specs/scripts-off';
import { launchFirefox } from './support/firefox';

describe('[firefox] scan', () => {
  const env = scanAgreementSpecs(launchFirefox, FIXTURE_PAGES);
  scriptsOffSpecs(env);
});
