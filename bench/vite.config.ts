/**
 * Builds the bench runner (bench/run.ts, TypeScript) into one Node ES module,
 * node_modules/.bench/run.mjs, since Node 20 cannot run .ts. Dependencies stay external and are
 * resolved from node_modules at run time.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: 'bench/run.ts',
    outDir: 'node_modules/.bench/runner',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: { output: { entryFileNames: 'run.mjs' } },
  },
});
