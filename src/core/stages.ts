/**
 * The content script's parts that are loaded only when a page needs them: the survey, when the
 * first stage finds text that may hold a match; the full stage (scan, marks, the page's session),
 * when the page has marks to show; and the card's UI, when a card first opens. Each is one
 * self-contained script (build/content-modules-plugin.ts) that is valid both as a module and as a
 * classic script: the content script imports it, and where Chromium refuses that import (a site
 * with JavaScript turned off) the background injects it with `scripting.executeScript`
 * (content/stage-loader.ts).
 */
/** The pages the content script runs on: the manifest's `matches`, and the packs' script's. */
export const CONTENT_PAGES = ['http://*/*', 'https://*/*'];

export const STAGE_FILES = {
  session: 'src/content/page-session.js',
  /** The page's side of a survey (content/survey.ts), before the full stage. */
  survey: 'src/content/survey.js',
  card: 'src/content/card-view.js',
} as const;

export type Stage = keyof typeof STAGE_FILES;

export const isStage = (value: unknown): value is Stage =>
  typeof value === 'string' && Object.hasOwn(STAGE_FILES, value);

/**
 * Scripts only the background runs in a page, built the same way. The first stage touches no
 * extension API (building one's bindings in a page's new isolated world costs more than the
 * stage itself), so nothing can message it: the background reaches it through these, which
 * talk to it through its global in the isolated world they share (content/first-stage-handle.ts).
 */
export const INJECTED_FILES = {
  /** Run when the popup asks about a page that did not answer: what its first stage has. */
  probe: 'src/content/probe.js',
  /**
   * Run while packs exist, when a tab finishes loading and in open pages when packs change:
   * gives the first stage the packs' check for later changes, and answers with the page's text.
   */
  packs: 'src/content/packs.js',
  /** Run when the background found some of the packs' patterns in that text: the page is surveyed. */
  packsFound: 'src/content/packs-found.js',
  /** Run when a page the background surveyed has marks to show after a settings change. */
  handOver: 'src/content/hand-over.js',
} as const;

/**
 * The name the probe's script leaves its answer under; its last statement reads it, since what
 * `executeScript` returns is the value of an injected file's last statement.
 */
export const PROBE_GLOBAL = 'counterclaimProbe';
/** The same, for the packs' script: the page's text, or null. */
export const PACKS_GLOBAL = 'counterclaimPacks';
