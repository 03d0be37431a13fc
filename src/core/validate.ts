/**
 * Validates a dataset (bundled or imported) and reports every problem with the path of the bad
 * field, one line each (DESIGN non-negotiable 6). Two passes: the Valibot schema
 * checks the shape; only when the shape is sound do the checks that need the whole dataset run
 * (unique ids, references, calendar dates, date order, quotation length, ambiguous aliases,
 * signals that are real evidence, stakes of sources that speak),
 * so that they can rely on the types and never report noise caused by a shape error.
 * Pure: no DOM, no browser API; the clock is passed in.
 */
import * as v from 'valibot';
import { AMBIGUOUS_WORDS } from './ambiguous-words';
import { type Alias, type Dataset, DatasetSchema, type Dispute, type Statement } from './schema';

export type Problem = { path: string; message: string };
export type ValidateOptions = { now?: Date };
export type ValidationResult = { ok: true; dataset: Dataset } | { ok: false; problems: Problem[] };

/** Quotations are for a few exact words; the statement itself is in the dataset's words. */
export const MAX_QUOTE_WORDS = 25;

/** Shown as the path of a problem with the whole document (e.g. it is not an object). */
const ROOT = '(root)';

export function validateDataset(input: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!isPlainObject(input)) {
    return { ok: false, problems: [{ path: ROOT, message: `must be an object, not ${describe(input)}` }] };
  }
  const parsed = v.safeParse(DatasetSchema, input, { abortEarly: false });
  if (!parsed.success) return { ok: false, problems: shapeProblems(parsed.issues) };
  const problems = new DatasetChecker(parsed.output, options.now ?? new Date()).run();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, dataset: parsed.output };
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Shape: Valibot issues → problems

type Key = string | number;

function formatPath(keys: readonly Key[]): string {
  if (keys.length === 0) return ROOT;
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

function shapeProblems(issues: readonly v.BaseIssue<unknown>[]): Problem[] {
  const problems: Problem[] = [];
  // One problem per field: "not a URL" would otherwise also be "not an https: link".
  const seen = new Set<string>();
  const add = (keys: readonly Key[], message: string) => {
    const path = formatPath(keys);
    const id = `${path}\u0000${message.startsWith('unknown key') ? message : ''}`;
    if (seen.has(id)) return;
    seen.add(id);
    problems.push({ path, message });
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
        const allowed = allowedKeys(parent);
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

/** The keys the schema accepts for the object at `keys`, found by walking DatasetSchema. */
function allowedKeys(keys: readonly Key[]): string[] {
  type Node = { wrapped?: Node; item?: Node; entries?: Record<string, Node> };
  const unwrap = (node: Node | undefined) => {
    let n = node;
    while (n?.wrapped) n = n.wrapped; // v.optional(...)
    return n;
  };
  let node = unwrap(DatasetSchema as Node);
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of a bad value for a message. */
function quote(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return JSON.stringify(shown);
}

function describe(value: unknown): string {
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

// ---------------------------------------------------------------------------------------------
// Dates

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Why a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` string is not a real calendar date, or null when it
 * is. (The schema has already checked the digits and dashes.)
 */
export function partialDateError(date: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match) return 'not in the form YYYY-MM-DD, YYYY-MM or YYYY';
  const year = Number(match[1]);
  if (match[2] === undefined) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return `there is no month ${match[2]}`;
  if (match[3] === undefined) return null;
  const day = Number(match[3]);
  const days = daysInMonth(year, month);
  if (day < 1) return `there is no day ${match[3]}`;
  if (day > days) return `${MONTH_NAMES[month - 1]} ${year} has ${days} days`;
  return null;
}

/**
 * Compares two partial dates at the precision both have, so "2017-08" neither precedes nor
 * follows "2017-08-10" (0), while "2017-07" precedes it (-1). Zero-padded ISO strings compare
 * correctly as text.
 */
export function comparePartialDates(a: string, b: string): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  const x = a.slice(0, n);
  const y = b.slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The latest calendar date anywhere on Earth at `now` (UTC+14), as YYYY-MM-DD: an author east of
 * UTC who dates a statement "today" must not fail the build.
 */
function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Aliases

/** Letters and digits in any script: "A.I." has two, "MIUI" four. */
function countWordChars(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/** A phrase has at least two parts separated by whitespace, each with a letter or digit. */
function isPhrase(text: string): boolean {
  const parts = text.trim().split(/\s+/u);
  return parts.length >= 2 && parts.every((part) => /[\p{L}\p{N}]/u.test(part));
}

/**
 * Why an alias or cue would be ambiguous on its own ("two letters or fewer", "a common word"),
 * or null when it may stand alone. A phrase ("Mi Mover", "LG G7", "Zoom Video") is never
 * ambiguous: the other word pins down the meaning (DESIGN "Matching").
 */
export function isAmbiguousAlias(text: string): string | null {
  if (isPhrase(text)) return null;
  if (countWordChars(text) <= 2) return 'two letters or fewer';
  // "Apple's" is as ambiguous as "Apple".
  const word = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]s$/u, '');
  if (AMBIGUOUS_WORDS.has(word)) return 'a common word';
  return null;
}

/** Whether `phrase` has `words` as whole words ("Zoom Video" has "Zoom"; "Mint" has no "Mi"). */
function containsWords(phrase: string, words: string): boolean {
  const norm = (t: string) => ` ${t.normalize('NFC').toLowerCase().trim().split(/\s+/u).join(' ')} `;
  return norm(phrase).includes(norm(words));
}

/** Two aliases can match the same text: exact when both care about case, else ignoring it. */
function sameAlias(a: Alias, b: Alias): boolean {
  const x = a.text.normalize('NFC');
  const y = b.text.normalize('NFC');
  return a.caseSensitive && b.caseSensitive ? x === y : x.toLowerCase() === y.toLowerCase();
}

/**
 * Whether a signal names a publication: "Bloomberg" names "Bloomberg News", "Wall Street
 * Journal" names "The Wall Street Journal", "Vice" names "Motherboard (Vice)", and "Forbes
 * report" names "Forbes". Compared as whole words, ignoring case.
 */
export function namesPublication(publicationName: string, signal: string): boolean {
  const inBrackets = [...publicationName.matchAll(/\(([^)]*)\)/gu)].map((m) => m[1] ?? '');
  const names = [publicationName.replace(/\([^)]*\)/gu, ' '), ...inBrackets]
    .map((name) => name.trim().replace(/^the\s+/iu, ''))
    .filter((name) => /[\p{L}\p{N}]/u.test(name));
  const text = signal.replace(/['’]s(?=\s|$)/gu, '');
  return names.some((name) => containsWords(name, text) || containsWords(text, name));
}

// ---------------------------------------------------------------------------------------------
// Whole-dataset checks

class DatasetChecker {
  private readonly problems: Problem[] = [];
  private readonly sourceIds = new Set<string>();
  private readonly entityIds = new Set<string>();
  private readonly today: string;

  constructor(
    private readonly data: Dataset,
    now: Date,
  ) {
    this.today = latestToday(now);
  }

  run(): Problem[] {
    const { data } = this;
    this.uniqueIds(data.sources, 'sources', this.sourceIds);
    this.uniqueIds(data.entities, 'entities', this.entityIds);
    this.uniqueIds(data.disputes, 'disputes', new Set());
    this.entities();
    data.disputes.forEach((dispute, d) => {
      const at = `disputes[${d}]`;
      dispute.entities.forEach((id, i) => {
        this.ref(id, this.entityIds, `${at}.entities[${i}]`, 'entity');
      });
      this.uniqueIds(dispute.claims, `${at}.claims`, new Set());
      dispute.claims.forEach((claim, c) => {
        const claimAt = `${at}.claims[${c}]`;
        this.statement(claim, claimAt);
        this.aliases(claim.cues ?? [], `${claimAt}.cues`, null);
        claim.responses.forEach((response, r) => {
          const responseAt = `${claimAt}.responses[${r}]`;
          this.statement(response, responseAt);
          if (!partialDateError(claim.date) && !partialDateError(response.date)) {
            if (comparePartialDates(response.date, claim.date) < 0) {
              this.add(`${responseAt}.date`, `${quote(response.date)} is before its claim (${quote(claim.date)})`);
            }
          }
        });
        if (claim.responses.length === 0 && claim.noResponse === undefined) {
          this.add(
            `${claimAt}.responses`,
            'is empty and there is no noResponse; add a response or say in noResponse why none is on record',
          );
        } else if (claim.responses.length > 0 && claim.noResponse !== undefined) {
          this.add(`${claimAt}.noResponse`, 'is set although the claim has responses; remove one of the two');
        }
      });
      this.signals(dispute, at);
      this.stakes(dispute, at);
    });
    return this.problems;
  }

  private add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Records ids into `into` and reports the second and later uses of each. */
  private uniqueIds(items: readonly { id: string }[], at: string, into: Set<string>): void {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, i);
      else this.add(`${at}[${i}].id`, `${quote(item.id)} is already the id of ${at}[${earlier}]`);
      into.add(item.id);
    });
  }

  private ref(id: string, known: Set<string>, path: string, what: 'entity' | 'source'): void {
    if (!known.has(id)) this.add(path, `${quote(id)} is not the id of any ${what}`);
  }

  private entities(): void {
    const { entities } = this.data;
    const byId = new Map(entities.map((e) => [e.id, e]));
    // Alias → where it was first seen, to find one alias on two entities.
    const seen: { alias: Alias; at: string; entity: string }[] = [];
    entities.forEach((entity, e) => {
      const at = `entities[${e}]`;
      if (entity.source !== undefined) this.ref(entity.source, this.sourceIds, `${at}.source`, 'source');
      if (entity.parent !== undefined) {
        if (!this.entityIds.has(entity.parent)) {
          this.ref(entity.parent, this.entityIds, `${at}.parent`, 'entity');
        } else {
          // Follow the chain; a loop would make grouping in the UI recurse forever.
          const chain = [entity.id];
          let next: string | undefined = entity.parent;
          while (next !== undefined && !chain.includes(next) && chain.length <= entities.length) {
            chain.push(next);
            next = byId.get(next)?.parent;
          }
          if (next === entity.id) {
            this.add(`${at}.parent`, `makes a cycle (${[...chain, next].join(' → ')})`);
          }
        }
      }
      this.aliases(entity.aliases, `${at}.aliases`, entity.name);
      entity.aliases.forEach((alias, a) => {
        const other = seen.find((s) => s.entity !== entity.id && sameAlias(s.alias, alias));
        if (other) {
          this.add(
            `${at}.aliases[${a}].text`,
            `${quote(alias.text)} is already an alias of ${other.at} (${quote(other.entity)}); an alias must mean one thing`,
          );
        }
        seen.push({ alias, at, entity: entity.id });
      });
    });
  }

  /** Ambiguity and repeats within one list of aliases (an entity's) or cues (a claim's). */
  private aliases(list: readonly Alias[], at: string, entityName: string | null): void {
    list.forEach((alias, a) => {
      const path = `${at}[${a}].text`;
      const reason = isAmbiguousAlias(alias.text);
      if (reason) {
        // Suggest the entity's own name when it is an unambiguous phrase containing the alias.
        const suggestion =
          entityName && isPhrase(entityName) && containsWords(entityName, alias.text)
            ? `use a phrase such as ${quote(entityName)}`
            : 'use a phrase that contains it instead';
        this.add(path, `${quote(alias.text)} is ambiguous on its own (${reason}); ${suggestion}`);
      }
      const earlier = list.findIndex((other, o) => o < a && sameAlias(other, alias));
      if (earlier >= 0) this.add(path, `${quote(alias.text)} repeats ${at}[${earlier}]`);
    });
  }

  /**
   * A signal is evidence that a page is about this dispute, so it must be a word only this
   * dispute's reporting uses: not one of the dispute's own entity names (their mention is counted
   * apart), not a claim's cue (counted already), not a publication's name (publications report on everything), not ambiguous alone,
   * and listed once. The same holds for each of a signal's other forms (`also`).
   */
  private signals(dispute: Dispute, at: string): void {
    const entityAliases = this.data.entities
      .filter((e) => dispute.entities.includes(e.id))
      .flatMap((e) => e.aliases.map((alias) => ({ alias, entity: e.id })));
    const publications = this.data.sources.filter((s) => s.kind === 'publication');
    // Every form of every signal, its own text first then its `also` forms: each is a word on
    // the page that counts as evidence, so each must pass the same checks.
    const forms = (dispute.signals ?? []).flatMap((signal, i) => [
      { alias: signal as Alias, at: `${at}.signals[${i}]` },
      ...(signal.also ?? []).map((alias, j) => ({ alias, at: `${at}.signals[${i}].also[${j}]` })),
    ]);
    forms.forEach(({ alias: form, at: formAt }, f) => {
      const path = `${formAt}.text`;
      const reason = isAmbiguousAlias(form.text);
      if (reason) {
        this.add(
          path,
          `${quote(form.text)} is ambiguous on its own (${reason}); use a phrase that contains it instead`,
        );
      }
      const earlier = forms.find((other, o) => o < f && sameAlias(other.alias, form));
      if (earlier) this.add(path, `${quote(form.text)} repeats ${earlier.at}`);
      const cueAt = dispute.claims.findIndex((claim) => (claim.cues ?? []).some((cue) => sameAlias(cue, form)));
      if (cueAt >= 0) {
        this.add(
          path,
          `${quote(form.text)} is already a cue of ${at}.claims[${cueAt}]; a cue counts as evidence itself`,
        );
      }
      const alias = entityAliases.find((a) => sameAlias(a.alias, form));
      if (alias) {
        this.add(
          path,
          `${quote(form.text)} is an alias of the dispute's entity ${quote(alias.entity)}; an entity's name is counted as a mention, not as evidence`,
        );
      }
      const publication = publications.find((p) => namesPublication(p.name, form.text));
      if (publication) {
        this.add(
          path,
          `${quote(form.text)} names the publication ${quote(publication.id)}; publications report on everything, so their names are no evidence`,
        );
      }
    });
  }

  /** A stake is a role in this dispute, so its source must speak in it, and has one role. */
  private stakes(dispute: Dispute, at: string): void {
    const speakers = new Set(
      dispute.claims.flatMap((claim) => [claim.source, ...claim.responses.map((r) => r.source)]),
    );
    const first = new Map<string, number>();
    (dispute.stakes ?? []).forEach((stake, i) => {
      const path = `${at}.stakes[${i}].source`;
      const earlier = first.get(stake.source);
      if (earlier !== undefined) {
        this.add(
          path,
          `${quote(stake.source)} already has a stake at ${at}.stakes[${earlier}]; a source has one role in a dispute`,
        );
        return;
      }
      first.set(stake.source, i);
      if (!this.sourceIds.has(stake.source)) this.ref(stake.source, this.sourceIds, path, 'source');
      else if (!speakers.has(stake.source)) {
        this.add(path, `${quote(stake.source)} makes no claim or response in this dispute`);
      }
    });
  }

  private statement(s: Statement, at: string): void {
    this.ref(s.source, this.sourceIds, `${at}.source`, 'source');
    this.date(s.date, `${at}.date`);
    s.citations.forEach((citation, c) => {
      if (citation.date !== undefined) this.date(citation.date, `${at}.citations[${c}].date`);
    });
    if (s.quote) {
      const words = s.quote.text.split(/\s+/u).filter((w) => w.length > 0).length;
      if (words > MAX_QUOTE_WORDS) {
        this.add(`${at}.quote.text`, `has ${words} words; a quotation may have at most ${MAX_QUOTE_WORDS}`);
      }
    }
    s.attribution?.alternatives.forEach((id, i) => {
      this.ref(id, this.sourceIds, `${at}.attribution.alternatives[${i}]`, 'source');
    });
  }

  private date(date: string, path: string): void {
    const error = partialDateError(date);
    if (error) this.add(path, `${quote(date)} is not a date (${error})`);
    else if (comparePartialDates(date, this.today) > 0) this.add(path, `${quote(date)} is in the future`);
  }
}
