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
import { isRecord } from './json-value';
import { formatPath, type Key, type Phrase, type Problem, type ProblemWords, type Value } from './problems';
import { type Alias, type Dataset, DatasetSchema, type Dispute, type Statement } from './schema';
import { describe, quote, shapeProblems } from './shape-problems';

export type { Problem } from './problems';
export type ValidateOptions = { now?: Date };
/** Problems said in one form. */
type SingleCode = Extract<ProblemWords, { count?: undefined }>['code'];

export type ValidationResult = { ok: true; dataset: Dataset } | { ok: false; problems: Problem[] };

/** Quotations are for a few exact words; the statement itself is in the dataset's words. */
export const MAX_QUOTE_WORDS = 25;

export function validateDataset(input: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!isRecord(input)) {
    return { ok: false, problems: [{ path: [], code: 'problemMustBeObject', values: [describe(input)] }] };
  }
  const parsed = v.safeParse(DatasetSchema, input, { abortEarly: false });
  if (!parsed.success) return { ok: false, problems: shapeProblems(DatasetSchema, parsed.issues) };
  const problems = new DatasetChecker(parsed.output, options.now ?? new Date()).run();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, dataset: parsed.output };
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Month names are words, so they come from _locales. */
const MONTH_NAMES = Array.from({ length: 12 }, (_, i) => `phraseMonth${i + 1}` as const);

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
export function partialDateError(date: string): Phrase | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match) return { code: 'phraseDateForm' };
  const year = Number(match[1]);
  if (match[2] === undefined) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return { code: 'phraseNoMonth', values: [match[2]] };
  if (match[3] === undefined) return null;
  const day = Number(match[3]);
  const days = daysInMonth(year, month);
  if (day < 1) return { code: 'phraseNoDay', values: [match[3]] };
  if (day > days) {
    const name: Phrase = { code: MONTH_NAMES[month - 1] as Phrase['code'] };
    return { code: 'phraseDaysInMonth', values: [name, String(year), String(days)] };
  }
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
export function isAmbiguousAlias(text: string): Phrase | null {
  if (isPhrase(text)) return null;
  if (countWordChars(text) <= 2) return { code: 'phraseTwoLetters' };
  // "Apple's" is as ambiguous as "Apple".
  const word = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]s$/u, '');
  if (AMBIGUOUS_WORDS.has(word)) return { code: 'phraseCommonWord' };
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
  /** Each entity id's places in the list, made when first needed. */
  private entityPlaces: Map<string, number[]> | undefined;
  private readonly publications: Dataset['sources'];

  constructor(
    private readonly data: Dataset,
    now: Date,
  ) {
    this.today = latestToday(now);
    this.publications = data.sources.filter((s) => s.kind === 'publication');
  }

  run(): Problem[] {
    const { data } = this;
    this.uniqueIds(data.sources, ['sources'], this.sourceIds);
    this.uniqueIds(data.entities, ['entities'], this.entityIds);
    this.uniqueIds(data.disputes, ['disputes'], new Set());
    this.entities();
    data.disputes.forEach((dispute, d) => {
      const at: Key[] = ['disputes', d];
      dispute.entities.forEach((id, i) => {
        this.ref(id, this.entityIds, [...at, 'entities', i], 'entity');
      });
      this.uniqueIds(dispute.claims, [...at, 'claims'], new Set());
      dispute.claims.forEach((claim, c) => {
        const claimAt = [...at, 'claims', c];
        this.statement(claim, claimAt);
        this.aliases(claim.cues ?? [], [...claimAt, 'cues'], null);
        claim.responses.forEach((response, r) => {
          const responseAt = [...claimAt, 'responses', r];
          this.statement(response, responseAt);
          if (!partialDateError(claim.date) && !partialDateError(response.date)) {
            if (comparePartialDates(response.date, claim.date) < 0) {
              this.add([...responseAt, 'date'], 'problemResponseBeforeClaim', quote(response.date), quote(claim.date));
            }
          }
        });
        if (claim.responses.length === 0 && claim.noResponse === undefined) {
          this.add([...claimAt, 'responses'], 'problemNoResponse');
        } else if (claim.responses.length > 0 && claim.noResponse !== undefined) {
          this.add([...claimAt, 'noResponse'], 'problemNoResponseAndResponses');
        }
      });
      this.signals(dispute, at);
      this.stakes(dispute, at);
    });
    return this.problems;
  }

  private add(path: Key[], code: SingleCode, ...values: Value[]): void {
    this.problems.push({ path, code, values });
  }

  /** Records ids into `into` and reports the second and later uses of each. */
  private uniqueIds(items: readonly { id: string }[], at: Key[], into: Set<string>): void {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, i);
      else this.add([...at, i, 'id'], 'problemIdTaken', quote(item.id), formatPath([...at, earlier]));
      into.add(item.id);
    });
  }

  private ref(id: string, known: Set<string>, path: Key[], what: 'entity' | 'source'): void {
    if (!known.has(id)) this.add(path, what === 'entity' ? 'problemNoSuchEntity' : 'problemNoSuchSource', quote(id));
  }

  private entities(): void {
    const { entities } = this.data;
    const byId = new Map(entities.map((e) => [e.id, e]));
    // Aliases by their text ignoring case, with where each was seen, to find one alias on two
    // entities: two aliases can match the same text only if they are the same ignoring case.
    const seen = new Map<string, { alias: Alias; at: Key[]; entity: string }[]>();
    entities.forEach((entity, e) => {
      const at: Key[] = ['entities', e];
      if (entity.source !== undefined) this.ref(entity.source, this.sourceIds, [...at, 'source'], 'source');
      if (entity.parent !== undefined) {
        if (!this.entityIds.has(entity.parent)) {
          this.ref(entity.parent, this.entityIds, [...at, 'parent'], 'entity');
        } else {
          // Follow the chain; a loop would make grouping in the UI recurse forever.
          const chain = [entity.id];
          let next: string | undefined = entity.parent;
          while (next !== undefined && !chain.includes(next) && chain.length <= entities.length) {
            chain.push(next);
            next = byId.get(next)?.parent;
          }
          if (next === entity.id) {
            this.add([...at, 'parent'], 'problemCycle', [...chain, next].join(' → '));
          }
        }
      }
      this.aliases(entity.aliases, [...at, 'aliases'], entity.name);
      entity.aliases.forEach((alias, a) => {
        const key = alias.text.normalize('NFC').toLowerCase();
        const same = seen.get(key) ?? [];
        const other = same.find((s) => s.entity !== entity.id && sameAlias(s.alias, alias));
        if (other) {
          this.add(
            [...at, 'aliases', a, 'text'],
            'problemAliasTaken',
            quote(alias.text),
            formatPath(other.at),
            quote(other.entity),
          );
        }
        same.push({ alias, at, entity: entity.id });
        seen.set(key, same);
      });
    });
  }

  /** Ambiguity and repeats within one list of aliases (an entity's) or cues (a claim's). */
  private aliases(list: readonly Alias[], at: Key[], entityName: string | null): void {
    list.forEach((alias, a) => {
      const path = [...at, a, 'text'];
      const reason = isAmbiguousAlias(alias.text);
      if (reason) {
        // Suggest the entity's own name when it is an unambiguous phrase containing the alias.
        if (entityName && isPhrase(entityName) && containsWords(entityName, alias.text)) {
          this.add(path, 'problemAmbiguousUseName', quote(alias.text), reason, quote(entityName));
        } else this.add(path, 'problemAmbiguous', quote(alias.text), reason);
      }
      const earlier = list.findIndex((other, o) => o < a && sameAlias(other, alias));
      if (earlier >= 0) this.add(path, 'problemRepeats', quote(alias.text), formatPath([...at, earlier]));
    });
  }

  /**
   * A signal is evidence that a page is about this dispute, so it must be a word only this
   * dispute's reporting uses: not one of the dispute's own entity names (their mention is counted
   * apart), not a claim's cue (counted already), not a publication's name (publications report on everything), not ambiguous alone,
   * and listed once. The same holds for each of a signal's other forms (`also`).
   */
  private signals(dispute: Dispute, at: Key[]): void {
    const entityAliases = this.disputeAliases(dispute);
    const publications = this.publications;
    // Every form of every signal, its own text first then its `also` forms: each is a word on
    // the page that counts as evidence, so each must pass the same checks.
    const forms = (dispute.signals ?? []).flatMap((signal, i) => [
      { alias: signal as Alias, at: [...at, 'signals', i] },
      ...(signal.also ?? []).map((alias, j) => ({ alias, at: [...at, 'signals', i, 'also', j] })),
    ]);
    forms.forEach(({ alias: form, at: formAt }, f) => {
      const path = [...formAt, 'text'];
      const reason = isAmbiguousAlias(form.text);
      if (reason) {
        this.add(path, 'problemAmbiguous', quote(form.text), reason);
      }
      const earlier = forms.find((other, o) => o < f && sameAlias(other.alias, form));
      if (earlier) this.add(path, 'problemRepeats', quote(form.text), formatPath(earlier.at));
      const cueAt = dispute.claims.findIndex((claim) => (claim.cues ?? []).some((cue) => sameAlias(cue, form)));
      if (cueAt >= 0) {
        this.add(path, 'problemSignalIsCue', quote(form.text), formatPath([...at, 'claims', cueAt]));
      }
      const alias = entityAliases.find((a) => sameAlias(a.alias, form));
      if (alias) {
        this.add(path, 'problemSignalIsAlias', quote(form.text), quote(alias.entity));
      }
      const publication = publications.find((p) => namesPublication(p.name, form.text));
      if (publication) {
        this.add(path, 'problemSignalIsPublication', quote(form.text), quote(publication.id));
      }
    });
  }

  /** The aliases of a dispute's entities, in the order of the entity list. */
  private disputeAliases(dispute: Dispute): { alias: Alias; entity: string }[] {
    if (!this.entityPlaces) {
      this.entityPlaces = new Map();
      this.data.entities.forEach((e, i) => {
        const places = this.entityPlaces?.get(e.id);
        if (places) places.push(i);
        else this.entityPlaces?.set(e.id, [i]);
      });
    }
    const places = this.entityPlaces;
    const indexes = [...new Set(dispute.entities.flatMap((id) => places.get(id) ?? []))].sort((a, b) => a - b);
    return indexes.flatMap((i) => {
      const e = this.data.entities[i] as Dataset['entities'][number];
      return e.aliases.map((alias) => ({ alias, entity: e.id }));
    });
  }

  /** A stake is a role in this dispute, so its source must speak in it, and has one role. */
  private stakes(dispute: Dispute, at: Key[]): void {
    const speakers = new Set(
      dispute.claims.flatMap((claim) => [claim.source, ...claim.responses.map((r) => r.source)]),
    );
    const first = new Map<string, number>();
    (dispute.stakes ?? []).forEach((stake, i) => {
      const path = [...at, 'stakes', i, 'source'];
      const earlier = first.get(stake.source);
      if (earlier !== undefined) {
        this.add(path, 'problemStakeTaken', quote(stake.source), formatPath([...at, 'stakes', earlier]));
        return;
      }
      first.set(stake.source, i);
      if (!this.sourceIds.has(stake.source)) this.ref(stake.source, this.sourceIds, path, 'source');
      else if (!speakers.has(stake.source)) {
        this.add(path, 'problemStakeSilent', quote(stake.source));
      }
    });
  }

  private statement(s: Statement, at: Key[]): void {
    this.ref(s.source, this.sourceIds, [...at, 'source'], 'source');
    this.date(s.date, [...at, 'date']);
    s.citations.forEach((citation, c) => {
      if (citation.date !== undefined) this.date(citation.date, [...at, 'citations', c, 'date']);
    });
    if (s.quote) {
      const words = s.quote.text.split(/\s+/u).filter((w) => w.length > 0).length;
      if (words > MAX_QUOTE_WORDS) {
        this.add([...at, 'quote', 'text'], 'problemQuoteTooLong', String(words), String(MAX_QUOTE_WORDS));
      }
    }
    s.attribution?.alternatives.forEach((id, i) => {
      this.ref(id, this.sourceIds, [...at, 'attribution', 'alternatives', i], 'source');
    });
  }

  private date(date: string, path: Key[]): void {
    const error = partialDateError(date);
    if (error) this.add(path, 'problemNotDate', quote(date), error);
    else if (comparePartialDates(date, this.today) > 0) this.add(path, 'problemInFuture', quote(date));
  }
}
