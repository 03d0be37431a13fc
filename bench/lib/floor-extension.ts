/**
 * The floor of the whole-extension figure: an extension whose content script does only the
 * in-page floor's work (bench/page/entry.ts `floor`: one TreeWalker over the text nodes and one
 * `indexOf` over each node's text) and nothing else, no extension API, no data. Loaded fresh in
 * the same way and read from the same kind of trace as ours, it is what any content script that
 * reads a page's text pays on this machine before doing anything of its own: a new isolated
 * world, its DOM wrappers, the script's injection.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** At the same path as ours, so the trace attributes its script the same way. */
export const FLOOR_CONTENT_SCRIPT = 'src/content/index.js';

const CONTENT_SCRIPT = `(() => {
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let sink = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) sink += node.data.indexOf('\\u0000');
  if (sink === 0.5) console.log(sink); // keeps the searches observable
})();
`;

/** Writes the floor extension to `dir` (emptied first) and returns `dir`. */
export function writeFloorExtension(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src', 'content'), { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Counterclaim bench floor',
    version: '1.0',
    // The bench's launch() finds the extension's origin through its service worker.
    background: { service_worker: 'service-worker.js' },
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: [FLOOR_CONTENT_SCRIPT], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  writeFileSync(join(dir, 'service-worker.js'), '// Nothing: only here so the extension has an origin to find.\n');
  writeFileSync(join(dir, FLOOR_CONTENT_SCRIPT), CONTENT_SCRIPT);
  return dir;
}
