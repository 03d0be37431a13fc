/**
 * What the first stage leaves on its isolated world's global for the scripts the background
 * injects (core/stages.ts, INJECTED_FILES). Only scripts of this extension run in that world, so
 * no page can reach it.
 */
/**
 * Whether a text may hold one of the packs' patterns, skipped elements' texts aside: a promise,
 * as a long text is checked in slices that let the page run between them.
 */
export type TextCheck = (text: string, skipped?: () => readonly string[]) => Promise<boolean>;

/** The packs' check, and the pack list it was made for (packListSignature). */
export interface PacksCheck {
  check: TextCheck;
  packs: string;
}

/**
 * The packs' check being read; null: the packs changed since their filter was written, so
 * "maybe". A function, not the filter, so that the first stage holds no code for packs.
 */
export type PackFilter = Promise<PacksCheck | null>;

/**
 * What the first stage knows when it hands over, so that the full stage does not read the
 * packs' filter again or run their check over the page a second time.
 */
export interface Handover {
  packs: PacksCheck | null;
  /** The packs' check found one of their patterns in the page. */
  packsFound: boolean;
}

export interface FirstStageHandle {
  lifetime: AbortController;
  /** True once the full stage was started: it answers the background itself. */
  handedOver(): boolean;
  /** Checks the page against the packs' filter (now read) too, instead of the one before. */
  repack(filter: PackFilter): void;
}

const HANDLE = Symbol.for('counterclaim.first-stage');
/** The packs' filter, when the packs' script ran before the first stage did. */
const EARLY_PACKS = Symbol.for('counterclaim.first-stage.packs');

type Scope = { [HANDLE]?: FirstStageHandle; [EARLY_PACKS]?: PackFilter };
const scope = globalThis as typeof globalThis & Scope;

export const runningFirstStage = (): FirstStageHandle | undefined => scope[HANDLE];

export function setRunningFirstStage(handle: FirstStageHandle): void {
  scope[HANDLE] = handle;
}

/** Hands the packs' filter to the first stage, or keeps it for the first stage to take. */
export function offerPacks(filter: PackFilter): void {
  const stage = scope[HANDLE];
  if (stage) stage.repack(filter);
  else scope[EARLY_PACKS] = filter;
}

export function takeEarlyPacks(): PackFilter | undefined {
  const filter = scope[EARLY_PACKS];
  delete scope[EARLY_PACKS];
  return filter;
}
