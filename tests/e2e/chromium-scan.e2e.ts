import { describe } from 'vitest';
import { FIXTURE_PAGES, scanAgreementSpecs } from './specs/scan-agreement';
import { launchChromium } from './support/chromium';

describe('[chromium] scan', () => scanAgreementSpecs(launchChromium, FIXTURE_PAGES));
