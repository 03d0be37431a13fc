/**
 * The popup's view. Disputes the page is about come first, open, each with both sides claim by
 * claim, why it is marked and when each statement came against the article; disputes only on
 * record for a vendor the page names follow, one line each, opened on demand; disputes the reader
 * hid on this page are listed apart with a control that shows them again. A search over the
 * whole dataset is always there (first when the page names nothing), and a switch pauses the
 * extension on this site. It only renders: main.tsx owns every browser call.
 */
import type { DisputeFinding } from '../core/messages';
import type { Dispute, Source } from '../core/schema';
import type { MarkWhich } from '../core/settings';
import { DisputeView } from '../ui/DisputeView';
import { plural, type Translate } from '../ui/i18n';

/** One dispute the page names, with what the page said about it. */
export interface PageEntry {
  dispute: Dispute;
  finding: DisputeFinding;
}

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | {
      kind: 'page';
      /** Disputes the page is about, in the findings' order (strongest evidence first). */
      about: PageEntry[];
      /** Disputes on record for vendors the page names. */
      onRecord: PageEntry[];
      /** Disputes the reader said do not apply to this page. */
      dismissed: PageEntry[];
      pageDate: string | null;
    };

export interface PopupProps {
  state: PopupState;
  sources: ReadonlyMap<string, Source>;
  hiddenSources: ReadonlySet<string>;
  /** Which mentions the content script marks (how many the jump button walks). */
  markWhich: MarkWhich;
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
  /** Shows a dispute the reader hid on this page again. */
  onUndoDismiss(id: string): void;
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

const mentionTotal = (finding: DisputeFinding) => Object.values(finding.mentions).reduce((sum, n) => sum + n, 0);

/** How many marks the jump button walks through, under the reader's density setting. */
export function markedMentions(about: readonly PageEntry[], onRecord: readonly PageEntry[], which: MarkWhich): number {
  if (which === 'first') return about.length + onRecord.length;
  const marked = which === 'every' ? [...about, ...onRecord] : about;
  return marked.reduce((sum, entry) => sum + mentionTotal(entry.finding), 0);
}

/** The vendors a page names for an on-record dispute, as the page writes them. */
function vendorsNamed({ dispute, finding }: PageEntry): string {
  const named = finding.evidence.filter((e) => e.role === 'entity').map((e) => e.text);
  return named.length > 0 ? [...new Set(named)].join(', ') : dispute.entities.join(', ');
}

function HiddenNote({ count, t, onOpenOptions }: { count: number; t: Translate; onOpenOptions(): void }) {
  if (count === 0) return null;
  return (
    <p class="popup-hidden">
      {plural(t, 'popupHiddenStatements', count)}{' '}
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
  const trimmed = query.trim();
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
        {trimmed === ''
          ? ''
          : results.length === 0
            ? t('popupSearchNone', trimmed)
            : plural(t, 'popupSearchCount', results.length)}
      </p>
      {results.map((dispute) => (
        <section class="popup-dispute" key={dispute.id}>
          {/* Level 2: the search is not under any of the page's groups, wherever it is shown. */}
          <DisputeView dispute={dispute} sources={sources} hiddenSources={hiddenSources} t={t} level={2} />
        </section>
      ))}
    </section>
  );
}

function About({ entries, pageDate, props }: { entries: PageEntry[]; pageDate: string | null; props: PopupProps }) {
  const { sources, hiddenSources, t } = props;
  return (
    <section class="popup-group popup-about" aria-labelledby="popup-about-heading">
      <h2 id="popup-about-heading" class="popup-group-heading">
        {t('popupAboutHeading')}
      </h2>
      {entries.map(({ dispute, finding }) => (
        <section class="popup-dispute" key={dispute.id} data-dispute={dispute.id}>
          <DisputeView
            dispute={dispute}
            finding={finding}
            pageDate={pageDate}
            sources={sources}
            hiddenSources={hiddenSources}
            level={3}
            t={t}
          />
        </section>
      ))}
    </section>
  );
}

function OnRecord({ entries, pageDate, props }: { entries: PageEntry[]; pageDate: string | null; props: PopupProps }) {
  const { sources, hiddenSources, t } = props;
  return (
    <section class="popup-group popup-record" aria-labelledby="popup-record-heading">
      <h2 id="popup-record-heading" class="popup-group-heading">
        {t('popupOnRecordHeading')}
      </h2>
      <p class="popup-group-help">{t('popupOnRecordHelp')}</p>
      <ul class="popup-lines">
        {entries.map((entry) => (
          <li key={entry.dispute.id} data-dispute={entry.dispute.id}>
            <details class="popup-line">
              <summary>
                <span class="popup-line-title">{entry.dispute.title}</span>{' '}
                <span class="popup-line-vendor">{vendorsNamed(entry)}</span>
              </summary>
              <div class="popup-line-body">
                <DisputeView
                  dispute={entry.dispute}
                  finding={entry.finding}
                  pageDate={pageDate}
                  sources={sources}
                  hiddenSources={hiddenSources}
                  level={3}
                  t={t}
                />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Dismissed({ entries, props }: { entries: PageEntry[]; props: PopupProps }) {
  const { t, onUndoDismiss } = props;
  return (
    <section class="popup-group popup-dismissed" aria-labelledby="popup-dismissed-heading">
      <h2 id="popup-dismissed-heading" class="popup-group-heading">
        {t('popupDismissedHeading')}
      </h2>
      <p class="popup-group-help">{t('popupDismissedHelp')}</p>
      <ul class="popup-lines">
        {entries.map(({ dispute }) => (
          <li key={dispute.id} class="popup-dismissed-line" data-dispute={dispute.id}>
            <span class="popup-line-title">{dispute.title}</span>
            <button
              type="button"
              class="popup-button popup-undo"
              aria-label={t('popupUndoDismissLabel', dispute.title)}
              onClick={() => onUndoDismiss(dispute.id)}
            >
              {t('popupUndoDismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "2 disputes about this page · 3 on record for vendors named here". */
function Counts({ about, onRecord, t }: { about: number; onRecord: number; t: Translate }) {
  const parts = [
    about === 0 ? null : plural(t, 'popupAboutCount', about),
    onRecord === 0 ? null : plural(t, 'popupOnRecordCount', onRecord),
  ].filter((part) => part !== null);
  if (parts.length === 0) return null;
  return <p class="popup-count">{parts.join(' · ')}</p>;
}

export function Popup(props: PopupProps) {
  const { state, hiddenSources, site, paused, markWhich, t, onTogglePause, onJump, onOpenOptions } = props;
  const page = state.kind === 'page' && !paused ? state : null;
  const about = page?.about ?? [];
  const onRecord = page?.onRecord ?? [];
  const dismissed = page?.dismissed ?? [];
  const named = about.length + onRecord.length;
  const marked = markedMentions(about, onRecord, markWhich);
  const search = <Search {...props} />;
  return (
    <>
      <header class="popup-head">
        <h1 class="popup-title">{t('popupTitle')}</h1>
        <Counts about={about.length} onRecord={onRecord.length} t={t} />
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
      {page && named === 0 && <p class="popup-note">{t('popupNothingHere')}</p>}
      {state.kind !== 'loading' && about.length === 0 && search}
      {marked > 0 && (
        <p class="popup-actions">
          <span class="popup-mentions">{plural(t, 'popupMentions', marked)}</span>{' '}
          <button type="button" class="popup-button" onClick={onJump}>
            {t('popupJump')}
          </button>
        </p>
      )}
      {named > 0 && (
        <HiddenNote
          count={hiddenStatements(
            [...about, ...onRecord].map((e) => e.dispute),
            hiddenSources,
          )}
          t={t}
          onOpenOptions={onOpenOptions}
        />
      )}
      {about.length > 0 && <About entries={about} pageDate={page?.pageDate ?? null} props={props} />}
      {onRecord.length > 0 && <OnRecord entries={onRecord} pageDate={page?.pageDate ?? null} props={props} />}
      {dismissed.length > 0 && <Dismissed entries={dismissed} props={props} />}
      {about.length > 0 && search}
    </>
  );
}
