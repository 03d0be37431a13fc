/**
 * Loads a part of the content script on demand (stages.ts): asks the background to inject the
 * part's file into this frame, and takes what the file handed over as it ran. Both sides run in
 * the same isolated world, so the hand-over is a symbol-keyed slot on its global; the slot is
 * cleared before and after, so a copy left by an older version of the extension in the same
 * world is never taken for this one.
 */
import { sendToBackground } from '../core/messages';
import type { Stage } from '../core/stages';
import { ext } from './runtime';

type Scope = Record<symbol, unknown>;
const slot = (stage: Stage) => Symbol.for(`counterclaim.stage.${stage}`);

/** Called by a part's file as it runs: hands its exports to the loader that asked for them. */
export function provideStage(stage: Stage, exports: object): void {
  (globalThis as unknown as Scope)[slot(stage)] = exports;
}

/** The exports of `stage`'s file, injected now; rejects when the background could not inject it. */
export async function loadStage<T>(stage: Stage): Promise<T> {
  const scope = globalThis as unknown as Scope;
  delete scope[slot(stage)];
  const injected = await sendToBackground(ext.runtime, { type: 'load-stage', stage });
  const exports = scope[slot(stage)];
  delete scope[slot(stage)];
  if (!injected || !exports) throw new Error(`The ${stage} part of the content script could not be loaded`);
  return exports as T;
}
