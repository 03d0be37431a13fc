/**
 * Where a file that JSON.parse refused stops being JSON, said the same in every browser (the
 * engines word their errors differently, and Chromium's name no position). The place comes from
 * jsonc-parser, a maintained scanner, run strict: no comments, no trailing commas.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';
import type { Problem, ProblemWords } from './problems';

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

interface SyntaxError {
  /** jsonc-parser's name for it: "InvalidSymbol", "UnexpectedEndOfString" … */
  code: string;
  offset: number;
  length: number;
  /** Objects and arrays open where the error is. */
  open: number;
}

function firstError(text: string): SyntaxError | null {
  let open = 0;
  let first: SyntaxError | null = null;
  const opened = () => {
    if (!first) open++;
  };
  // The scanner closes every open bracket at the end of the text too, with a length of 0.
  const closed = (_offset: number, length: number) => {
    if (!first && length > 0) open--;
  };
  try {
    visit(
      text,
      {
        onObjectBegin: opened,
        onArrayBegin: opened,
        onObjectEnd: closed,
        onArrayEnd: closed,
        onError: (code, offset, length) => {
          first ??= { code: printParseErrorCode(code), offset, length, open };
        },
      },
      STRICT,
    );
  } catch (error) {
    // The scanner recurses once per level; a file nested deeper than the stack is said no more of.
    if (error instanceof RangeError) return null;
    throw error;
  }
  return first;
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

/** Inside a bad string token: the character that makes it bad (a control character, an escape). */
function badCharacterIn(text: string, error: SyntaxError): number {
  const end = error.offset + error.length;
  for (let i = error.offset + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) return i;
    if (c === 0x5c) {
      if (error.code === 'InvalidEscapeCharacter' && !'"\\/bfnrtu'.includes(text[i + 1] ?? '')) return i + 1;
      if (error.code === 'InvalidUnicode' && text[i + 1] === 'u') {
        for (let k = i + 2; k < i + 6; k++) if (!/[0-9a-fA-F]/.test(text[k] ?? '')) return k;
      }
      i++;
    }
  }
  return error.offset;
}

const file = (words: ProblemWords): Problem => ({ path: [], scope: 'file', ...words });

/** Why `text`, which JSON.parse refused, is not JSON, and where. */
export function jsonSyntaxProblem(text: string): Problem {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) return file({ code: 'problemJsonMarkup' });
  const error = firstError(text);
  if (!error) return file({ code: 'problemJsonOther' });
  const end = text.trimEnd().length;
  const length = String(text.length);
  if (error.offset >= end) {
    return error.open > 0
      ? file({ code: 'problemJsonCutOffOpen', count: error.open, values: [length] })
      : file({ code: 'problemJsonCutOffEmpty', values: [length] });
  }
  if (error.offset + error.length >= end) {
    if (error.code === 'UnexpectedEndOfString') {
      return file({ code: 'problemJsonCutOffString', values: [length] });
    }
    // "tru", "1." at the very end: a value cut short, not a wrong one.
    const token = text.slice(error.offset, end);
    const literal = ['true', 'false', 'null'].some((word) => word.startsWith(token));
    if (literal || error.code === 'UnexpectedEndOfNumber') {
      return file({ code: 'problemJsonCutOffOpen', count: error.open, values: [length] });
    }
  }
  const inString =
    error.code === 'InvalidCharacter' ||
    error.code === 'InvalidEscapeCharacter' ||
    error.code === 'InvalidUnicode' ||
    error.code === 'UnexpectedEndOfString';
  const at = inString ? badCharacterIn(text, error) : error.offset;
  const { line, column } = lineAndColumn(text, at);
  const where = [String(line), String(column), String(at + 1)];
  const c = text.charCodeAt(at);
  if (c < 0x20 || c === 0x7f) return file({ code: 'problemJsonControl', values: [codePoint(c), ...where] });
  // The token as written, or the one bad character inside a string.
  const token = inString ? (text[at] ?? '') : text.slice(error.offset, error.offset + Math.max(1, error.length));
  const shown = token.length > 20 ? `${token.slice(0, 19)}…` : token;
  return file({ code: 'problemJsonUnexpected', values: [JSON.stringify(shown), ...where] });
}
