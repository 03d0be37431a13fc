/** Where the build writes card-view.ts as a module of its own (build/card-module-plugin.ts). */
export const CARD_MODULE = 'src/content/card-view.js';
