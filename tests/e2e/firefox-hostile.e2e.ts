import { describe } from 'vitest';
import { hostileSpecs } from './specs/hostile';
import { privateBrowsingSpecs } from './specs/private-browsing';
import { stateSpecs } from './specs/state';
import { launchFirefox } from './support/firefox';

describe('[firefox]', () => {
  describe('hostile pages', () => hostileSpecs(launchFirefox, { extensionPageErrors: false }));
  describe('state that survives', () => stateSpecs(launchFirefox));
  describe('a reader who always browses privately', () => privateBrowsingSpecs(launchFirefox));
});
