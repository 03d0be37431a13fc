/**
 * What the shipped code can do, read from the builds (npm test runs this after the build): no
 * network API and no way to run code that is not in the package, and a manifest that asks for
 * storage, and for scripting on the pages its content script already runs on (to load its own
 * parts there). The README's "Privacy and security" section names these tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_PAGES, INJECTED_FILES, STAGE_FILES } from '../../src/core/stages';

const ROOT = join(import.meta.dirname, '..', '..');

const filesOf = (dir: string, ext: RegExp): { name: string; text: string }[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => ext.test(name))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));

describe.each(['chrome', 'firefox'])('the %s build', (target) => {
  const build = join(ROOT, 'dist', target);
  const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8'));

  it('has no network API in its code: nothing leaves the machine', () => {
    const scripts = filesOf(build, /\.js$/);
    expect(scripts.length).toBeGreaterThan(3);
    for (const { name, text } of scripts) {
      for (const api of ['fetch(', 'XMLHttpRequest', 'WebSocket', 'sendBeacon', 'EventSource', 'RTCPeerConnection']) {
        expect(text.includes(api), `${name} uses ${api}`).toBe(false);
      }
    }
  });

  it('runs only the code it ships: no eval, no remote scripts, no loosened content security policy', () => {
    for (const { name, text } of filesOf(build, /\.js$/)) {
      for (const call of ['eval(', 'new Function', 'importScripts(']) {
        expect(text.includes(call), `${name} uses ${call}`).toBe(false);
      }
    }
    for (const { name, text } of filesOf(build, /\.html$/)) {
      for (const src of text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) {
        // A path inside the package: no scheme, not protocol-relative.
        expect(src[1], `${name} loads a script from elsewhere`).not.toMatch(/^([a-z][a-z0-9+.-]*:|\/\/)/i);
      }
    }
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('asks for storage, and for scripting only where its content script runs', () => {
    // Chrome's storage.local holds 10 MB without unlimitedStorage, which it grants with no prompt.
    expect(manifest.permissions).toEqual(
      target === 'chrome' ? ['storage', 'scripting', 'unlimitedStorage'] : ['storage', 'scripting'],
    );
    const pages = manifest.content_scripts.flatMap((script: { matches: string[] }) => script.matches);
    expect(pages).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.host_permissions).toEqual(pages);
    expect(manifest.optional_permissions).toBeUndefined();
    // Only the content script's own parts, for it to import; Chrome at a per-session URL.
    expect(manifest.web_accessible_resources).toEqual([
      {
        resources: Object.values(STAGE_FILES),
        matches: pages,
        ...(target === 'chrome' ? { use_dynamic_url: true } : {}),
      },
    ]);
    if (target === 'firefox') {
      expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    }
  });

  it('injects only its own content-script files, by file, and registers none', () => {
    const scripts = filesOf(build, /\.js$/);
    const injecting = scripts.filter(({ text }) => /executeScript\(|registerContentScripts\(/.test(text));
    expect(injecting.map(({ name }) => name)).toHaveLength(1);
    const [background] = injecting;
    // Files only: never a function or code string made at run time.
    expect(background?.text.match(/executeScript\(/g)).toHaveLength(1);
    expect(background?.text).toMatch(/executeScript\(\{\s*target:\s*\w+,\s*files:\s*\[\w+\]\s*\}\)/);
    expect(background?.text).not.toMatch(/\bregisterContentScripts\(/);
    for (const file of [...Object.values(STAGE_FILES), ...Object.values(INJECTED_FILES)])
      expect(readFileSync(join(build, file), 'utf8').length).toBeGreaterThan(0);
    expect(CONTENT_PAGES).toEqual(manifest.content_scripts[0].matches);
  });
});
