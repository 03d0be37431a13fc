#!/usr/bin/env node
/**
 * npm run package: store-ready zips of the builds in dist/packages (git-ignored), named with
 * package.json's version: counterclaim-chrome-VERSION.zip (Chrome Web Store) and
 * counterclaim-firefox-VERSION.zip (addons.mozilla.org, made by `web-ext build`). Run after
 * `npm run build` (the npm script does both).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, 'dist', 'packages');
mkdirSync(out, { recursive: true });

for (const target of ['chrome', 'firefox']) {
  const source = join(root, 'dist', target);
  const manifest = join(source, 'manifest.json');
  if (!existsSync(manifest)) throw new Error(`No build in ${source}: run npm run build first`);
  const built = JSON.parse(readFileSync(manifest, 'utf8')).version;
  if (built !== version) throw new Error(`${manifest} has version ${built}, package.json ${version}: rebuild`);
  const filename = `${name}-${target}-${version}.zip`;
  // web-ext zips the folder as the stores expect (manifest at the root, no dotfiles); for
  // Chrome it is only the zip tool, not the Firefox checks.
  const result = spawnSync(
    'npx',
    ['web-ext', 'build', '--source-dir', source, '--artifacts-dir', out, '--filename', filename, '--overwrite-dest'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`dist/packages/${filename}`);
}
