/**
 * Valibot's issues as problems, worded the same way for every schema (the dataset, settings,
 * the export file): one problem per bad field, with its path as keys, the bad value quoted, and
 * every unknown key of an object named with the keys that would be accepted.
 */
import type * as v from 'valibot';
import { formatPath, type Key, type Problem } from './problems';

/** Valibot's issues for `input` checked against `schema`, as one problem per bad field. */
export function shapeProblems(schema: v.GenericSchema, issues: readonly v.BaseIssue<unknown>[]): Problem[] {
  const problems: Problem[] = [];
  // One problem per field: "not a URL" would otherwise also be "not an https: link".
  const seen = new Set<string>();
  const add = (keys: readonly Key[], message: string) => {
    const id = `${formatPath(keys)}\u0000${message.startsWith('unknown key') ? message : ''}`;
    if (seen.has(id)) return;
    seen.add(id);
    problems.push({ path: [...keys], message });
  };

  for (const issue of issues) {
    const items = issue.path ?? [];
    const keys = items.map((item) => item.key as Key);
    const last = items.at(-1);
    // The raw value from the input (the issue's own input may already be trimmed).
    const value = last ? last.value : issue.input;

    if (issue.type === 'strict_object' || issue.type === 'object') {
      // Valibot marks both missing and unknown keys with origin "key"; for an unknown one it
      // expects "never".
      if (last?.type === 'object' && last.origin === 'key' && issue.expected === 'never') {
        const parent = keys.slice(0, -1);
        if (Array.isArray(last.input)) {
          add(parent, 'must be an object, not an array');
          continue;
        }
        // Name each unknown key on its object, with the keys that would be accepted. Valibot
        // stops at the first unknown key of an object; the author should see them all at once.
        const allowed = allowedKeys(schema, parent);
        for (const key of Object.keys(last.input)) {
          if (!allowed.includes(key))
            add(parent, `unknown key ${JSON.stringify(key)} (allowed: ${allowed.join(', ')})`);
        }
        continue;
      }
      if (last?.type === 'object' && !Object.hasOwn(last.input, last.key)) {
        const parent = keys.slice(0, -1);
        // Arrays pass Valibot's object check; say what is wrong instead of listing every key.
        if (Array.isArray(last.input)) add(parent, 'must be an object, not an array');
        else add(keys, 'is missing');
        continue;
      }
      add(keys, `must be an object, not ${describe(value)}`);
      continue;
    }
    add(keys, issueMessage(issue, value));
  }
  return problems;
}

/** The keys `schema` accepts for the object at `keys`, found by walking it. */
function allowedKeys(schema: v.GenericSchema, keys: readonly Key[]): string[] {
  type Node = { wrapped?: Node; item?: Node; entries?: Record<string, Node> };
  const unwrap = (node: Node | undefined) => {
    let n = node;
    while (n?.wrapped) n = n.wrapped; // v.optional(...)
    return n;
  };
  let node = unwrap(schema as Node);
  for (const key of keys) node = unwrap(typeof key === 'number' ? node?.item : node?.entries?.[key]);
  return Object.keys(node?.entries ?? {});
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  array: 'an array',
  boolean: 'true or false',
  number: 'a number',
};

function issueMessage(issue: v.BaseIssue<unknown>, value: unknown): string {
  if (issue.kind === 'schema' && Object.hasOwn(TYPE_NAMES, issue.type)) {
    return `must be ${TYPE_NAMES[issue.type]}, not ${describe(value)}`;
  }
  switch (issue.type) {
    case 'non_empty':
      return typeof value === 'string' && value.length > 0 ? 'is only whitespace' : 'is empty';
    case 'max_length':
      // The text itself may be long; its length says enough.
      return `${issue.message} (it has ${issue.received})`;
    case 'min_length':
      return issue.message;
    default:
      return typeof value === 'string' || typeof value === 'number'
        ? `${quote(value)} ${issue.message}`
        : issue.message;
  }
}

/** A short, safe rendering of a bad value for a message. */
export function quote(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return JSON.stringify(shown);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string (${quote(value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
