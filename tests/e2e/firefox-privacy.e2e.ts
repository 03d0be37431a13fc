import { describe } from 'vitest';
import { privacySpecs } from './specs/privacy';
import { launchFirefox } from './support/firefox';

describe('[firefox] privacy', () => privacySpecs(launchFirefox));
