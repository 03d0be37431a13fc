import { defineConfig } from 'vitest/config';

// Unit tests only: pure logic from src/core and build helpers, in Node. Anything that needs
// a real DOM or the Highlight API runs in tests/e2e against real browsers.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
