/**
 * A walk over a parsed file that refuses what has no place in a data file: keys that could
 * pollute prototypes, deep nesting, control characters, markup and non-https links. It only
 * reads, so it can never change Object.prototype.
 */
import type { Key, Problem, ProblemWords } from './problems';

const codePoint = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** Keys that can reach prototypes when a parsed object is copied or merged carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// C0 controls other than tab, line feed and carriage return; DEL; C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** Direction overrides and isolates, which can make text read differently from what it is. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;
/**
 * The start of a tag ("<b>", "<img src=…", "</p", "<div" at the end), a comment, a doctype or an
 * XML declaration. "2 < 3" and "<3" are not: a tag name starts with a letter right after "<".
 */
const HTML = /<\/?[a-z][a-z0-9-]*(?=[\s/>]|$)|<[!?]/i;
const SCRIPT_LINK = /^(?:javascript|vbscript):/i;
const DATA_LINK = /^data:[a-z]+\/[a-z0-9.+-]+/i;
/** A string that is a URL: a scheme, "//" and no spaces. */
const LINK = /^([a-z][a-z0-9+.-]*):\/\/\S+$/i;

export interface WalkLimits {
  maxDepth: number;
  maxProblems: number;
}

/**
 * Everything in `value` that a data file must not contain, with its path. Stops collecting at
 * `maxProblems`. Strings under JSON-LD keywords ("@context", "@id" …) and "$schema" name
 * vocabularies, not links to show, so they may be http:.
 */
export function hostileProblems(value: unknown, limits: WalkLimits): Problem[] {
  const problems: Problem[] = [];
  const keys: Key[] = [];
  const add = (words: ProblemWords) => {
    if (problems.length < limits.maxProblems) problems.push({ path: [...keys], ...words });
  };
  const text = (s: string, key: Key | undefined) => {
    const control = CONTROL.exec(s);
    if (control) add({ code: 'problemTextControl', values: [codePoint(control[0].codePointAt(0) as number)] });
    const bidi = BIDI.exec(s);
    if (bidi) add({ code: 'problemTextBidi', values: [codePoint(bidi[0].codePointAt(0) as number)] });
    const html = HTML.exec(s);
    if (html) {
      // The tag as written, to its first space or ">" ("<img src=x …" → "<img", "<b>bold" → "<b>").
      const tag = (/^<[^\s>]*>?/u.exec(s.slice(html.index, html.index + 24)) as RegExpExecArray)[0];
      const shown = tag.length > 20 ? `${tag.slice(0, 19)}…` : tag;
      add({ code: 'problemTextMarkup', values: [JSON.stringify(shown)] });
    }
    // Browsers ignore spaces and control characters inside a scheme ("java\tscript:").
    // biome-ignore lint/suspicious/noControlCharactersInRegex: see above
    const compact = s.replace(/[\u0000-\u0020]/gu, '');
    const script = SCRIPT_LINK.exec(compact);
    const data = DATA_LINK.exec(s.trim());
    if (script || data) {
      const scheme = (script ?? data)?.[0].split(':')[0]?.toLowerCase() ?? '';
      add({ code: 'problemLinkScheme', values: [scheme] });
      return;
    }
    const link = LINK.exec(s.trim());
    const vocabulary = typeof key === 'string' && (key.startsWith('@') || key === '$schema');
    if (link && !vocabulary && link[1]?.toLowerCase() !== 'https') {
      const shown = s.length > 60 ? `${s.slice(0, 57)}…` : s;
      add({ code: 'problemLinkNotHttps', values: [JSON.stringify(shown), link[1]?.toLowerCase() ?? ''] });
    }
  };

  const visit = (node: unknown, depth: number): void => {
    if (problems.length >= limits.maxProblems) return;
    if (depth > limits.maxDepth) {
      add({ code: 'problemTooDeep', values: [String(limits.maxDepth)] });
      return;
    }
    if (typeof node === 'string') {
      text(node, keys.at(-1));
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        keys.push(i);
        visit(node[i], depth + 1);
        keys.pop();
      }
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const key of Object.keys(node)) {
      keys.push(key);
      if (FORBIDDEN_KEYS.has(key)) {
        add({ code: 'problemForbiddenKey', values: [JSON.stringify(key)] });
      } else {
        const control = CONTROL.exec(key) ?? BIDI.exec(key);
        if (control) add({ code: 'problemKeyControl', values: [codePoint(control[0].codePointAt(0) as number)] });
        visit((node as Record<string, unknown>)[key], depth + 1);
      }
      keys.pop();
    }
  };
  visit(value, 0);
  return problems;
}
