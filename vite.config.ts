/**
 * One source tree, two builds: `vite build --mode chrome` writes dist/chrome (MV3 service
 * worker), `--mode firefox` writes dist/firefox (MV3 background scripts, gecko settings).
 * manifest.json holds everything the two share; only the differences are made here.
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { datasetPlugin } from './build/dataset-plugin';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

type Target = 'chrome' | 'firefox';

function manifestFor(target: Target): ManifestV3Export {
  const { browser_specific_settings, background, ...shared } = baseManifest;
  const common = { ...shared, version: pkg.version };
  if (target === 'chrome') return { ...common, background } as ManifestV3Export;
  return {
    ...common,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings,
  } as unknown as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  if (mode !== 'chrome' && mode !== 'firefox') {
    throw new Error(`Build with --mode chrome or --mode firefox (got "${mode}")`);
  }
  const target: Target = mode;
  return {
    plugins: [
      datasetPlugin(),
      preact(),
      crx({
        manifest: manifestFor(target),
        browser: target,
        // One self-contained file: no loader, no web-accessible chunks a page could probe.
        contentScripts: { standaloneFiles: ['src/content/index.ts'] },
      }),
    ],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: target === 'chrome' ? 'chrome120' : 'firefox140',
      sourcemap: false,
      modulePreload: false,
    },
    legacy: undefined,
  };
});
