/**
 * Checks on an imported file before its content is interpreted: where JSON syntax
 * breaks (the same words in every browser, since engines word JSON.parse errors differently),
 * and a walk over the parsed value that refuses what has no place in a data file: keys that
 * could pollute prototypes, deep nesting, control characters, markup and non-https links.
 * Pure; the walk only reads, so it can never change Object.prototype.
 */
import type { Problem } from './validate';

export type Key = string | number;

/** `disputes[0].claims[1]`, `@graph[2].author`, `(root)` for the whole document. */
export function formatPath(keys: readonly Key[]): string {
  if (keys.length === 0) return '(root)';
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[@$A-Za-z_][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Syntax

type JsonError = { at: number; early: false; found: string } | { early: true; inString: boolean; open: number };

/**
 * The first place where `text` stops being JSON, or null when it is JSON. Iterative, so any
 * nesting depth is fine.
 */
export function locateJsonError(text: string): JsonError | null {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  const early = (inString = false): JsonError => ({ early: true, inString, open: stack.length });
  const bad = (): JsonError => ({ at: i, early: false, found: text[i] ?? '' });
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): JsonError | null => {
    i++; // the opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return bad();
      if (c === 0x5c) {
        i++;
        if (i >= n) return early(true);
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (i + k >= n) return early(true);
            if (!/[0-9a-fA-F]/.test(text[i + k] as string)) {
              i += k;
              return bad();
            }
          }
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] as string)) i++;
        else return bad();
        continue;
      }
      i++;
    }
    return early(true);
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  // Expecting a value.
  for (;;) {
    ws();
    if (i >= n) return early();
    const c = text[i] as string;
    let opened = false;
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (i >= n) return early();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else if (c === '{') {
        if (text[i] !== '"') return bad();
        const e = string();
        if (e) return e;
        ws();
        if (i >= n) return early();
        if (text[i] !== ':') return bad();
        i++;
        continue;
      } else {
        opened = true;
      }
    } else if (c === '"') {
      const e = string();
      if (e) return e;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return i + 1 >= n ? early() : bad();
      i += m[0].length;
      // "1." or "1e" cut off at the very end.
      if (i < n && (text[i] === '.' || text[i] === 'e' || text[i] === 'E') && i + 1 >= n) return early();
    } else if (c === 't' || c === 'f' || c === 'n') {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      const rest = text.slice(i, i + word.length);
      if (rest === word) i += word.length;
      else if (word.startsWith(rest) && i + rest.length >= n) return early();
      else {
        let k = 0;
        while (rest[k] === word[k]) k++;
        i += k;
        return bad();
      }
    } else {
      return bad();
    }
    if (opened) continue; // the first value of an array

    // After a value: a comma, a closing bracket or the end.
    for (;;) {
      ws();
      const top = stack.at(-1);
      if (top === undefined) return i >= n ? null : bad();
      if (i >= n) return early();
      const d = text[i];
      if (d === ',') {
        i++;
        if (top === '{') {
          ws();
          if (i >= n) return early();
          if (text[i] !== '"') return bad();
          const e = string();
          if (e) return e;
          ws();
          if (i >= n) return early();
          if (text[i] !== ':') return bad();
          i++;
        }
        break;
      }
      if (d === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        continue;
      }
      return bad();
    }
  }
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: at - start + 1 };
}

const codePoint = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` (which JSON.parse refused) is not JSON, in the same words in every browser. */
export function describeJsonError(text: string): string {
  const error = locateJsonError(text);
  if (!error) return 'is not JSON';
  if (error.early) {
    const what = error.inString
      ? 'inside a string'
      : error.open > 0
        ? `with ${error.open} unclosed ${error.open === 1 ? 'bracket' : 'brackets'}`
        : 'before any value';
    return `is cut off: the JSON ends early at character ${text.length}, ${what}`;
  }
  const trimmed = text.trimStart();
  if (error.at === text.length - trimmed.length && trimmed.startsWith('<')) {
    return 'is not JSON: it starts with "<", like an HTML or XML page';
  }
  const { line, column } = lineAndColumn(text, error.at);
  const code = text.charCodeAt(error.at);
  const found = code < 0x20 || code === 0x7f ? `control character ${codePoint(code)}` : JSON.stringify(error.found);
  return `is not JSON: unexpected ${found} at line ${line}, column ${column} (character ${error.at + 1})`;
}

// ---------------------------------------------------------------------------------------------
// The walk

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
  const add = (message: string) => {
    if (problems.length < limits.maxProblems) problems.push({ path: formatPath(keys), message });
  };
  const text = (s: string, key: Key | undefined) => {
    const control = CONTROL.exec(s);
    if (control)
      add(`contains a control character (${codePoint(control[0].codePointAt(0) as number)}); text must be plain`);
    const bidi = BIDI.exec(s);
    if (bidi) {
      add(
        `contains an invisible text-direction control (${codePoint(bidi[0].codePointAt(0) as number)}), which can disguise what the text says`,
      );
    }
    const html = HTML.exec(s);
    if (html) {
      // The tag as written, to its first space or ">" ("<img src=x …" → "<img", "<b>bold" → "<b>").
      const tag = (/^<[^\s>]*>?/u.exec(s.slice(html.index, html.index + 24)) as RegExpExecArray)[0];
      const shown = tag.length > 20 ? `${tag.slice(0, 19)}…` : tag;
      add(`contains HTML (${JSON.stringify(shown)}); text is always shown as plain text, so markup is refused`);
    }
    // Browsers ignore spaces and control characters inside a scheme ("java\tscript:").
    // biome-ignore lint/suspicious/noControlCharactersInRegex: see above
    const compact = s.replace(/[\u0000-\u0020]/gu, '');
    const script = SCRIPT_LINK.exec(compact);
    const data = DATA_LINK.exec(s.trim());
    if (script || data) {
      const scheme = (script ?? data)?.[0].split(':')[0]?.toLowerCase();
      add(`is a ${scheme}: link; only https: links are allowed`);
      return;
    }
    const link = LINK.exec(s.trim());
    const vocabulary = typeof key === 'string' && (key.startsWith('@') || key === '$schema');
    if (link && !vocabulary && link[1]?.toLowerCase() !== 'https') {
      const shown = s.length > 60 ? `${s.slice(0, 57)}…` : s;
      add(`${JSON.stringify(shown)} is an ${link[1]?.toLowerCase()}: link; only https: links are allowed`);
    }
  };

  const visit = (node: unknown, depth: number): void => {
    if (problems.length >= limits.maxProblems) return;
    if (depth > limits.maxDepth) {
      add(`is nested more than ${limits.maxDepth} levels deep`);
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
        add(
          `the key ${JSON.stringify(key)} is not allowed: a data file has no use for it, and it can alter how objects behave`,
        );
      } else {
        const control = CONTROL.exec(key) ?? BIDI.exec(key);
        if (control) add(`this key contains a control character (${codePoint(control[0].codePointAt(0) as number)})`);
        visit((node as Record<string, unknown>)[key], depth + 1);
      }
      keys.pop();
    }
  };
  visit(value, 0);
  return problems;
}
