/**
 * The bundles' Preact cannot parse a string as markup: build/preact-no-html-plugin.ts rewrites
 * its `dangerouslySetInnerHTML` path to set text, checked on the Preact this project installs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { rewritePreactHtml } from '../../build/preact-no-html-plugin';

const preactFile = createRequire(import.meta.url).resolve('preact');
const original = readFileSync(preactFile, 'utf8');
const folder = mkdtempSync(join(tmpdir(), 'counterclaim-preact-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Preact = typeof import('preact');
async function loadPreact(code: string): Promise<Preact> {
  const file = join(folder, `preact-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code.replace(/\/\/# sourceMappingURL=.*$/m, ''));
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Preact;
}

function renderHtml(preact: Preact): Element {
  const { window } = new JSDOM('<!doctype html><body></body>');
  const g = globalThis as { document?: Document };
  const saved = g.document;
  g.document = window.document;
  try {
    const root = window.document.body;
    preact.render(preact.h('div', { dangerouslySetInnerHTML: { __html: '<img src=x onerror=alert(1)>' } }), root);
    return root;
  } finally {
    g.document = saved;
  }
}

describe("Preact's dangerouslySetInnerHTML in the bundles", () => {
  it('renders the string as text: no element is created from it', async () => {
    const root = renderHtml(await loadPreact(rewritePreactHtml(original)));
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('div')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('is what the rewrite changes: unmodified Preact parses the string', async () => {
    const root = renderHtml(await loadPreact(original));
    expect(root.querySelector('img')).not.toBeNull();
  });

  it('refuses to build when Preact assigns innerHTML in a form it does not know', () => {
    expect(() => rewritePreactHtml('n.innerHTML = html;')).toThrow(/innerHTML/);
  });
});
