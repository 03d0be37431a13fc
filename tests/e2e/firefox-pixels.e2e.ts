import { describe } from 'vitest';
import { pixelSpecs } from './specs/pixels';
import { launchFirefox } from './support/firefox';

describe('[firefox] pixels', () => pixelSpecs(launchFirefox));
