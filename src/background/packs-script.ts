/**
 * Checks pages against the imported packs' patterns without the pages asking. While packs
 * exist, the background runs the packs' script (core/stages.ts) in a tab when it finishes
 * loading, and in every open tab when packs come or go. The script answers with the page's
 * text, which is looked for the packs' patterns here; only when some are there is the page
 * surveyed (core/survey.ts), by the script that makes it do so, and judged with the disputes of
 * the packs' vendors it names. A page that names none of them calls no extension API, so it never
 * pays for building the API's bindings in its isolated world.
 */
import browser from 'webextension-polyfill';
import { namesAny, type Prefilter } from '../core/prefilter';
import { CONTENT_PAGES, INJECTED_FILES } from '../core/stages';
import { type InjectTarget, runFile } from './inject';

/** The part of PackPatterns this needs (a fake in unit tests). */
export interface PackLookup {
  exist(): Promise<boolean>;
  in(texts: readonly string[]): Promise<Prefilter[]>;
}

export type RunFile = (target: InjectTarget, file: string) => Promise<unknown>;

/**
 * Checks the page in the tab's top frame against the packs' patterns, if any packs exist. Never
 * rejects: a failure (storage that cannot be read) leaves the page as it is, with a warning.
 */
export async function checkPacksIn(tabId: number, packs: PackLookup, run: RunFile = runFile): Promise<void> {
  try {
    if (!(await packs.exist())) return;
    const target = { tabId, frameIds: [0] };
    // Rejected for a page the extension cannot run on, or a tab closed meanwhile.
    const text = await run(target, INJECTED_FILES.packs).catch(() => null);
    // Null: the page's full stage runs (it reads the packs itself), or its first stage had not
    // started and checks by message when it does.
    if (typeof text !== 'string' || text.length === 0) return;
    const [found] = await packs.in([text]);
    if (!namesAny(found)) return;
    await run(target, INJECTED_FILES.packsFound).catch(() => undefined);
  } catch (error) {
    console.warn('Counterclaim: could not check a page against the imported packs', error);
  }
}

/** Checks every open page: packs came or went. */
export async function checkOpenTabs(packs: PackLookup): Promise<void> {
  for (const tab of await browser.tabs.query({ url: CONTENT_PAGES })) {
    if (tab.id !== undefined) void checkPacksIn(tab.id, packs);
  }
}
