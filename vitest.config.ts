import { defineConfig } from 'vitest/config';

// Unit tests only: pure logic from src/core, build helpers and the command-line tools, in Node.
// Anything that needs the Highlight API runs in tests/e2e against real browsers.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The command-line tools' tests parse dozens of fixture pages with jsdom; on a 2-core
    // machine busy with other work one such test took 5.8 s, past Vitest's default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
