/**
 * The kinds of source a statement can come from, in the order the options page groups them.
 * Its own module, free of valibot, so the options page's summaries (source-summaries.ts) need
 * not pull in the schema library for it.
 */
export const SOURCE_KINDS = ['security-firm', 'vendor', 'researcher', 'agency', 'publication'] as const;
