/** Where the build writes card-view.ts as a module of its own (build/content-modules-plugin.ts). */
export const CARD_MODULE = 'src/content/card-view.js';
