/**
 * The content script's parts that are loaded only when a page needs them: the full stage (scan,
 * marks, the page's session), when the first stage finds text that may hold a match, and the
 * card's UI, when a card first opens. Each is built as a classic script of its own
 * (build/content-modules-plugin.ts) that the background injects into the asking frame's
 * isolated world with `scripting.executeScript`. Not a module `import()`: Chromium refuses a
 * content script's dynamic import on a site where the reader has turned JavaScript off, and
 * nothing here needs to be web-accessible, so no page can probe for the extension.
 */
export const STAGE_FILES = {
  session: 'src/content/page-session.js',
  card: 'src/content/card-view.js',
} as const;

export type Stage = keyof typeof STAGE_FILES;

export const isStage = (value: unknown): value is Stage =>
  typeof value === 'string' && Object.hasOwn(STAGE_FILES, value);
