import { describe } from 'vitest';
import { privacySpecs } from './specs/privacy';
import { launchChromium } from './support/chromium';

describe('[chromium] privacy', () => privacySpecs(launchChromium));
