import { describe } from 'vitest';
import { pixelSpecs } from './specs/pixels';
import { launchChromium } from './support/chromium';

describe('[chromium] pixels', () => pixelSpecs(launchChromium));
