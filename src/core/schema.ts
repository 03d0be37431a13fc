/**
 * The dataset schema, written once: the TypeScript types are inferred from these Valibot
 * definitions, the runtime validator uses them, and `npm run schema` exports them as JSON
 * Schema for dataset authors (schema/dataset.schema.json). Checks that need the whole dataset
 * (unique ids, references, date order, ambiguous aliases) live in validate.ts.
 */
import * as v from 'valibot';
import { SOURCE_KINDS } from './source-kinds';

/** Lowercase kebab-case identifier, stable across releases (used in settings and links). */
export const IdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not an id (lowercase letters, digits and single hyphens)'),
  v.maxLength(80, 'is longer than 80 characters'),
);

/**
 * A date as precise as the sources allow: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. The shape is
 * checked here; whether the day exists (no 30 February) is checked in validate.ts.
 */
export const PartialDateSchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'is not a date (YYYY-MM-DD, YYYY-MM or YYYY)'),
);

const TextSchema = (max: number) =>
  v.pipe(v.string(), v.trim(), v.nonEmpty('is empty'), v.maxLength(max, `is longer than ${max} characters`));

export const HttpsUrlSchema = v.pipe(
  v.string(),
  v.maxLength(2000, 'is longer than 2000 characters'),
  v.url('is not a URL'),
  v.startsWith('https://', 'is not an https: link'),
);

export { SOURCE_KINDS };
export const STANCES = ['rebuttal', 'confirmation', 'partial-confirmation', 'context'] as const;
export const STATUSES = ['disputed', 'acknowledged', 'fixed', 'refuted', 'unresolved'] as const;
/**
 * A source's role in one dispute, as its sources state it (never inferred): the party accused,
 * the party making the claim, a claimant that says it sells something tied to the claim, a
 * tester with no stake, a government agency, a publication reporting or investigating.
 */
export const STAKES = [
  'accused',
  'claimant',
  'claimant-commercial',
  'independent-tester',
  'agency',
  'publication',
] as const;
/**
 * What a signal is to its dispute (the why-marked line words each): the claimant's names
 * (eScan, MicroWorld), another party's (Komodia next to Lenovo), a named flaw (Ryzenfall), a
 * product the dispute is about (Jumpshot), a term specific to it ("lawful interception").
 */
export const SIGNAL_KINDS = ['claimant', 'party', 'flaw', 'product', 'term'] as const;

export const SourceSchema = v.strictObject({
  id: IdSchema,
  name: TextSchema(120),
  kind: v.picklist(SOURCE_KINDS, `is not one of ${SOURCE_KINDS.join(', ')}`),
  url: HttpsUrlSchema,
});

/** A name as written in articles; `caseSensitive` says whether "miui" may match "MIUI". */
export const AliasSchema = v.strictObject({
  text: TextSchema(80),
  caseSensitive: v.boolean('must be true or false'),
});

/**
 * A word specific to one dispute that its sources support: evidence that a page naming the
 * dispute's entities is about the dispute, not just about the vendor. Never enough alone.
 */
export const SignalSchema = v.strictObject({
  text: TextSchema(80),
  caseSensitive: v.boolean('must be true or false'),
  kind: v.picklist(SIGNAL_KINDS, `is not one of ${SIGNAL_KINDS.join(', ')}`),
  /**
   * Other forms of the same name: spellings ("Hypponen"), languages ("Litauen"), the long or
   * short form ("National Security Agency" for "NSA"). Any of them counts as this one signal,
   * so one party named two ways is still one piece of evidence.
   */
  also: v.optional(v.array(AliasSchema)),
});

export const StakeSchema = v.strictObject({
  source: IdSchema,
  stake: v.picklist(STAKES, `is not one of ${STAKES.join(', ')}`),
});

export const EntitySchema = v.strictObject({
  id: IdSchema,
  name: TextSchema(120),
  /** The company this product belongs to (Mi Mover → Xiaomi), for grouping in the UI. */
  parent: v.optional(IdSchema),
  /** The source that speaks for this entity, so the UI can tell the vendor's side apart. */
  source: v.optional(IdSchema),
  aliases: v.pipe(v.array(AliasSchema), v.minLength(1, 'needs at least one alias')),
});

export const CitationSchema = v.strictObject({
  url: HttpsUrlSchema,
  publisher: TextSchema(120),
  title: TextSchema(300),
  /** Omitted when the stored copy of the page shows no date. */
  date: v.optional(PartialDateSchema),
});

export const QuoteSchema = v.strictObject({
  /** Exact words from the cited page; 25 words at most (checked in validate.ts). */
  text: TextSchema(300),
  /** Who spoke, when it is a person rather than the source itself ("Hugo Barra, Xiaomi"). */
  speaker: v.optional(TextSchema(120)),
});

/** When outlets disagree about who said something, the statement says so. */
export const AttributionSchema = v.strictObject({
  note: TextSchema(400),
  /** Other sources that some outlets credit with the same words. */
  alternatives: v.pipe(v.array(IdSchema), v.minLength(1, 'needs at least one alternative source')),
});

const statementEntries = {
  /** Who made the statement: a source id. */
  source: IdSchema,
  date: PartialDateSchema,
  /**
   * The date is approximate ("about 14 February") or known only from a later report; the UI
   * says "about". Omitted when the date is as exact as its precision.
   */
  approximate: v.optional(v.literal(true, 'must be true or left out')),
  /** The statement in the dataset's own words. */
  text: TextSchema(700),
  quote: v.optional(QuoteSchema),
  attribution: v.optional(AttributionSchema),
  citations: v.pipe(v.array(CitationSchema), v.minLength(1, 'needs at least one citation')),
};

export const ResponseSchema = v.strictObject({
  ...statementEntries,
  stance: v.picklist(STANCES, `is not one of ${STANCES.join(', ')}`),
});

export const ClaimSchema = v.strictObject({
  id: IdSchema,
  ...statementEntries,
  /** Phrases that point at this claim in particular ("Mi Mover", "Smart Lock"). */
  cues: v.optional(v.array(AliasSchema)),
  responses: v.array(ResponseSchema),
  /** Required when `responses` is empty: says that no response is on record, and why. */
  noResponse: v.optional(TextSchema(300)),
});

export const DisputeSchema = v.strictObject({
  id: IdSchema,
  title: TextSchema(160),
  summary: TextSchema(700),
  status: v.picklist(STATUSES, `is not one of ${STATUSES.join(', ')}`),
  /** Entities whose mention puts this dispute on the page. */
  entities: v.pipe(v.array(IdSchema), v.minLength(1, 'needs at least one entity')),
  claims: v.pipe(v.array(ClaimSchema), v.minLength(1, 'needs at least one claim')),
  /** Evidence that a page is about this dispute (see core/relevance.ts); claims' cues count too. */
  signals: v.optional(v.array(SignalSchema)),
  /** Each speaking source's role in this dispute, where the sources support one. */
  stakes: v.optional(v.array(StakeSchema)),
});

export const DatasetSchema = v.strictObject({
  $schema: v.optional(v.string()),
  /** Identifies the pack (the bundled one is "counterclaim"). */
  id: IdSchema,
  name: TextSchema(120),
  version: v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/, 'is not a version (x.y.z)')),
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'needs at least one source')),
  entities: v.pipe(v.array(EntitySchema), v.minLength(1, 'needs at least one entity')),
  disputes: v.pipe(v.array(DisputeSchema), v.minLength(1, 'needs at least one dispute')),
});

export type Source = v.InferOutput<typeof SourceSchema>;
export type SourceKind = Source['kind'];
export type Alias = v.InferOutput<typeof AliasSchema>;
export type Entity = v.InferOutput<typeof EntitySchema>;
export type Citation = v.InferOutput<typeof CitationSchema>;
export type Quote = v.InferOutput<typeof QuoteSchema>;
export type Response = v.InferOutput<typeof ResponseSchema>;
export type Stance = Response['stance'];
export type Claim = v.InferOutput<typeof ClaimSchema>;
export type Statement = Claim | Response;
export type Dispute = v.InferOutput<typeof DisputeSchema>;
export type Dataset = v.InferOutput<typeof DatasetSchema>;
export type Signal = v.InferOutput<typeof SignalSchema>;
export type SignalKind = Signal['kind'];
export type Stake = v.InferOutput<typeof StakeSchema>['stake'];
