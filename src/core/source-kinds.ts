/**
 * The kinds of source a statement can come from, in the order the options page groups them.
 * Its own module, free of valibot, so the content script (which needs the order through
 * packs.ts) does not pull the schema library into every page (size).
 */
export const SOURCE_KINDS = ['security-firm', 'vendor', 'researcher', 'agency', 'publication'] as const;
