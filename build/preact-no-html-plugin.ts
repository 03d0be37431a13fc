/**
 * Vite plugin: takes Preact's one HTML-parsing path, `dangerouslySetInnerHTML`, out of the
 * bundles. The project never uses it (lint/no-inner-html.grit forbids innerHTML in our code), but
 * Preact's own `dom.innerHTML = props.dangerouslySetInnerHTML.__html` would still ship in every
 * page and the card module, where a reviewer (and `web-ext lint`) must take it on trust. Here the
 * assignment sets text instead, so no string can ever be parsed as markup through Preact.
 * The build fails if a Preact release assigns innerHTML in a form the rewrite does not know.
 */
import type { Plugin } from 'vite';

/** Preact's minified `t.innerHTML=h.__html` (dist/preact.mjs), whatever the variable names. */
const HTML_ASSIGNMENT = /([\w$]+)\.innerHTML=([\w$]+)\.__html/g;
const PREACT = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/;
const ANY_ASSIGNMENT = /\.innerHTML\s*=(?!=)/;

export function rewritePreactHtml(code: string): string {
  const rewritten = code.replace(HTML_ASSIGNMENT, '$1.textContent=$2.__html');
  if (ANY_ASSIGNMENT.test(rewritten)) {
    throw new Error('Preact assigns innerHTML in a form build/preact-no-html-plugin.ts does not know');
  }
  return rewritten;
}

export function preactNoHtmlPlugin(): Plugin {
  return {
    name: 'counterclaim:preact-no-html',
    enforce: 'pre',
    transform(code, id) {
      if (!PREACT.test(id.split('?')[0] ?? '')) return null;
      return { code: rewritePreactHtml(code), map: null };
    },
  };
}
