import { describe } from 'vitest';
import { FIXTURE_PAGES, scanAgreementSpecs } from './specs/scan-agreement';
import { launchFirefox } from './support/firefox';

describe('[firefox] scan', () => scanAgreementSpecs(launchFirefox, FIXTURE_PAGES));
