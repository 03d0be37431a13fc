import { defineConfig } from 'vitest/config';

// End-to-end specs: the built extension in real Chromium and Firefox. One browser per file and
// two files at a time (the machine has 2 cores); each spec file launches its own browser.
// The specs over third-party pages (*-corpus.e2e.ts) are not here: see vitest.corpus.config.ts.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    exclude: ['tests/e2e/**/*-corpus.e2e.ts', '**/node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
    reporters: ['verbose'],
  },
});
