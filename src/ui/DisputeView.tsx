/**
 * One dispute, both sides side by side: each claim on one side, the responses to it on the
 * other, every statement with who said it, when, and where it was published. Used by the popup
 * and the in-page card alike. It only renders: props in, no browser APIs, no messaging. Every
 * dataset string is rendered as text (design, non-negotiable 4); links only when https:.
 */
import type { ComponentChildren } from 'preact';
import { type PageRelation, relationToPage, sharedPeriodText, statementDateText } from '../core/dates';
import { httpsUrl } from '../core/json-value';
import type { DisputeFinding, EvidenceRole } from '../core/messages';
import type { Claim, Dispute, Response, Source, Stake, Statement } from '../core/schema';
import { whyMarkedItems } from '../core/why-marked';
import { formatDate } from './format';
import { type MessageKey, plural, type Translate } from './i18n';

export interface DisputeViewProps {
  dispute: Dispute;
  sources: ReadonlyMap<string, Source>;
  t: Translate;
  /** Sources the reader switched off: their statements are left out. */
  hiddenSources?: ReadonlySet<string>;
  /** Claims to show first and emphasise (the mention pointed at them). */
  focusClaims?: readonly string[];
  /** Heading level of the dispute's title, so it fits the page it is in. */
  level?: 2 | 3;
  /** What the page said about this dispute: its evidence gives the why-marked line. */
  finding?: DisputeFinding;
  /** The page's own date: each statement then says whether it came before or after it. */
  pageDate?: string | null;
  /** Controls about this dispute on this page (the card's "Doesn't apply here"), under its why line. */
  actions?: ComponentChildren;
}

/** Everything a statement's byline needs besides the statement. */
interface Context {
  sources: ReadonlyMap<string, Source>;
  stakes: ReadonlyMap<string, Stake>;
  pageDate: string | null;
  t: Translate;
}

const STANCE_KEYS: Record<Response['stance'], MessageKey> = {
  rebuttal: 'stanceRebuttal',
  confirmation: 'stanceConfirmation',
  'partial-confirmation': 'stancePartialConfirmation',
  context: 'stanceContext',
};

const STATUS_KEYS: Record<Dispute['status'], MessageKey> = {
  disputed: 'statusDisputed',
  acknowledged: 'statusAcknowledged',
  fixed: 'statusFixed',
  refuted: 'statusRefuted',
  unresolved: 'statusUnresolved',
};

const STAKE_KEYS: Record<Stake, MessageKey> = {
  accused: 'stakeAccused',
  claimant: 'stakeClaimant',
  'claimant-commercial': 'stakeClaimantCommercial',
  'independent-tester': 'stakeIndependentTester',
  agency: 'stakeAgency',
  publication: 'stakePublication',
};

/** What a piece of evidence is to its dispute, for one text and for several. */
const ROLE_KEYS: Record<EvidenceRole, [MessageKey, MessageKey]> = {
  entity: ['roleEntity', 'roleEntityMany'],
  claim: ['roleClaim', 'roleClaimMany'],
  claimant: ['roleClaimant', 'roleClaimantMany'],
  party: ['roleParty', 'rolePartyMany'],
  flaw: ['roleFlaw', 'roleFlawMany'],
  product: ['roleProduct', 'roleProductMany'],
  term: ['roleTerm', 'roleTermMany'],
};

const unique = <T,>(items: T[]) => [...new Set(items)];

function SourceName({ id, sources }: { id: string; sources: ReadonlyMap<string, Source> }) {
  return <>{sources.get(id)?.name ?? id}</>;
}

function StatementBody({
  statement,
  sources,
  t,
}: {
  statement: Statement;
  sources: ReadonlyMap<string, Source>;
  t: Translate;
}) {
  const [first, ...more] = statement.citations;
  return (
    <>
      <p class="cc-text">{statement.text}</p>
      {statement.quote && (
        <blockquote class="cc-quote">
          <p>“{statement.quote.text}”</p>
          {statement.quote.speaker && <footer>— {statement.quote.speaker}</footer>}
        </blockquote>
      )}
      {statement.attribution && (
        <p class="cc-attribution">
          <strong>{t('attributionDisputed')}</strong> {statement.attribution.note}{' '}
          {t(
            'alsoAttributedTo',
            statement.attribution.alternatives.map((id) => sources.get(id)?.name ?? id).join(', '),
          )}
        </p>
      )}
      {first && (
        <p class="cc-cite">
          <Citation citation={first} />
          {more.length > 0 && (
            <details class="cc-more">
              <summary>{plural(t, 'moreSources', more.length)}</summary>
              <ul>
                {more.map((citation) => (
                  <li key={citation.url}>
                    <Citation citation={citation} />
                  </li>
                ))}
              </ul>
            </details>
          )}
        </p>
      )}
    </>
  );
}

function Citation({ citation }: { citation: Statement['citations'][number] }) {
  // A link only to an https: URL; anything else is shown as text, not linked.
  const href = httpsUrl(citation.url);
  const label = `${citation.publisher}: ${citation.title}`;
  return (
    <span class="cc-citation">
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        label
      )}
      {citation.date && (
        <>
          {', '}
          <time dateTime={citation.date}>{formatDate(citation.date)}</time>
        </>
      )}
    </span>
  );
}

/** "before this article", "in the month of this article (August 2017)", … */
function whenText(relation: PageRelation, date: string, t: Translate): string {
  switch (relation) {
    case 'before':
      return t('whenBefore');
    case 'after':
      return t('whenAfter');
    case 'same-day':
      return t('whenSameDay');
    case 'same-month':
      return t('whenSameMonth', sharedPeriodText(date, relation));
    case 'same-year':
      return t('whenSameYear', sharedPeriodText(date, relation));
  }
}

function Byline({
  statement,
  stance,
  context: { sources, stakes, pageDate, t },
}: {
  statement: Statement;
  stance?: Response['stance'];
  context: Context;
}) {
  const stake = stakes.get(statement.source);
  const approximate = statement.approximate === true;
  const relation = relationToPage(statement.date, pageDate, approximate);
  const words = { during: (d: string) => t('dateDuring', d), about: (d: string) => t('dateAbout', d) };
  return (
    <p class="cc-byline">
      <strong class="cc-who">
        <SourceName id={statement.source} sources={sources} />
      </strong>
      {stake && (
        <>
          {' '}
          <span class={`cc-stake cc-stake-${stake}`}>{t(STAKE_KEYS[stake])}</span>
        </>
      )}
      {' · '}
      <time dateTime={statement.date}>{statementDateText(statement.date, approximate, words)}</time>
      {relation && (
        <>
          {' '}
          <span class={`cc-when cc-when-${relation}`}>{whenText(relation, statement.date, t)}</span>
        </>
      )}
      {stance && <span class={`cc-stance cc-stance-${stance}`}>{t(STANCE_KEYS[stance])}</span>}
    </p>
  );
}

/** The why-marked line: what on the page put the dispute there. */
export function WhyMarked({ finding, t }: { finding: DisputeFinding; t: Translate }) {
  const items = whyMarkedItems(finding.evidence, (role, many) => t(ROLE_KEYS[role][many ? 1 : 0]));
  if (items.length === 0) return null;
  // An on-record dispute is listed, not marked (unless the reader marks every mention).
  const label = finding.relevance === 'about' ? t('whyMarkedLabel') : t('whyListedLabel');
  return (
    <p class="cc-why">
      <span class="cc-why-label">{label}</span> {items.join('; ')}
    </p>
  );
}

function ClaimPair({
  claim,
  hidden,
  focused,
  context,
}: {
  claim: Claim;
  hidden: ReadonlySet<string>;
  focused: boolean;
  context: Context;
}) {
  const { sources, t } = context;
  const responses = claim.responses.filter((r) => !hidden.has(r.source));
  const claimShown = !hidden.has(claim.source);
  return (
    <li class={`cc-pair${focused ? ' cc-focused' : ''}`} data-claim={claim.id}>
      {/* biome-ignore lint/a11y/useSemanticElements: a group of statements, not of form controls (no fieldset) */}
      <div class="cc-side cc-claim-side" role="group" aria-label={t('claimLabel')}>
        <p class="cc-side-label" aria-hidden="true">
          {t('claimLabel')}
        </p>
        {claimShown ? (
          <div class="cc-statement">
            <Byline statement={claim} context={context} />
            <StatementBody statement={claim} sources={sources} t={t} />
          </div>
        ) : (
          <p class="cc-hidden-note">{t('claimFromHiddenSource')}</p>
        )}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: as above */}
      <div class="cc-side cc-response-side" role="group" aria-label={t('responsesLabel')}>
        <p class="cc-side-label" aria-hidden="true">
          {t('responsesLabel')}
        </p>
        {responses.map((response, i) => (
          <div class="cc-statement" key={`${response.source}-${i}`}>
            <Byline statement={response} stance={response.stance} context={context} />
            <StatementBody statement={response} sources={sources} t={t} />
          </div>
        ))}
        {responses.length === 0 && <p class="cc-hidden-note">{claim.noResponse ?? t('responsesHidden')}</p>}
      </div>
    </li>
  );
}

export function DisputeView({
  dispute,
  sources,
  t,
  hiddenSources,
  focusClaims = [],
  level = 2,
  finding,
  pageDate = null,
  actions,
}: DisputeViewProps) {
  const hidden = hiddenSources ?? new Set<string>();
  const stakes = new Map((dispute.stakes ?? []).map(({ source, stake }) => [source, stake] as const));
  const context: Context = { sources, stakes, pageDate, t };
  const claims = dispute.claims.filter(
    (claim) => !hidden.has(claim.source) || claim.responses.some((r) => !hidden.has(r.source)),
  );
  // Claims a mention pointed at come first, the rest keep the dataset's order.
  const ordered = [
    ...claims.filter((c) => focusClaims.includes(c.id)),
    ...claims.filter((c) => !focusClaims.includes(c.id)),
  ];
  const claimants = unique(dispute.claims.map((c) => c.source));
  const responders = unique(dispute.claims.flatMap((c) => c.responses.map((r) => r.source))).filter(
    (s) => !claimants.includes(s),
  );
  const Title = level === 2 ? 'h2' : 'h3';
  const titleId = `cc-dispute-${dispute.id}`;
  return (
    <article class="cc-dispute" aria-labelledby={titleId}>
      <header class="cc-head">
        <Title id={titleId} class="cc-title">
          {dispute.title}
        </Title>
        <p class="cc-meta">
          <span class={`cc-status cc-status-${dispute.status}`}>{t(STATUS_KEYS[dispute.status])}</span>{' '}
          <span class="cc-parties">
            {claimants.map((id) => sources.get(id)?.name ?? id).join(', ')}
            {' ⇄ '}
            {responders.map((id) => sources.get(id)?.name ?? id).join(', ')}
          </span>
        </p>
        <p class="cc-summary">{dispute.summary}</p>
        {finding && <WhyMarked finding={finding} t={t} />}
        {actions}
      </header>
      <ol class="cc-pairs">
        {ordered.map((claim) => (
          <ClaimPair
            key={claim.id}
            claim={claim}
            hidden={hidden}
            focused={focusClaims.includes(claim.id)}
            context={context}
          />
        ))}
      </ol>
    </article>
  );
}
