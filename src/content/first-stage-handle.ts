/**
 * What the first stage leaves on its isolated world's global for the scripts the background
 * injects (core/stages.ts, INJECTED_FILES). Only scripts of this extension run in that world, so
 * no page can reach it.
 */
/**
 * Whether a text may hold one of the packs' patterns, skipped elements' texts aside: a promise,
 * as the background answers it (content/pack-check.ts).
 */
export type TextCheck = (text: string, skipped?: () => readonly string[]) => Promise<boolean>;

export interface FirstStageHandle {
  lifetime: AbortController;
  /** True once the full stage was started: it answers the background itself. */
  handedOver(): boolean;
  /** Starts the full stage (the page has marks to show after all). */
  handOver(): void;
  /**
   * True while the background has, or will soon have, this page's findings from a survey
   * (core/survey.ts): one is on its way, or one was kept and a new one starts now (a single-page
   * app may have moved to another address since).
   */
  surveyAgain(): boolean;
  /**
   * The background found some of the packs' patterns in the page's text: the page is surveyed
   * with their disputes.
   */
  packsNamed(): void;
  /** Checks the page against the packs' patterns too, with this check: now, and its changes. */
  repack(check: TextCheck): void;
  /** Checks the page's changes from now on against the packs' patterns too, with this check. */
  usePacks(check: TextCheck): void;
  /** The text of the page this stage checks (scripts, styles and form fields left out). */
  text(): string;
}

const HANDLE = Symbol.for('counterclaim.first-stage');
/** The packs' check, when the packs' script ran before the first stage did. */
const EARLY_PACKS = Symbol.for('counterclaim.first-stage.packs');

type Scope = { [HANDLE]?: FirstStageHandle; [EARLY_PACKS]?: TextCheck };
const scope = globalThis as typeof globalThis & Scope;

export const runningFirstStage = (): FirstStageHandle | undefined => scope[HANDLE];

export function setRunningFirstStage(handle: FirstStageHandle): void {
  scope[HANDLE] = handle;
}

/** Hands the packs' check to the first stage, or keeps it for the first stage to take. */
export function offerPacks(check: TextCheck): void {
  const stage = scope[HANDLE];
  if (stage) stage.repack(check);
  else scope[EARLY_PACKS] = check;
}

export function takeEarlyPacks(): TextCheck | undefined {
  const check = scope[EARLY_PACKS];
  delete scope[EARLY_PACKS];
  return check;
}
