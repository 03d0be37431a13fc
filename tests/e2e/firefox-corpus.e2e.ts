import { describe } from 'vitest';
import { corpusSpecs } from './specs/corpus';
import { launchFirefox } from './support/firefox';

describe('[firefox] corpus', () => corpusSpecs(launchFirefox));
