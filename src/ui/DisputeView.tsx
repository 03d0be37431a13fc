/**
 * One dispute, both sides side by side: each claim on one side, the responses to it on the
 * other, every statement with who said it, when, and where it was published. Used by the popup
 * and the in-page card alike. It only renders: props in, no browser APIs, no messaging. Every
 * dataset string is rendered as text (design, non-negotiable 4); links only when https:.
 */
import type { Claim, Dispute, Response, Source, Statement } from '../core/schema';
import { formatDate, safeHref } from './format';
import type { MessageKey, Translate } from './i18n';

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
              <summary>{t('moreSources', String(more.length))}</summary>
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
  const href = safeHref(citation.url);
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

function Byline({
  statement,
  sources,
  stance,
  t,
}: {
  statement: Statement;
  sources: ReadonlyMap<string, Source>;
  stance?: Response['stance'];
  t: Translate;
}) {
  return (
    <p class="cc-byline">
      <strong class="cc-who">
        <SourceName id={statement.source} sources={sources} />
      </strong>
      {' · '}
      <time dateTime={statement.date}>{formatDate(statement.date)}</time>
      {stance && <span class={`cc-stance cc-stance-${stance}`}>{t(STANCE_KEYS[stance])}</span>}
    </p>
  );
}

function ClaimPair({
  claim,
  sources,
  hidden,
  focused,
  t,
}: {
  claim: Claim;
  sources: ReadonlyMap<string, Source>;
  hidden: ReadonlySet<string>;
  focused: boolean;
  t: Translate;
}) {
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
            <Byline statement={claim} sources={sources} t={t} />
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
            <Byline statement={response} sources={sources} stance={response.stance} t={t} />
            <StatementBody statement={response} sources={sources} t={t} />
          </div>
        ))}
        {responses.length === 0 && <p class="cc-hidden-note">{claim.noResponse ?? t('responsesHidden')}</p>}
      </div>
    </li>
  );
}

export function DisputeView({ dispute, sources, t, hiddenSources, focusClaims = [], level = 2 }: DisputeViewProps) {
  const hidden = hiddenSources ?? new Set<string>();
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
      </header>
      <ol class="cc-pairs">
        {ordered.map((claim) => (
          <ClaimPair
            key={claim.id}
            claim={claim}
            sources={sources}
            hidden={hidden}
            focused={focusClaims.includes(claim.id)}
            t={t}
          />
        ))}
      </ol>
    </article>
  );
}
