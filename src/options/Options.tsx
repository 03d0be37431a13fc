/**
 * The options page's view: sources and packs with switches, mark style, which
 * mentions, paused sites, reset, import and export. It only renders: state in, callbacks out;
 * main.tsx owns storage, files and downloads. Every string from a pack or a file is rendered as
 * text (design, non-negotiable 4).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { isPackOn, type PackOrigin } from '../core/pack-layout';
import { SOURCE_KINDS, type SourceKind } from '../core/schema';
import type { MarkStyle, MarkWhich, Settings } from '../core/settings';
import { type MessageKey, plural, type Translate } from '../ui/i18n';
import { listedSources, SOURCES_LISTED } from './source-filter';

export interface SourceRow {
  id: string;
  name: string;
  kind: SourceKind;
  statements: number;
  /** Disputes this source makes claims in. */
  claimsIn: number;
  /** Titles of the disputes not marked or counted now, every claim being from switched-off sources. */
  silenced: string[];
}

export interface PackRow {
  id: string;
  name: string;
  version: string;
  disputes: number;
  bundled: boolean;
  importedAt?: string;
  origin?: PackOrigin;
}

export type Notice =
  | { tone: 'success'; text: string }
  /** `progress`: how far a long task is, from 0 to 1. */
  | { tone: 'info'; text: string; progress?: number }
  | { tone: 'error'; text: string; details: string[] };

export type Confirming =
  | { kind: 'reset' }
  | { kind: 'remove-pack'; id: string; name: string }
  | { kind: 'restore'; question: string };

export interface OptionsState {
  settings: Settings;
  /** Sites where the extension is paused (kept in storage.local, not in the synced settings). */
  pausedSites: string[];
  sources: SourceRow[];
  packs: PackRow[];
  notice: Notice | null;
  confirming: Confirming | null;
  busy: boolean;
}

export interface OptionsActions {
  toggleSource(id: string, on: boolean): void;
  togglePack(id: string, on: boolean): void;
  askRemovePack(id: string): void;
  setMarkStyle(style: MarkStyle): void;
  setMarkWhich(which: MarkWhich): void;
  removeSite(site: string): void;
  askReset(): void;
  confirm(): void;
  cancel(): void;
  importFile(file: File): void;
  exportAll(): void;
}

export interface OptionsProps {
  state: OptionsState | null;
  actions: OptionsActions;
  t: Translate;
  /** Formats an ISO time as a date in the reader's locale. */
  formatDay: (iso: string) => string;
}

const KIND_KEYS: Record<SourceKind, MessageKey> = {
  'security-firm': 'optionsKindSecurityFirm',
  vendor: 'optionsKindVendor',
  researcher: 'optionsKindResearcher',
  agency: 'optionsKindAgency',
  publication: 'optionsKindPublication',
};

const STYLE_KEYS: Record<MarkStyle, MessageKey> = {
  underline: 'optionsMarkUnderline',
  tint: 'optionsMarkTint',
  off: 'optionsMarkOff',
};

/** In the order offered: from the quietest (the default) to every mention. */
const WHICH_KEYS: Record<MarkWhich, MessageKey> = {
  about: 'optionsMarkAbout',
  first: 'optionsMarkFirst',
  every: 'optionsMarkEvery',
};

/** "1 dispute", "18 disputes" (browser.i18n has no plural rules). */
export const disputeCount = (t: Translate, n: number) => plural(t, 'optionsDispute', n);

/** An inline confirmation: the question, then the action and Cancel. Takes focus when shown. */
function ConfirmBox({
  question,
  yes,
  onYes,
  onCancel,
  busy,
  returnFocusTo,
  t,
}: {
  question: string;
  yes: string;
  onYes: () => void;
  onCancel: () => void;
  busy: boolean;
  /**
   * Ids of where focus goes when the box goes: the control that asked if it is still there,
   * else the next (a heading with tabIndex -1).
   */
  returnFocusTo: string[];
  t: Translate;
}) {
  const first = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const focusTargets = useRef(returnFocusTo);
  focusTargets.current = returnFocusTo;
  useEffect(() => {
    first.current?.focus();
    const doc = first.current?.ownerDocument;
    // After the box is gone the asking control is rendered again, disabled while the task runs.
    return () => {
      let tries = 20;
      const retry = () => {
        const target = focusTargets.current.map((id) => doc?.getElementById(id)).find((el) => el);
        if (target && !(target as HTMLButtonElement).disabled) target.focus();
        else if (tries-- > 0) setTimeout(retry, 50);
      };
      setTimeout(retry);
    };
  }, []);
  return (
    <div class="confirm">
      <p class="confirm-question" id={questionId}>
        {question}
      </p>
      <div class="row">
        <button type="button" class="danger" ref={first} onClick={onYes} disabled={busy} aria-describedby={questionId}>
          {yes}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('optionsCancel')}
        </button>
      </div>
    </div>
  );
}

function Switch({
  id,
  checked,
  onChange,
  describedBy,
  children,
}: {
  id: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  describedBy?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="switch-row">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        aria-checked={checked}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <label for={id}>{children}</label>
    </div>
  );
}

/**
 * Beside a switch of a source that makes claims: what switching it off does. Switched off, the
 * disputes it silenced are named; on, the rule is stated.
 */
function SourceNote({ row, on, id, t }: { row: SourceRow; on: boolean; id: string; t: Translate }) {
  if (row.claimsIn === 0) return null;
  return (
    <p class="source-note" id={id}>
      {!on && row.silenced.length > 0
        ? t('optionsSourceSilences', row.silenced.join('; '))
        : plural(t, 'optionsSourceClaims', row.claimsIn)}
    </p>
  );
}

/** One kind's sources; past SOURCES_LISTED, searched by name (source-filter.ts). */
function SourceGroup({
  kind,
  rows,
  off,
  actions,
  t,
}: {
  kind: SourceKind;
  rows: SourceRow[];
  off: ReadonlySet<string>;
  actions: OptionsActions;
  t: Translate;
}) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const searchable = rows.length > SOURCES_LISTED;
  const listed = searchable ? listedSources(rows, query, off) : { rows, matching: rows.length };
  const locale = (n: number) => n.toLocaleString();
  return (
    <fieldset class="panel" data-kind={kind}>
      <legend class="panel-legend">{t(KIND_KEYS[kind])}</legend>
      {searchable && (
        <div class="source-search">
          <label for={searchId}>{t('optionsSourcesFind')}</label>
          <input id={searchId} type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
          <p class="help" role="status">
            {listed.matching === 0
              ? t('optionsSourcesNoMatch')
              : listed.rows.length < listed.matching
                ? t('optionsSourcesListed', [locale(listed.rows.length), locale(listed.matching)])
                : plural(t, 'optionsSourcesMatching', listed.matching)}
          </p>
        </div>
      )}
      {listed.rows.map((row) => (
        <div class="source-row" key={row.id}>
          <Switch
            id={`source-${row.id}`}
            checked={!off.has(row.id)}
            onChange={(on) => actions.toggleSource(row.id, on)}
            describedBy={row.claimsIn > 0 ? `source-note-${row.id}` : undefined}
          >
            <span class="name">{row.name}</span>{' '}
            <span class="meta">{plural(t, 'optionsStatement', row.statements)}</span>
          </Switch>
          <SourceNote row={row} on={!off.has(row.id)} id={`source-note-${row.id}`} t={t} />
        </div>
      ))}
    </fieldset>
  );
}

function Sources({ state, actions, t }: { state: OptionsState; actions: OptionsActions; t: Translate }) {
  const off = new Set(state.settings.disabledSources);
  const groups = SOURCE_KINDS.map((kind) => ({ kind, rows: state.sources.filter((s) => s.kind === kind) })).filter(
    (g) => g.rows.length > 0,
  );
  return (
    <section class="block" aria-labelledby="sources-heading">
      <h2 class="block-heading" id="sources-heading">
        {t('optionsSourcesLegend')}
      </h2>
      <p class="help">{t('optionsSourcesHelp')}</p>
      {groups.length === 0 && <p>{t('optionsNoSources')}</p>}
      <div class="groups">
        {groups.map((group) => (
          <SourceGroup key={group.kind} kind={group.kind} rows={group.rows} off={off} actions={actions} t={t} />
        ))}
      </div>
    </section>
  );
}

function Packs({
  state,
  actions,
  t,
  formatDay,
}: {
  state: OptionsState;
  actions: OptionsActions;
  t: Translate;
  formatDay: (iso: string) => string;
}) {
  const confirming = state.confirming?.kind === 'remove-pack' ? state.confirming : null;
  return (
    <fieldset class="panel block">
      <legend class="panel-legend">
        <h2 id="packs-heading" tabIndex={-1}>
          {t('optionsPacksLegend')}
        </h2>
      </legend>
      <p class="help">{t('optionsPacksHelp')}</p>
      <ul class="list">
        {state.packs.map((pack) => (
          <li class="list-item pack-item" key={pack.id} data-pack={pack.id}>
            <div class="pack-row">
              <Switch
                id={`pack-${pack.id}`}
                checked={isPackOn(state.settings, pack.id)}
                onChange={(on) => actions.togglePack(pack.id, on)}
              >
                <span class="name">{pack.name}</span>
              </Switch>
              {!pack.bundled && (
                <button
                  id={`remove-${pack.id}`}
                  type="button"
                  aria-label={t('optionsRemovePackLabel', pack.name)}
                  onClick={() => actions.askRemovePack(pack.id)}
                  disabled={state.busy}
                >
                  {t('optionsRemove')}
                </button>
              )}
            </div>
            <p class="meta pack-meta">
              {t('optionsPackDetails', [pack.version, disputeCount(t, pack.disputes)])}
              {' · '}
              {pack.bundled
                ? t('optionsPackBundled')
                : t(
                    pack.origin === 'claimreview' ? 'optionsPackFromClaimReview' : 'optionsPackImported',
                    formatDay(pack.importedAt ?? ''),
                  )}
            </p>
            {confirming?.id === pack.id && (
              <ConfirmBox
                question={t('optionsRemovePackAsk', pack.name)}
                yes={t('optionsRemovePackYes')}
                returnFocusTo={[`remove-${pack.id}`, 'packs-heading']}
                onYes={actions.confirm}
                onCancel={actions.cancel}
                busy={state.busy}
                t={t}
              />
            )}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function Marking({ state, actions, t }: { state: OptionsState; actions: OptionsActions; t: Translate }) {
  const { markStyle, markWhich } = state.settings;
  return (
    <div class="groups block">
      <fieldset class="panel">
        <legend class="panel-legend">
          <h2>{t('optionsMarkStyleLegend')}</h2>
        </legend>
        {(Object.keys(STYLE_KEYS) as MarkStyle[]).map((style) => (
          <div class="choice" key={style}>
            <input
              type="radio"
              id={`mark-style-${style}`}
              name="mark-style"
              value={style}
              checked={markStyle === style}
              onChange={() => actions.setMarkStyle(style)}
            />
            <label for={`mark-style-${style}`}>{t(STYLE_KEYS[style])}</label>
          </div>
        ))}
      </fieldset>
      <fieldset class="panel" aria-describedby="mark-which-help">
        <legend class="panel-legend">
          <h2>{t('optionsMarkWhichLegend')}</h2>
        </legend>
        <p class="help" id="mark-which-help">
          {t('optionsMarkAboutHelp')}
        </p>
        {(Object.keys(WHICH_KEYS) as MarkWhich[]).map((which) => (
          <div class="choice" key={which}>
            <input
              type="radio"
              id={`mark-which-${which}`}
              name="mark-which"
              value={which}
              checked={markWhich === which}
              onChange={() => actions.setMarkWhich(which)}
            />
            <label for={`mark-which-${which}`}>{t(WHICH_KEYS[which])}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

function PausedSites({ state, actions, t }: { state: OptionsState; actions: OptionsActions; t: Translate }) {
  const sites = state.pausedSites;
  return (
    <section class="block" aria-labelledby="paused-heading">
      <h2 class="block-heading" id="paused-heading">
        {t('optionsPausedLegend')}
      </h2>
      {sites.length === 0 ? (
        <p class="help">{t('optionsPausedNone')}</p>
      ) : (
        <ul class="list">
          {sites.map((site) => (
            <li class="list-item site-item" key={site}>
              <span class="site">{site}</span>
              <button
                type="button"
                aria-label={t('optionsRemoveSiteLabel', site)}
                onClick={() => actions.removeSite(site)}
              >
                {t('optionsRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ImportExport({ state, actions, t }: { state: OptionsState; actions: OptionsActions; t: Translate }) {
  const restore = state.confirming?.kind === 'restore' ? state.confirming : null;
  return (
    <section class="block" aria-labelledby="import-heading">
      <h2 class="block-heading" id="import-heading">
        {t('optionsImportExportLegend')}
      </h2>
      <div class="field">
        <label for="import-file">{t('optionsImportLabel')}</label>
        <input
          id="import-file"
          type="file"
          accept=".json,.jsonld,application/json,application/ld+json"
          aria-describedby="import-help"
          disabled={state.busy}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            // Cleared so that picking the same file again (after fixing it) imports it again.
            input.value = '';
            if (file) actions.importFile(file);
          }}
        />
        <p class="help" id="import-help">
          {t('optionsImportHelp')}
        </p>
      </div>
      {restore && (
        <ConfirmBox
          question={restore.question}
          yes={t('optionsRestoreYes')}
          returnFocusTo={['import-file']}
          onYes={actions.confirm}
          onCancel={actions.cancel}
          busy={state.busy}
          t={t}
        />
      )}
      <div class="field">
        <button type="button" onClick={actions.exportAll} aria-describedby="export-help" disabled={state.busy}>
          {t('optionsExport')}
        </button>
        <p class="help" id="export-help">
          {t('optionsExportHelp')}
        </p>
      </div>
    </section>
  );
}

function Reset({ state, actions, t }: { state: OptionsState; actions: OptionsActions; t: Translate }) {
  return (
    <section class="block" aria-labelledby="reset-heading">
      <h2 class="block-heading" id="reset-heading">
        {t('optionsResetLegend')}
      </h2>
      {state.confirming?.kind === 'reset' ? (
        <ConfirmBox
          question={t('optionsResetAsk')}
          yes={t('optionsResetYes')}
          returnFocusTo={['reset-button']}
          onYes={actions.confirm}
          onCancel={actions.cancel}
          busy={state.busy}
          t={t}
        />
      ) : (
        <button id="reset-button" type="button" onClick={actions.askReset} disabled={state.busy}>
          {t('optionsReset')}
        </button>
      )}
    </section>
  );
}

/**
 * Success and progress are announced politely; a refusal as an alert, with every problem. Both
 * regions exist from the first render (a live region added with its text is often not read), and
 * stick to the bottom of the window, so the outcome shows whichever section was used.
 */
function Notices({ notice }: { notice: Notice | null }) {
  return (
    <>
      <div class="notice notice-ok" role="status" aria-live="polite">
        {notice && notice.tone !== 'error' && <p>{notice.text}</p>}
        {notice?.tone === 'info' && notice.progress !== undefined && (
          <progress class="notice-progress" value={notice.progress} max={1} aria-label={notice.text} />
        )}
      </div>
      <div class="notice notice-error" role="alert">
        {notice?.tone === 'error' && (
          <>
            <p>{notice.text}</p>
            {notice.details.length > 0 && (
              <ul class="list">
                {notice.details.map((line, i) => (
                  <li class="problem" key={`${i}:${line}`}>
                    <code class="problem-text">{line}</code>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </>
  );
}

export function Options({ state, actions, t, formatDay }: OptionsProps) {
  return (
    <>
      <header>
        <h1>{t('optionsTitle')}</h1>
        <p class="help">{t('optionsIntro')}</p>
      </header>
      {state === null ? (
        <p role="status">{t('optionsLoading')}</p>
      ) : (
        <>
          <Sources state={state} actions={actions} t={t} />
          <Packs state={state} actions={actions} t={t} formatDay={formatDay} />
          <Marking state={state} actions={actions} t={t} />
          <PausedSites state={state} actions={actions} t={t} />
          <ImportExport state={state} actions={actions} t={t} />
          <Reset state={state} actions={actions} t={t} />
          <Notices notice={state.notice} />
        </>
      )}
    </>
  );
}
