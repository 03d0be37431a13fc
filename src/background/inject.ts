/**
 * The one way the background runs script in a page: one of the extension's own files
 * (core/stages.ts), never a function or code made at run time.
 */
import browser from 'webextension-polyfill';

export type InjectTarget = { tabId: number; frameIds?: number[]; documentIds?: string[] };

/** What the file's last statement evaluated to in the target's first frame; rejects when it could not run. */
export async function runFile(target: InjectTarget, file: string): Promise<unknown> {
  // From the root: Firefox resolves a relative path against the calling page's address.
  const fromRoot = `/${file}`;
  const [first] = await browser.scripting.executeScript({ target, files: [fromRoot] });
  return first?.result;
}
