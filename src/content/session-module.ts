/** Where the build writes page-session.ts as a module of its own (build/content-modules-plugin.ts). */
export const SESSION_MODULE = 'src/content/page-session.js';
