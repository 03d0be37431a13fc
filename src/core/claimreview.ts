/**
 * schema.org ClaimReview JSON-LD → a Counterclaim data pack. Fact-checkers publish
 * ClaimReview for each claim they check; here each ClaimReview becomes one dispute:
 *
 * - the claim: `claimReviewed` (its text), made by `itemReviewed.author` (a Person or an
 *   Organization: name, url), dated `itemReviewed.datePublished` (else the first appearance's
 *   date, else the review's), cited by `itemReviewed.firstAppearance` / `appearance` (else by
 *   the review itself);
 * - the response: by the review's `author` (the fact-checker), dated `datePublished`, cited by
 *   its `url`, saying how it rated the claim (`reviewRating.alternateName`, else `name`, else
 *   `ratingValue` of `bestRating`); the stance follows the rating: false / misleading →
 *   rebuttal, true → confirmation, mixed / partly / half → partial confirmation, anything else
 *   → context. A rebutted claim's dispute is "refuted", every other one "disputed";
 * - the entities (what mentions put the dispute on a page): `itemReviewed.about` (each Thing's
 *   `name` and `alternateName`), else the claimant. ClaimReview has no notion of aliases, so the
 *   names themselves must be unambiguous: "Mi" alone is refused, naming where it came from;
 * - stakes, as the structure states them: the claim's author is the claimant, and a reviewer
 *   typed NewsMediaOrganization is a publication; the claimant's name is a signal of kind
 *   claimant when it is not one of the dispute's entities and could stand alone (not ambiguous,
 *   not a publication's name). ClaimReview has no other signals, nor approximate dates.
 *
 * Ids are stable, so the same file always gives the same pack: a slug of the names plus a short
 * hash (sources: name and link; entities: name, aliases and source; disputes: the review's URL;
 * the pack: all review URLs). The pack's version is the date of its latest review (2024.3.5).
 *
 * The result is checked with validateDataset like any pack, and its problems are reported at
 * the place in the file they come from (`[2].claimReviewed`, not `disputes[2].claims[0].text`).
 */
import type { Key } from './json-check';
import { formatPath } from './json-check';
import type { Alias, Citation, Dataset, Dispute, Entity, Signal, Source, SourceKind, Stance } from './schema';
import { isAmbiguousAlias, namesPublication, type Problem, partialDateError, validateDataset } from './validate';

type Raw = Record<string, unknown>;
interface Found {
  value: unknown;
  path: Key[];
}

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "ClaimReview", "schema:ClaimReview" and "https://schema.org/ClaimReview" are one type. */
function typesOf(value: unknown): string[] {
  if (!isRecord(value)) return [];
  const raw = value['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, ''));
}

/** Whether the document looks like JSON-LD (it has JSON-LD keywords at its top). */
export function isJsonLd(value: unknown): boolean {
  const nodes = Array.isArray(value) ? value : [value];
  return (
    nodes.length > 0 &&
    nodes.every(
      (node) =>
        isRecord(node) &&
        (Object.hasOwn(node, '@context') || Object.hasOwn(node, '@type') || Object.hasOwn(node, '@graph')),
    )
  );
}

// ---------------------------------------------------------------------------------------------
// Finding the reviews

class Document {
  /** Nodes of every @graph by @id, so that `{ "@id": "#org" }` can stand for the node. */
  private readonly ids = new Map<string, Found>();
  readonly reviews: Found[] = [];

  constructor(root: unknown) {
    this.collect({ value: root, path: [] });
  }

  private collect(found: Found): void {
    const { value, path } = found;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        this.collect({ value: item, path: [...path, i] });
      });
      return;
    }
    if (!isRecord(value)) return;
    const graph = value['@graph'];
    if (Array.isArray(graph)) {
      graph.forEach((node, i) => {
        if (isRecord(node) && typeof node['@id'] === 'string' && !this.ids.has(node['@id'])) {
          this.ids.set(node['@id'], { value: node, path: [...path, '@graph', i] });
        }
      });
      this.collect({ value: graph, path: [...path, '@graph'] });
    }
    const types = typesOf(value);
    if (types.includes('ClaimReview')) this.reviews.push(found);
    else if (types.includes('ItemList')) {
      const items = value.itemListElement;
      this.collect({ value: Array.isArray(items) ? items : [items], path: [...path, 'itemListElement'] });
    } else if (types.includes('ListItem')) this.collect({ value: value.item, path: [...path, 'item'] });
  }

  /** A reference (an object with only "@id") as the node it names. */
  deref(found: Found): Found {
    const { value } = found;
    if (isRecord(value) && typeof value['@id'] === 'string') {
      const keys = Object.keys(value).filter((k) => k !== '@id' && k !== '@type');
      const target = this.ids.get(value['@id']);
      if (keys.length === 0 && target) return target;
    }
    return found;
  }

  get(found: Found | undefined, key: string): Found | undefined {
    if (!found || !isRecord(found.value) || !Object.hasOwn(found.value, key)) return undefined;
    const value = found.value[key];
    if (value === null || value === undefined) return undefined;
    return this.deref({ value, path: [...found.path, key] });
  }

  /** The first of a value that may be a list. */
  one(found: Found | undefined): Found | undefined {
    if (!found) return undefined;
    if (!Array.isArray(found.value)) return found;
    return found.value.length > 0 ? this.deref({ value: found.value[0], path: [...found.path, 0] }) : undefined;
  }

  all(found: Found | undefined): Found[] {
    if (!found) return [];
    if (!Array.isArray(found.value)) return [found];
    return found.value.map((value, i) => this.deref({ value, path: [...found.path, i] }));
  }

  /** Plain text: a string, a number, or a JSON-LD value object; whitespace collapsed. */
  text(found: Found | undefined): { text: string; path: Key[] } | undefined {
    const first = this.one(found);
    if (!first) return undefined;
    let value = first.value;
    let path = first.path;
    if (isRecord(value) && Object.hasOwn(value, '@value')) {
      value = value['@value'];
      path = [...path, '@value'];
    }
    if (typeof value === 'number') value = String(value);
    if (typeof value !== 'string') return undefined;
    const text = value.replace(/\s+/gu, ' ').trim();
    return text ? { text, path } : undefined;
  }

  /** A thing's name: the string itself, or its `name`. */
  name(found: Found | undefined): { text: string; path: Key[] } | undefined {
    const first = this.one(found);
    if (!first) return undefined;
    return isRecord(first.value) ? this.text(this.get(first, 'name')) : this.text(first);
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** FNV-1a, 32 bits, as 6 hex digits: short, stable, enough to tell a pack's items apart. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) & 0xffffff).toString(16).padStart(6, '0');
}

/** "Globex Phones’ G5" → "globex-phones-g5"; at most `max` characters, cut at a hyphen. */
export function slug(text: string, max = 40): string {
  const s = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= max) return s || 'item';
  const cut = s.slice(0, max + 1);
  const at = cut.lastIndexOf('-');
  return (at > 0 ? cut.slice(0, at) : s.slice(0, max)).replace(/-+$/, '') || 'item';
}

/** Shortens at a word boundary, with an ellipsis. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[\s,;:.]+$/u, '')}…`;
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function httpsUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    return new URL(text).protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** An acronym ("MIUI", "GLBX") must match as written; other names in any case. */
const caseSensitiveName = (text: string) => !/\p{Ll}/u.test(text) && /\p{Lu}.*\p{Lu}/u.test(text);

const STANCE_WORDS: [RegExp, Stance][] = [
  [/\b(?:partly|partially|half|mixed|mixture|mostly true|somewhat)\b/i, 'partial-confirmation'],
  [
    /\b(?:false|fake|misleading|incorrect|wrong|untrue|not true|inaccurate|fabricated|pants on fire|hoax|scam|debunked|baseless)\b/i,
    'rebuttal',
  ],
  [/\b(?:true|correct|accurate|confirmed|verified)\b/i, 'confirmation'],
];

/** The response's stance from the rating's words, else from its value on its scale. */
export function stanceFromRating(words: string | undefined, value?: number, best = 5, worst = 1): Stance {
  if (words) {
    for (const [pattern, stance] of STANCE_WORDS) if (pattern.test(words)) return stance;
    return 'context';
  }
  if (value === undefined || !Number.isFinite(value) || best === worst) return 'context';
  const share = (value - worst) / (best - worst);
  if (share <= 0.25) return 'rebuttal';
  if (share >= 0.75) return 'confirmation';
  return 'partial-confirmation';
}

const KINDS_BY_TYPE: Record<string, SourceKind> = {
  Person: 'researcher',
  GovernmentOrganization: 'agency',
  NewsMediaOrganization: 'publication',
};

// ---------------------------------------------------------------------------------------------
// The mapping

export type ClaimReviewResult =
  | {
      ok: true;
      dataset: Dataset;
      reviews: number;
      /** Moves a problem found later in the pack (e.g. an id another pack uses) to its place in the file. */
      locate: (problem: Problem) => Problem;
    }
  | { ok: false; problems: Problem[] };

export interface ClaimReviewOptions {
  now: Date;
  maxReviews: number;
}

/** Entities and sources as they are gathered, keyed by lowercase name. */
interface EntityDraft {
  name: string;
  aliases: Alias[];
  source?: string;
  /** Where each alias came from, and where the entity came from. */
  aliasPaths: Key[][];
  path: Key[];
}

class PackBuilder {
  readonly problems: Problem[] = [];
  /** Generated path → the path in the file it comes from. */
  readonly origins = new Map<string, Key[]>();
  private readonly sources = new Map<string, { source: Source; path: Key[]; namePath: Key[]; urlPath?: Key[] }>();
  private readonly entities = new Map<string, EntityDraft>();
  readonly disputes: { dispute: Dispute; entityKeys: string[]; path: Key[] }[] = [];
  private readonly reviewUrls = new Map<string, Key[]>();
  readonly reviewers = new Set<string>();
  latest = '';

  constructor(private readonly doc: Document) {}

  private problem(path: Key[], message: string): void {
    this.problems.push({ path: formatPath(path), message });
  }

  private date(found: Found | undefined): string | undefined | null {
    const t = this.doc.text(found);
    if (!t) return undefined;
    const m = ISO_DATE.exec(t.text);
    if (!m) {
      this.problem(t.path, `${JSON.stringify(t.text)} is not a date (expected an ISO date such as 2024-03-05)`);
      return null;
    }
    const date = [m[1], m[2], m[3]].filter((x) => x !== undefined).join('-');
    const error = partialDateError(date);
    if (error) {
      this.problem(t.path, `${JSON.stringify(t.text)} is not a date (${error})`);
      return null;
    }
    return date;
  }

  private source(
    thing: Found,
    name: { text: string; path: Key[] },
    fallbackUrl: string,
    defaultKind: SourceKind,
  ): string {
    const key = name.text.toLowerCase();
    const known = this.sources.get(key);
    if (known) return known.source.id;
    const urlText = this.doc.text(this.doc.get(thing, 'url'));
    const sameAs = this.doc.all(this.doc.get(thing, 'sameAs')).map((f) => this.doc.text(f));
    const own = [urlText, ...sameAs].find((t) => t && httpsUrl(t.text));
    const url = own?.text ?? fallbackUrl;
    const kind =
      typesOf(thing.value)
        .map((t) => KINDS_BY_TYPE[t])
        .find((k) => k !== undefined) ?? defaultKind;
    const source: Source = {
      id: `${slug(name.text)}-${shortHash(`${key}|${url}|${kind}`)}`,
      name: name.text,
      kind,
      url,
    };
    this.sources.set(key, { source, path: thing.path, namePath: name.path, ...(own ? { urlPath: own.path } : {}) });
    return source.id;
  }

  private entity(name: { text: string; path: Key[] }, alternates: { text: string; path: Key[] }[], source?: string) {
    const key = name.text.toLowerCase();
    let draft = this.entities.get(key);
    if (!draft) {
      draft = { name: name.text, aliases: [], aliasPaths: [], path: name.path, ...(source ? { source } : {}) };
      this.entities.set(key, draft);
    }
    for (const alias of [name, ...alternates]) {
      if (draft.aliases.some((a) => a.text.toLowerCase() === alias.text.toLowerCase())) continue;
      const reason = isAmbiguousAlias(alias.text);
      if (reason) {
        this.problem(
          alias.path,
          `${JSON.stringify(alias.text)} is too ambiguous to mark on pages (${reason}); ClaimReview has no alias field, so the subject must be named with an unambiguous phrase`,
        );
        continue;
      }
      draft.aliases.push({ text: alias.text, caseSensitive: caseSensitiveName(alias.text) });
      draft.aliasPaths.push(alias.path);
    }
    return key;
  }

  review(r: Found): void {
    const { doc } = this;
    const before = this.problems.length;
    const at = r.path;

    const reviewUrl = doc.text(doc.get(r, 'url'));
    if (!reviewUrl) this.problem([...at, 'url'], 'is missing; the review needs an https: link to cite');
    else if (!httpsUrl(reviewUrl.text)) this.problem(reviewUrl.path, 'must be an https: link to the review');
    else {
      const earlier = this.reviewUrls.get(reviewUrl.text);
      if (earlier)
        this.problem(reviewUrl.path, `is also the URL of ${formatPath(earlier)}; each review may appear once`);
      else this.reviewUrls.set(reviewUrl.text, at);
    }
    const reviewer = doc.one(doc.get(r, 'author'));
    const reviewerName = doc.name(reviewer);
    if (!reviewerName) {
      this.problem(
        reviewer?.path ?? [...at, 'author'],
        'has no name; the fact-checker who wrote the review must be named',
      );
    }
    const reviewDate = this.date(doc.get(r, 'datePublished'));
    if (reviewDate === undefined) this.problem([...at, 'datePublished'], 'is missing; the review needs a date');
    const claimText = doc.text(doc.get(r, 'claimReviewed'));
    if (!claimText) this.problem([...at, 'claimReviewed'], 'is missing; it is the text of the claim');
    const item = doc.one(doc.get(r, 'itemReviewed'));
    if (!item || !isRecord(item.value)) {
      this.problem(item?.path ?? [...at, 'itemReviewed'], 'is missing; it says who made the claim');
    }
    const claimant = doc.one(doc.get(item, 'author'));
    const claimantName = doc.name(claimant);
    if (item && isRecord(item.value) && !claimantName) {
      this.problem(
        claimant?.path ?? [...item.path, 'author'],
        'has no name; Counterclaim needs to know who made the claim',
      );
    }
    const firstAppearance = doc.one(doc.get(item, 'firstAppearance'));
    const appearances = [...(firstAppearance ? [firstAppearance] : []), ...doc.all(doc.get(item, 'appearance'))];
    const claimDate =
      this.date(doc.get(item, 'datePublished')) ??
      appearances.map((a) => this.date(doc.get(a, 'datePublished'))).find((d) => d) ??
      reviewDate;
    if (this.problems.length > before || !reviewUrl || !reviewerName || !claimText || !claimant || !claimantName)
      return;
    if (!reviewDate || !claimDate) return;

    const reviewHref = reviewUrl.text;
    const reviewerId = this.source(reviewer as Found, reviewerName, `${new URL(reviewHref).origin}/`, 'publication');
    const claimantId = this.source(claimant, claimantName, reviewHref, 'vendor');
    this.reviewers.add(reviewerName.text);
    if (reviewDate > this.latest) this.latest = reviewDate;

    // Entities: what the claim is about, else who made it.
    const abouts = doc.all(doc.get(item, 'about'));
    const entityKeys: string[] = [];
    for (const about of abouts) {
      const name = doc.name(about);
      if (!name) continue;
      const alternates = isRecord(about.value)
        ? doc
            .all(doc.get(about, 'alternateName'))
            .map((f) => doc.text(f))
            .filter((t): t is { text: string; path: Key[] } => t !== undefined)
        : [];
      const speaks = name.text.toLowerCase() === claimantName.text.toLowerCase() ? claimantId : undefined;
      const key = this.entity(name, alternates, speaks);
      if (!entityKeys.includes(key)) entityKeys.push(key);
    }
    if (entityKeys.length === 0) entityKeys.push(this.entity(claimantName, [], claimantId));

    // The rating.
    const rating = doc.one(doc.get(r, 'reviewRating'));
    const ratingWords = doc.text(doc.get(rating, 'alternateName')) ?? doc.text(doc.get(rating, 'name'));
    const number = (key: string) => {
      const t = doc.text(doc.get(rating, key));
      const n = t ? Number(t.text) : Number.NaN;
      return Number.isFinite(n) ? n : undefined;
    };
    const value = number('ratingValue');
    const best = number('bestRating') ?? 5;
    const worst = number('worstRating') ?? 1;
    const ratingText = ratingWords?.text ?? (value !== undefined ? `${value} of ${best}` : undefined);
    const stance = stanceFromRating(ratingWords?.text, value, best, worst);

    const d = this.disputes.length;
    const base = `disputes[${d}]`;
    const claimBase = `${base}.claims[0]`;
    const reviewTitle = doc.text(doc.get(r, 'headline')) ?? doc.text(doc.get(r, 'name'));
    const reviewCitation: Citation = {
      url: reviewHref,
      publisher: reviewerName.text,
      title: reviewTitle?.text ?? truncate(`${reviewerName.text}: ${claimText.text}`, 300),
      date: reviewDate,
    };
    const citations: Citation[] = [];
    const citationPaths: Key[][] = [];
    for (const appearance of appearances) {
      const href = isRecord(appearance.value) ? doc.text(doc.get(appearance, 'url')) : doc.text(appearance);
      if (!href || citations.some((c) => c.url === href.text)) continue;
      const host = hostOf(href.text);
      const date = isRecord(appearance.value) ? this.date(doc.get(appearance, 'datePublished')) : undefined;
      const publisher =
        doc.name(doc.one(doc.get(appearance, 'publisher'))) ?? doc.name(doc.one(doc.get(appearance, 'author')));
      const title = doc.text(doc.get(appearance, 'headline')) ?? doc.text(doc.get(appearance, 'name'));
      citations.push({
        url: href.text,
        publisher: publisher?.text ?? host,
        title: title?.text ?? host,
        ...(date ? { date } : {}),
      });
      citationPaths.push(href.path);
    }
    if (citations.length === 0) citations.push(reviewCitation);

    const body = doc.text(doc.get(r, 'reviewBody'));
    const said = ratingText
      ? `${reviewerName.text} rated the claim “${ratingText}”.`
      : `${reviewerName.text} reviewed the claim.`;
    const responseText = body ? truncate(`${said} ${body.text}`, 700) : said;
    const summaryEnd = ratingText ? ` ${reviewerName.text} rated it “${ratingText}”.` : '';
    const summaryStart = `${claimantName.text} claimed: “`;
    const room = 700 - summaryStart.length - summaryEnd.length - 2;
    const quoted = truncate(claimText.text, Math.max(room, 40));
    const summary = `${summaryStart}${quoted}${/[.!?…]$/u.test(quoted) ? '' : '.'}”${summaryEnd}`;

    const dispute: Dispute = {
      id: `${slug(`${claimantName.text} ${claimText.text}`, 50)}-${shortHash(reviewHref)}`,
      title: truncate(claimText.text, 160),
      summary: truncate(summary, 700),
      status: stance === 'rebuttal' ? 'refuted' : 'disputed',
      entities: [],
      claims: [
        {
          id: 'claim',
          source: claimantId,
          date: claimDate,
          text: claimText.text,
          citations,
          responses: [
            {
              source: reviewerId,
              date: reviewDate,
              text: responseText,
              stance,
              citations: [reviewCitation],
            },
          ],
        },
      ],
    };
    const o = (generated: string, path: Key[] | undefined) => {
      if (path) this.origins.set(generated, path);
    };
    o(base, at);
    o(`${base}.id`, reviewUrl.path);
    o(`${base}.title`, claimText.path);
    o(`${base}.summary`, claimText.path);
    o(claimBase, at);
    o(`${claimBase}.source`, claimant.path);
    o(`${claimBase}.text`, claimText.path);
    o(`${claimBase}.date`, (doc.text(doc.get(item, 'datePublished')) ?? doc.text(doc.get(r, 'datePublished')))?.path);
    citationPaths.forEach((path, c) => {
      o(`${claimBase}.citations[${c}]`, path.slice(0, -1));
      o(`${claimBase}.citations[${c}].url`, path);
    });
    const responseBase = `${claimBase}.responses[0]`;
    o(responseBase, at);
    o(`${responseBase}.source`, reviewer?.path);
    o(`${responseBase}.date`, doc.text(doc.get(r, 'datePublished'))?.path);
    o(`${responseBase}.text`, body?.path ?? ratingWords?.path ?? at);
    o(`${responseBase}.citations[0]`, at);
    o(`${responseBase}.citations[0].url`, reviewUrl.path);
    o(`${responseBase}.citations[0].title`, reviewTitle?.path ?? claimText.path);
    o(`${responseBase}.citations[0].publisher`, reviewerName.path);
    this.disputes.push({ dispute, entityKeys, path: at });
  }

  /** The pack, with the file paths its generated paths come from. */
  build(): Dataset {
    const sources = [...this.sources.values()];
    sources.forEach((s, i) => {
      this.origins.set(`sources[${i}]`, s.path);
      this.origins.set(`sources[${i}].name`, s.namePath);
      if (s.urlPath) this.origins.set(`sources[${i}].url`, s.urlPath);
    });
    const entityIds = new Map<string, string>();
    const entities: Entity[] = [...this.entities.entries()].map(([key, draft], i) => {
      const body = { name: draft.name, aliases: draft.aliases, ...(draft.source ? { source: draft.source } : {}) };
      const id = `${slug(draft.name)}-${shortHash(JSON.stringify(body))}`;
      entityIds.set(key, id);
      this.origins.set(`entities[${i}]`, draft.path);
      this.origins.set(`entities[${i}].name`, draft.path);
      draft.aliasPaths.forEach((path, a) => {
        this.origins.set(`entities[${i}].aliases[${a}]`, path);
        this.origins.set(`entities[${i}].aliases[${a}].text`, path);
      });
      return { id, name: draft.name, ...(draft.source ? { source: draft.source } : {}), aliases: draft.aliases };
    });
    const byId = new Map(sources.map((s) => [s.source.id, s.source]));
    const publications = sources.filter((s) => s.source.kind === 'publication').map((s) => s.source.name);
    const disputes = this.disputes.map(({ dispute, entityKeys }) => {
      const claim = dispute.claims[0];
      const claimant = claim ? byId.get(claim.source) : undefined;
      const reviewer = claim?.responses[0] ? byId.get(claim.responses[0].source) : undefined;
      const stakes: NonNullable<Dispute['stakes']> = [];
      if (claimant) stakes.push({ source: claimant.id, stake: 'claimant' });
      if (reviewer && reviewer.id !== claimant?.id && reviewer.kind === 'publication') {
        stakes.push({ source: reviewer.id, stake: 'publication' });
      }
      const names = entityKeys.flatMap((k) => {
        const draft = this.entities.get(k);
        return draft ? [draft.name, ...draft.aliases.map((a) => a.text)] : [];
      });
      const signals: Signal[] = [];
      if (
        claimant &&
        claimant.kind !== 'publication' &&
        claimant.name.length <= 80 &&
        isAmbiguousAlias(claimant.name) === null &&
        !names.some((n) => n.toLowerCase() === claimant.name.toLowerCase()) &&
        !publications.some((p) => namesPublication(p, claimant.name))
      ) {
        signals.push({ text: claimant.name, caseSensitive: false, kind: 'claimant' });
      }
      return {
        ...dispute,
        entities: entityKeys.map((k) => entityIds.get(k) as string),
        ...(signals.length > 0 ? { signals } : {}),
        stakes,
      };
    });
    const reviewers = [...this.reviewers];
    const [y, m, d] = this.latest.split('-').map(Number);
    return {
      id: `claimreview-${slug(reviewers[0] ?? 'reviews', 30)}-${shortHash([...this.reviewUrls.keys()].sort().join('\n'))}`,
      name: truncate(`${reviewers.join(', ')} (ClaimReview)`, 120),
      version: `${y ?? 0}.${m ?? 0}.${d ?? 0}`,
      sources: sources.map((s) => s.source),
      entities,
      disputes,
    };
  }

  /** A problem at a generated path, moved to the place in the file it comes from. */
  locate(problem: Problem): Problem {
    let path = problem.path;
    if (path.startsWith('(')) return problem; // "(storage)", "(root)": about the whole
    for (;;) {
      const origin = this.origins.get(path);
      if (origin) return { path: formatPath(origin), message: problem.message };
      const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      if (cut <= 0) return { path: `(converted pack) ${problem.path}`, message: problem.message };
      path = path.slice(0, cut);
    }
  }
}

/** The pack a ClaimReview document maps to, validated, or why it cannot be imported. */
export function claimReviewPack(root: unknown, options: ClaimReviewOptions): ClaimReviewResult {
  const doc = new Document(root);
  if (doc.reviews.length === 0) {
    return {
      ok: false,
      problems: [
        {
          path: '(root)',
          message:
            'has no ClaimReview: a JSON-LD file must hold schema.org ClaimReview objects (one, a list, an ItemList or an @graph)',
        },
      ],
    };
  }
  if (doc.reviews.length > options.maxReviews) {
    return {
      ok: false,
      problems: [
        {
          path: '(root)',
          message: `has ${doc.reviews.length} ClaimReviews; a pack may have at most ${options.maxReviews} disputes`,
        },
      ],
    };
  }
  const builder = new PackBuilder(doc);
  for (const review of doc.reviews) builder.review(review);
  if (builder.problems.length > 0) return { ok: false, problems: builder.problems };
  const pack = builder.build();
  const result = validateDataset(pack, { now: options.now });
  if (!result.ok) return { ok: false, problems: result.problems.map((p) => builder.locate(p)) };
  return { ok: true, dataset: result.dataset, reviews: doc.reviews.length, locate: (p) => builder.locate(p) };
}
