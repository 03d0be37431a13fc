/**
 * The popup's view. With disputes on the page: each with its mentions, a button that scrolls to
 * the next mention, and both sides claim by claim. With none (or on a page the extension cannot
 * see): a search over the whole dataset. And a switch to pause the extension on this site.
 */
import type { Dispute, Source } from '../core/schema';
import { DisputeView } from '../ui/DisputeView';
import type { Translate } from '../ui/i18n';

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'page'; disputes: Dispute[]; mentions: Record<string, Record<string, number>> };

export interface PopupProps {
  state: PopupState;
  sources: ReadonlyMap<string, Source>;
  hiddenSources: ReadonlySet<string>;
  /** The site the tab is on (null for pages the extension does not run on). */
  site: string | null;
  paused: boolean;
  query: string;
  results: Dispute[];
  t: Translate;
  onQuery(query: string): void;
  onTogglePause(): void;
  onJump(): void;
  onOpenOptions(): void;
}

/** Statements in `disputes` from sources the reader switched off. */
export function hiddenStatements(disputes: readonly Dispute[], hidden: ReadonlySet<string>): number {
  let count = 0;
  for (const dispute of disputes) {
    for (const claim of dispute.claims) {
      if (hidden.has(claim.source)) count++;
      for (const response of claim.responses) if (hidden.has(response.source)) count++;
    }
  }
  return count;
}

function Mentions({ counts, t }: { counts: Record<string, number> | undefined; t: Translate }) {
  if (!counts) return null;
  const list = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return (
    <p class="popup-mentions">
      <span class="popup-mentions-label">{t('popupMentionsLabel')}</span>{' '}
      {list.map(([text, n]) => `${text} ×${n}`).join(', ')}
    </p>
  );
}

function HiddenNote({ count, t, onOpenOptions }: { count: number; t: Translate; onOpenOptions(): void }) {
  if (count === 0) return null;
  return (
    <p class="popup-hidden">
      {t('popupHiddenStatements', String(count))}{' '}
      <button type="button" class="popup-link" onClick={onOpenOptions}>
        {t('popupOpenOptions')}
      </button>
    </p>
  );
}

function Search({
  query,
  results,
  sources,
  hiddenSources,
  t,
  onQuery,
}: Pick<PopupProps, 'query' | 'results' | 'sources' | 'hiddenSources' | 't' | 'onQuery'>) {
  return (
    <section class="popup-search" aria-labelledby="popup-search-label">
      <label id="popup-search-label" for="popup-search-input" class="popup-search-label">
        {t('popupSearchLabel')}
      </label>
      <input
        id="popup-search-input"
        type="search"
        value={query}
        autoComplete="off"
        aria-describedby="popup-search-hint"
        onInput={(event) => onQuery((event.target as HTMLInputElement).value)}
      />
      <p id="popup-search-hint" class="popup-search-hint">
        {t('popupSearchHint')}
      </p>
      <p class="popup-search-status" role="status">
        {query.trim() === ''
          ? ''
          : results.length === 0
            ? t('popupSearchNone', query.trim())
            : t('popupSearchCount', String(results.length))}
      </p>
      {results.map((dispute) => (
        <section class="popup-dispute" key={dispute.id}>
          <DisputeView dispute={dispute} sources={sources} hiddenSources={hiddenSources} t={t} />
        </section>
      ))}
    </section>
  );
}

export function Popup(props: PopupProps) {
  const { state, sources, hiddenSources, site, paused, t, onTogglePause, onJump, onOpenOptions } = props;
  const onPage = state.kind === 'page' && !paused ? state.disputes : [];
  return (
    <>
      <header class="popup-head">
        <h1 class="popup-title">{t('popupTitle')}</h1>
        {onPage.length > 0 && <p class="popup-count">{t('popupOnThisPage', String(onPage.length))}</p>}
      </header>
      {site && (
        <p class="popup-pause">
          <label>
            <input type="checkbox" role="switch" aria-checked={!paused} checked={!paused} onChange={onTogglePause} />{' '}
            {t('popupPauseLabel', site)}
          </label>
        </p>
      )}
      {paused && <p class="popup-note">{t('popupPausedNote')}</p>}
      {state.kind === 'loading' && <p role="status">{t('popupLoading')}</p>}
      {state.kind === 'unavailable' && <p class="popup-note">{t('popupCannotSee')}</p>}
      {state.kind === 'page' && !paused && onPage.length === 0 && <p class="popup-note">{t('popupNothingHere')}</p>}
      {onPage.length > 0 && (
        <>
          <p class="popup-actions">
            <button type="button" class="popup-button" onClick={onJump}>
              {t('popupJump')}
            </button>
          </p>
          <HiddenNote count={hiddenStatements(onPage, hiddenSources)} t={t} onOpenOptions={onOpenOptions} />
          {onPage.map((dispute) => (
            <section class="popup-dispute" key={dispute.id}>
              <Mentions counts={state.kind === 'page' ? state.mentions[dispute.id] : undefined} t={t} />
              <DisputeView dispute={dispute} sources={sources} hiddenSources={hiddenSources} t={t} />
            </section>
          ))}
        </>
      )}
      {state.kind !== 'loading' && onPage.length === 0 && <Search {...props} />}
    </>
  );
}
