import { describe } from 'vitest';
import { foundationSpecs } from './specs/foundation';
import { launchFirefox } from './support/firefox';

describe('[firefox]', () => foundationSpecs(launchFirefox));
