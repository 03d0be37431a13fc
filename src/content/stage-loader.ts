/**
 * Loads a part of the content script on demand (core/stages.ts) and takes what the part's file
 * handed over as it ran. Both run in the same isolated world, so the hand-over is a symbol-keyed
 * slot on its global; the slot is cleared before and after, so a copy left by an older version
 * of the extension in the same world is never taken for this one.
 */
import { sendToBackground } from '../core/messages';
import { STAGE_FILES, type Stage } from '../core/stages';
import { ext } from './runtime';

type Scope = Record<symbol, unknown>;
const slot = (stage: Stage) => Symbol.for(`counterclaim.stage.${stage}`);

/** Called by a part's file as it runs: hands its exports to the loader that asked for them. */
export function provideStage(stage: Stage, exports: object): void {
  (globalThis as unknown as Scope)[slot(stage)] = exports;
}

const loaded = new Map<Stage, object>();

/**
 * The exports of `stage`'s file, loaded once per content-script copy. A module `import()` first:
 * the browser compiles the file once and keeps its code. Chromium refuses that import on a site
 * where the reader has turned JavaScript off, and a module this world imported for an older copy
 * is not run again; then the background injects the same file as a classic script. Rejects when
 * neither worked.
 */
export async function loadStage<T>(stage: Stage): Promise<T> {
  const known = loaded.get(stage);
  if (known) return known as T;
  const scope = globalThis as unknown as Scope;
  delete scope[slot(stage)];
  await import(/* @vite-ignore */ ext.runtime.getURL(STAGE_FILES[stage])).catch(() => undefined);
  if (!scope[slot(stage)]) await sendToBackground(ext.runtime, { type: 'load-stage', stage }).catch(() => false);
  const exports = scope[slot(stage)];
  delete scope[slot(stage)];
  if (!exports) throw new Error(`The ${stage} part of the content script could not be loaded`);
  loaded.set(stage, exports);
  return exports as T;
}
