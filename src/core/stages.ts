/**
 * The content script's parts that are loaded only when a page needs them: the full stage (scan,
 * marks, the page's session), when the first stage finds text that may hold a match, and the
 * card's UI, when a card first opens. Each is one self-contained script
 * (build/content-modules-plugin.ts) that is valid both as a module and as a classic script: the
 * content script imports it, and where Chromium refuses that import (a site with JavaScript
 * turned off) the background injects it with `scripting.executeScript`
 * (content/stage-loader.ts).
 */
export const STAGE_FILES = {
  session: 'src/content/page-session.js',
  card: 'src/content/card-view.js',
} as const;

export type Stage = keyof typeof STAGE_FILES;

export const isStage = (value: unknown): value is Stage =>
  typeof value === 'string' && Object.hasOwn(STAGE_FILES, value);
