import { defineConfig } from 'vitest/config';

// `npm run demo`: not a test suite, a walk-through that saves screenshots (see tests/demo).
export default defineConfig({
  test: { include: ['tests/demo/**/*.run.ts'], environment: 'node', reporters: ['verbose'] },
});
