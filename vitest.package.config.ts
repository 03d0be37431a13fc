import { defineConfig } from 'vitest/config';

// The store packages, checked after `npm run package` (npm test runs it): they need the build.
export default defineConfig({
  test: { include: ['tests/package/**/*.test.ts'], environment: 'node' },
});
