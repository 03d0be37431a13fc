import { defineConfig } from 'vitest/config';

// `npm run test:corpus -- DIR [SOURCES]`: the end-to-end suites over saved third-party pages and
// the founding article's real text, which live outside the repository (scripts/test-corpus.mjs
// passes their folders). Same browsers and limits as vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*-corpus.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
    reporters: ['verbose'],
  },
});
