/**
 * Valibot's issues as problems, the same for every schema (the dataset, settings, the export
 * file): one problem per bad field, with its path as keys, the bad value quoted, and every
 * unknown key of an object named with the keys that would be accepted. A schema's own messages
 * are problem names (`'problemNotId'`); the values come from the issue and the schema.
 */
import type * as v from 'valibot';
import { formatPath, type Key, type Phrase, type Problem, type ProblemWords } from './problems';

/** Valibot's issues for `input` checked against `schema`, as one problem per bad field. */
export function shapeProblems(schema: v.GenericSchema, issues: readonly v.BaseIssue<unknown>[]): Problem[] {
  const problems: Problem[] = [];
  // One problem per field: "not a URL" would otherwise also be "not an https: link".
  const seen = new Set<string>();
  const add = (keys: readonly Key[], words: ProblemWords) => {
    const id = `${formatPath(keys)}\u0000${words.code === 'problemUnknownKey' ? words.values?.[0] : ''}`;
    if (seen.has(id)) return;
    seen.add(id);
    problems.push({ path: [...keys], ...words });
  };

  for (const issue of issues) {
    const items = issue.path ?? [];
    const keys = items.map((item) => item.key as Key);
    const last = items.at(-1);
    // The raw value from the input (the issue's own input may already be trimmed); for a bad
    // key of a record, the key.
    const value = last && last.origin !== 'key' ? last.value : issue.input;

    if (issue.type === 'strict_object' || issue.type === 'object' || issue.type === 'record') {
      // Valibot marks both missing and unknown keys with origin "key"; for an unknown one it
      // expects "never".
      if (last?.type === 'object' && last.origin === 'key' && issue.expected === 'never') {
        const parent = keys.slice(0, -1);
        if (Array.isArray(last.input)) {
          add(parent, { code: 'problemArrayNotObject' });
          continue;
        }
        // Name each unknown key on its object, with the keys that would be accepted. Valibot
        // stops at the first unknown key of an object; the author should see them all at once.
        const allowed = Object.keys(schemaAt(schema, parent)?.entries ?? {});
        for (const key of Object.keys(last.input)) {
          if (!allowed.includes(key))
            add(parent, { code: 'problemUnknownKey', values: [JSON.stringify(key), allowed.join(', ')] });
        }
        continue;
      }
      if (last?.type === 'object' && !Object.hasOwn(last.input, last.key)) {
        const parent = keys.slice(0, -1);
        // Arrays pass Valibot's object check; say what is wrong instead of listing every key.
        if (Array.isArray(last.input)) add(parent, { code: 'problemArrayNotObject' });
        else add(keys, { code: 'problemMissing' });
        continue;
      }
      add(keys, { code: 'problemMustBeObject', values: [describe(value)] });
      continue;
    }
    add(keys, issueWords(schema, keys, issue, value));
  }
  return problems;
}

type Node = { wrapped?: Node; item?: Node; entries?: Record<string, Node>; options?: readonly unknown[] };

/** The part of `schema` that checks the value at `keys`, found by walking it. */
function schemaAt(schema: v.GenericSchema, keys: readonly Key[]): Node | undefined {
  const unwrap = (node: Node | undefined) => {
    let n = node;
    while (n?.wrapped) n = n.wrapped; // v.optional(...)
    return n;
  };
  let node = unwrap(schema as Node);
  for (const key of keys) node = unwrap(typeof key === 'number' ? node?.item : node?.entries?.[key]);
  return node;
}

const TYPE_CODES = {
  string: 'problemMustBeString',
  array: 'problemMustBeArray',
  boolean: 'problemMustBeBoolean',
  number: 'problemMustBeNumber',
} as const;

function issueWords(
  schema: v.GenericSchema,
  keys: readonly Key[],
  issue: v.BaseIssue<unknown>,
  value: unknown,
): ProblemWords {
  if (issue.kind === 'schema' && Object.hasOwn(TYPE_CODES, issue.type)) {
    return { code: TYPE_CODES[issue.type as keyof typeof TYPE_CODES], values: [describe(value)] };
  }
  const shown = typeof value === 'string' || typeof value === 'number' ? quote(value) : describe(value);
  switch (issue.type) {
    case 'non_empty':
      return { code: typeof value === 'string' && value.length > 0 ? 'problemOnlyWhitespace' : 'problemEmpty' };
    case 'max_length':
      // The text itself may be long; its length says enough.
      return { code: 'problemTooLong', values: [String(issue.requirement), String(issue.received)] };
    case 'picklist': {
      const options = (schemaAt(schema, keys)?.options ?? []).join(', ');
      return { code: 'problemNotOneOf', values: [shown, options] };
    }
    default:
      // A schema's own message is the problem's name; values are the bad value. Checks that
      // name none (a literal, a union) say only that the value does not belong.
      return issue.message.startsWith('problem')
        ? ({ code: issue.message, values: [shown] } as ProblemWords)
        : { code: 'problemNotAllowed', values: [shown] };
  }
}

/** A short, safe rendering of a bad value for a message. */
export function quote(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return JSON.stringify(shown);
}

/** What a value is, for "must be a string, not …". */
export function describe(value: unknown): Phrase {
  if (value === null) return { code: 'phraseNull' };
  if (Array.isArray(value)) return { code: 'phraseArray' };
  switch (typeof value) {
    case 'string':
      return { code: 'phraseString', values: [quote(value)] };
    case 'number':
      return { code: 'phraseNumber', values: [String(value)] };
    case 'boolean':
      return { code: 'phraseBoolean', values: [String(value)] };
    case 'object':
      return { code: 'phraseObject' };
    default:
      return { code: 'phraseOther', values: [typeof value] };
  }
}
