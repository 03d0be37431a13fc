import { describe } from 'vitest';
import { hostileSpecs } from './specs/hostile';
import { stateSpecs } from './specs/state';
import { launchFirefox } from './support/firefox';

describe('[firefox]', () => {
  describe('hostile pages', () => hostileSpecs(launchFirefox, { extensionPageErrors: false }));
  describe('state that survives', () => stateSpecs(launchFirefox));
});
