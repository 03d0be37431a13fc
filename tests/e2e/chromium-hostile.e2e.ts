import { describe } from 'vitest';
import { hostileSpecs } from './specs/hostile';
import { stateSpecs } from './specs/state';
import { launchChromium } from './support/chromium';

describe('[chromium]', () => {
  describe('hostile pages', () => hostileSpecs(launchChromium, { extensionPageErrors: true }));
  describe('state that survives', () => stateSpecs(launchChromium));
});
