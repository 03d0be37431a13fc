import { describe } from 'vitest';
import { foundationSpecs } from './specs/foundation';
import { launchChromium } from './support/chromium';

describe('[chromium]', () => foundationSpecs(launchChromium));
