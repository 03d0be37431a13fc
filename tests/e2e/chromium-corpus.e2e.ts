import { describe } from 'vitest';
import { corpusSpecs } from './specs/corpus';
import { launchChromium } from './support/chromium';

describe('[chromium] corpus', () => corpusSpecs(launchChromium));
