/**
 * The store packages (`npm run package`, which npm test runs before this): each zip holds the
 * built extension exactly, with the version from package.json, and nothing else — no source
 * (TypeScript, the dataset's files), no tests, no source maps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip } from './zip';

const ROOT = join(import.meta.dirname, '..', '..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

describe.each(['chrome', 'firefox'])('the %s package', (target) => {
  const zipPath = join(ROOT, 'dist', 'packages', `${name}-${target}-${version}.zip`);
  const build = join(ROOT, 'dist', target);

  it('is named with the version and holds the built manifest with that version', () => {
    const entries = readZip(zipPath);
    const manifest = entries.find((e) => e.name === 'manifest.json');
    expect(manifest, `${zipPath} has no manifest.json at its root`).toBeDefined();
    const text = manifest?.read().toString('utf8') ?? '';
    expect(text).toBe(readFileSync(join(build, 'manifest.json'), 'utf8'));
    expect(JSON.parse(text).version).toBe(version);
  });

  it('holds exactly the build, byte for byte, and nothing from the sources or tests', () => {
    const entries = readZip(zipPath).filter((e) => !e.name.endsWith('/'));
    expect(entries.map((e) => e.name).sort()).toEqual(filesUnder(build));
    for (const entry of entries) {
      expect(entry.read().equals(readFileSync(join(build, entry.name))), entry.name).toBe(true);
      // Built pages keep their source paths (src/popup/index.html): what may not ship is source.
      expect(entry.name).not.toMatch(/\.(tsx?|map)$|^tests\/|^src\/data\/|^node_modules\/|(^|\/)\./);
      if (entry.name.endsWith('.js')) expect(entry.read().toString('utf8')).not.toMatch(/sourceMappingURL/);
    }
  });
});
