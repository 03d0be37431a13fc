/**
 * One source tree, two builds: `vite build --mode chrome` writes dist/chrome (MV3 service
 * worker), `--mode firefox` writes dist/firefox (MV3 background scripts, gecko settings).
 * manifest.json holds everything the two share; only the differences are made here.
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { contentModulesPlugin } from './build/content-modules-plugin';
import { datasetPlugin } from './build/dataset-plugin';
import { preactNoHtmlPlugin } from './build/preact-no-html-plugin';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { CONTENT_PAGES, STAGE_FILES } from './src/core/stages';

type Target = 'chrome' | 'firefox';

/**
 * The oldest browsers admitted, and the syntax the bundles are built for. Each must draw the
 * default marks, a text-decoration in `::highlight()` (tests/e2e/specs/pixels.ts looks): Firefox
 * has the Highlight API from 140 but draws text-decoration in highlights only from 146; Chromium
 * draws it wherever the API runs (105 on), and 120 is the bundles' syntax target.
 */
const MIN_CHROME = '120';
const MIN_FIREFOX = '146';
const JS_TARGET: Record<Target, string> = { chrome: `chrome${MIN_CHROME}`, firefox: `firefox${MIN_FIREFOX}` };

/**
 * The content script's parts, for it to import (core/stages.ts). Chrome serves them only at the
 * session's dynamic URL, so no page can probe a fixed one to detect the extension; Firefox's
 * extension origin is random per install already.
 */
function partResources(target: Target) {
  const resource = { resources: Object.values(STAGE_FILES), matches: CONTENT_PAGES };
  return [target === 'chrome' ? { ...resource, use_dynamic_url: true } : resource];
}

function manifestFor(target: Target): ManifestV3Export {
  const { browser_specific_settings, background, ...shared } = baseManifest;
  const common = { ...shared, version: pkg.version, web_accessible_resources: partResources(target) };
  if (target === 'chrome') {
    // Without it Chrome refuses storage.local writes past 10 MB, and a large pack is 30 MB stored.
    // Chrome shows no prompt for it; Firefox would ("store unlimited client-side data") and sets
    // no quota on an add-on's storage.local anyway.
    const permissions = [...common.permissions, 'unlimitedStorage'];
    return { ...common, permissions, background, minimum_chrome_version: MIN_CHROME } as ManifestV3Export;
  }
  return {
    ...common,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: { ...browser_specific_settings.gecko, strict_min_version: `${MIN_FIREFOX}.0` },
    },
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
      preactNoHtmlPlugin(),
      preact(),
      contentModulesPlugin(JS_TARGET[target]),
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
      target: JS_TARGET[target],
      sourcemap: false,
      modulePreload: false,
    },
    legacy: undefined,
  };
});
