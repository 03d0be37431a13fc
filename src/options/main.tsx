/**
 * The options page's entry: owns every browser.* call and the page's state, and
 * renders Options, which only renders. Settings are written to storage.sync at once on each
 * change (open tabs and the popup follow storage.onChanged); packs are written through
 * core/pack-store.ts, which checks a whole import before writing anything.
 */

import dataset from 'virtual:counterclaim/dataset';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { PAUSED_SITES_KEY, readBrowsing, setSitePaused } from '../core/browsing';
import { buildExport, exportFileName } from '../core/export';
import { MAX_FILE_BYTES } from '../core/import';
import { BUNDLED_PACK_ID, datasetsOn, PACKS_KEY, type StoredPack } from '../core/pack-layout';
import { formatSize } from '../core/pack-plan';
import { applyRestore, readPacks, readStored, removePack, type Stores } from '../core/pack-store';
import { ProblemError } from '../core/problems';
import { defaultSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { readSettings, writeSettings } from '../core/settings-store';
import { sourceNotes } from '../core/source-notes';
import { sourceSummaries } from '../core/source-summaries';
import { resetUnreadable } from '../core/stored-reset';
import { browserPackStores } from '../storage/pack-stores';
import { type MessageKey, plural, type Translate } from '../ui/i18n';
import { problemLines } from '../ui/problem-text';
import { importInWorker, planRestoreInWorker } from './import-client';
import {
  type Confirming,
  disputeCount,
  type Notice,
  Options,
  type OptionsActions,
  type OptionsState,
  type PackRow,
  type SourceRow,
} from './Options';
import './options.css';

const t: Translate = (key: MessageKey, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
const stores: Stores = { ...browserPackStores(browser.storage.local), sync: browser.storage.sync };
const app = document.getElementById('app') as HTMLElement;
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const formatDay = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dayFormat.format(date);
};

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');

let settings: Settings = defaultSettings();
let packs: StoredPack[] = [];
let pausedSites: string[] = [];
let notice: Notice | null = null;
let confirming: Confirming | null = null;
/** What the pending confirmation does when confirmed. */
let onConfirm: (() => Promise<void>) | null = null;
let busy = false;
let loaded = false;
/** Settings writes of this page still in flight: their echoes in storage.onChanged are ours. */
let pendingWrites = 0;

/**
 * The source rows, made again only when the packs or the switches change: the page renders on
 * every notice (each step of an import), and a pack of 20,000 disputes takes 150 ms to sum up.
 */
let sourceRows: { packs: StoredPack[]; disabledSources: string[]; disabledPacks: string[]; rows: SourceRow[] } | null =
  null;
function sourcesNow(): SourceRow[] {
  const { disabledSources, disabledPacks } = settings;
  if (
    sourceRows?.packs === packs &&
    sourceRows.disabledSources === disabledSources &&
    sourceRows.disabledPacks === disabledPacks
  ) {
    return sourceRows.rows;
  }
  const active = datasetsOn(
    dataset,
    packs.map((p) => p.dataset),
    settings,
  );
  const notes = sourceNotes(active, disabledSources);
  const rows = sourceSummaries(active).map(({ source, statements }) => ({
    id: source.id,
    name: source.name,
    kind: source.kind,
    statements,
    claimsIn: notes.get(source.id)?.claimsIn.length ?? 0,
    silenced: notes.get(source.id)?.silenced ?? [],
  }));
  sourceRows = { packs, disabledSources, disabledPacks, rows };
  return rows;
}

function state(): OptionsState {
  const rows: PackRow[] = [
    {
      id: BUNDLED_PACK_ID,
      name: dataset.name,
      version: dataset.version,
      disputes: dataset.disputes.length,
      bundled: true,
    },
    ...packs.map(({ meta }) => ({ ...meta, bundled: false })),
  ];
  return {
    settings,
    pausedSites,
    sources: sourcesNow(),
    packs: rows,
    notice,
    confirming,
    busy,
  };
}

function show(): void {
  render(<Options state={loaded ? state() : null} actions={actions} t={t} formatDay={formatDay} />, app);
}

const reason = (error: unknown) =>
  error instanceof ProblemError
    ? problemLines(t, error.problems).join('; ')
    : error instanceof Error
      ? error.message
      : String(error);

function fail(text: string, details: string[] = []): void {
  notice = { tone: 'error', text, details };
  show();
}

function succeed(text: string): void {
  notice = { tone: 'success', text };
  show();
}

/** Applies a settings change at once and writes it; the page shows the new state straight away. */
async function changeSettings(change: (current: Settings) => Settings): Promise<void> {
  const next = change(settings);
  const previous = settings;
  settings = next;
  notice = null;
  show();
  pendingWrites++;
  try {
    const written = await writeSettings(stores.sync, next);
    if (!written.ok) {
      settings = previous;
      fail(t('optionsSaveFailed', problemLines(t, written.problems).join('; ')));
    }
  } catch (error) {
    settings = previous;
    fail(t('optionsSaveFailed', reason(error)));
  } finally {
    pendingWrites--;
  }
}

const toggle = (list: string[], id: string, on: boolean) =>
  on ? list.filter((x) => x !== id) : [...new Set([...list, id])];

/** Runs a storage task with the controls disabled, and reloads what is stored afterwards. */
async function task(run: () => Promise<void>): Promise<void> {
  busy = true;
  show();
  try {
    await run();
  } catch (error) {
    fail(t('optionsSaveFailed', reason(error)));
  } finally {
    busy = false;
    await reload();
  }
}

function ask(what: Confirming, action: () => Promise<void>): void {
  confirming = what;
  onConfirm = action;
  notice = null;
  show();
}

/** An import's steps, as its notice says them: reading the file, the worker's two, saving. */
const IMPORT_STEPS = ['reading', 'checking', 'compiling', 'saving'] as const;
const IMPORT_STEP_TEXT: Record<(typeof IMPORT_STEPS)[number], MessageKey> = {
  reading: 'optionsImportReading',
  checking: 'optionsImportChecking',
  compiling: 'optionsImportCompiling',
  saving: 'optionsImportSaving',
};

async function readFile(file: File): Promise<void> {
  const name = file.name;
  // Refused before reading: a huge file should not be loaded into memory at all.
  if (file.size > MAX_FILE_BYTES) {
    fail(t('optionsImportRefused', name), [
      `(file): the file is ${formatSize(file.size)}; the limit is ${formatSize(MAX_FILE_BYTES)}`,
    ]);
    return;
  }
  const progress = (step: (typeof IMPORT_STEPS)[number]) => {
    notice = {
      tone: 'info',
      text: t(IMPORT_STEP_TEXT[step], name),
      progress: IMPORT_STEPS.indexOf(step) / IMPORT_STEPS.length,
    };
    show();
  };
  progress('reading');
  confirming = null;
  await task(async () => {
    const outcome = await importInWorker(await file.text(), stores, progress);
    if (!outcome.ok) {
      fail(t('optionsImportRefused', name), problemLines(t, outcome.problems));
      return;
    }
    if (outcome.kind === 'pack') {
      const { pack, replaced } = outcome;
      succeed(
        replaced
          ? t('optionsImportReplaced', [pack.name, replaced.version, pack.version, disputeCount(t, pack.disputes)])
          : t('optionsImportAdded', [pack.name, disputeCount(t, pack.disputes)]),
      );
      return;
    }
    const { backup } = outcome;
    const n = backup.packs.length;
    const count = plural(t, 'optionsPackCount', n);
    notice = null;
    ask(
      { kind: 'restore', question: t('optionsRestoreAsk', [name, formatDay(backup.exportedAt), count]) },
      async () => {
        // Checked again against what is stored now: the reader may have taken a while.
        progress('compiling');
        const planned = await planRestoreInWorker({ backup, items: await readStored(stores) });
        if (planned.ok) progress('saving');
        const restored = await applyRestore(planned, stores);
        if (restored.ok) succeed(t('optionsRestoreDone'));
        else fail(t('optionsImportRefused', name), problemLines(t, restored.problems));
      },
    );
  });
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download starts asynchronously in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const actions: OptionsActions = {
  toggleSource: (id, on) => void changeSettings((s) => ({ ...s, disabledSources: toggle(s.disabledSources, id, on) })),
  togglePack: (id, on) => void changeSettings((s) => ({ ...s, disabledPacks: toggle(s.disabledPacks, id, on) })),
  setMarkStyle: (markStyle) => void changeSettings((s) => ({ ...s, markStyle })),
  setMarkWhich: (markWhich) => void changeSettings((s) => ({ ...s, markWhich })),
  removeSite(site) {
    pausedSites = pausedSites.filter((x) => x !== site);
    show();
    void setSitePaused(browser.storage.local, site, false).catch((error: unknown) =>
      fail(t('optionsSaveFailed', reason(error))),
    );
  },
  askRemovePack(id) {
    const pack = packs.find((p) => p.meta.id === id);
    if (!pack) return;
    const name = pack.meta.name;
    ask({ kind: 'remove-pack', id, name }, async () => {
      await removePack(id, stores);
      succeed(t('optionsRemovePackDone', name));
    });
  },
  askReset() {
    ask({ kind: 'reset' }, async () => {
      const written = await writeSettings(stores.sync, defaultSettings());
      if (written.ok) succeed(t('optionsResetDone'));
    });
  },
  confirm() {
    const run = onConfirm;
    confirming = null;
    onConfirm = null;
    if (run) void task(run);
  },
  cancel() {
    confirming = null;
    onConfirm = null;
    show();
  },
  importFile: (file) => void readFile(file),
  async exportAll() {
    const now = new Date();
    const name = exportFileName(now);
    try {
      // Paused sites and dismissals are read fresh: the popup and the card write them.
      download(buildExport(settings, packs, await readBrowsing(stores.local), now), name);
      succeed(t('optionsExportDone', name));
    } catch (error) {
      fail(t('optionsSaveFailed', reason(error)));
    }
  },
};

async function reload(): Promise<void> {
  let browsing: Awaited<ReturnType<typeof readBrowsing>>;
  [settings, packs, browsing] = await Promise.all([
    readSettings(stores.sync),
    readPacks(stores),
    readBrowsing(stores.local),
  ]);
  pausedSites = browsing.pausedSites;
  loaded = true;
  show();
}

// Changes made elsewhere (the popup pauses a site, another options tab) show here too.
browser.storage.onChanged.addListener((changes, area) => {
  if (busy || pendingWrites > 0) return; // a task reloads when it ends; our own writes show already
  if (
    (area === 'sync' && SETTINGS_KEY in changes) ||
    (area === 'local' && (PACKS_KEY in changes || PAUSED_SITES_KEY in changes))
  )
    void reload();
});

async function main(): Promise<void> {
  show();
  const reset = await resetUnreadable(stores.sync, stores.local).catch(() => []);
  if (reset.length > 0) notice = { tone: 'error', text: t('optionsStoredReset'), details: problemLines(t, reset) };
  await reload();
  document.body.dataset.ready = 'true';
}

void main();
