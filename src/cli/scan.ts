/**
 * npm run scan -- [--json] PATH…
 *
 * The extension's matcher over saved HTML pages, without a browser: for each file (a folder is
 * searched for *.html and *.htm), the disputes the page names, whether it is about each, and
 * every mention with a few words around it. Unreadable or non-HTML input is reported and the
 * rest still scanned; the exit status is 1 when any input could not be scanned.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { loadDataset } from '../../build/dataset';
import { readPageDate } from '../content/page-date';
import type { CompiledIndex } from '../core/compile';
import { createMatcher, type Matcher } from '../core/matcher';
import type { DisputeFinding } from '../core/messages';
import { judgeRelevance } from '../core/relevance';
import { DEFAULT_SETTINGS } from '../core/settings';
import { visibleDisputes } from '../core/visibility';
import { type Mention, scanDocument } from './scan-page';

export interface ScannedMention {
  text: string;
  /** "claim" when it is a cue of one of the dispute's claims, as the marks' two styles. */
  kind: 'dispute' | 'claim';
  context: string;
}

export interface ScannedDispute {
  id: string;
  title: string;
  /** "about": the page is about it, and the extension marks it by default; "on-record": only named. */
  relevance: DisputeFinding['relevance'];
  score: number;
  /** What on the page put it there, strongest first (relevance.ts). */
  evidence: DisputeFinding['evidence'];
  /** How often each of its patterns is on the page, as the extension reports it. */
  counts: DisputeFinding['mentions'];
  mentions: ScannedMention[];
}

export interface PageScan {
  /** The date the page states for itself (YYYY-MM-DD), which the relevance rule weighs. */
  pageDate: string | null;
  disputes: ScannedDispute[];
}

export type FileReport = ({ file: string; ok: true } & PageScan) | { file: string; ok: false; error: string };

const HTML_FILE = /\.x?html?$/i;
/** Markup a saved page starts with, after a UTF-8 BOM (read as Latin-1), whitespace and comments. */
const HTML_START =
  /^(?:\xEF\xBB\xBF)?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|link|base|style|script)\b/i;

/** True when the bytes read as an HTML page rather than some other file. */
export function looksLikeHtml(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false; // binary, or UTF-16, which saved pages are not
  return HTML_START.test(head.toString('latin1'));
}

/** The files to scan: a file as given, a folder's HTML files (recursively, sorted). */
export function expandPaths(paths: string[], base = process.cwd()): { file: string; error?: string }[] {
  const out: { file: string; error?: string }[] = [];
  for (const path of paths) {
    const full = resolve(base, path);
    let isFolder: boolean;
    try {
      isFolder = statSync(full).isDirectory();
    } catch (error) {
      out.push({ file: path, error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` });
      continue;
    }
    if (!isFolder) {
      out.push({ file: path });
      continue;
    }
    const found = readdirSync(full, { recursive: true, encoding: 'utf8' })
      .filter((name) => HTML_FILE.test(name))
      .sort();
    if (found.length === 0) out.push({ file: path, error: 'is a folder with no .html or .htm files' });
    for (const name of found) out.push({ file: join(path, name) });
  }
  return out;
}

export class PageScanner {
  private readonly matcher: Matcher;

  constructor(private readonly index: CompiledIndex) {
    this.matcher = createMatcher(index.patterns);
  }

  scanFile(file: string, base = process.cwd()): FileReport {
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolve(base, file));
    } catch (error) {
      return { file, ok: false, error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` };
    }
    if (!looksLikeHtml(bytes)) return { file, ok: false, error: 'is not an HTML page' };
    return { file, ok: true, ...this.scanHtml(bytes) };
  }

  /** A page's bytes (decoded by the charset it declares) or text. */
  scanHtml(html: Buffer | string): PageScan {
    // No scripts, no subresources, and the page's CSS parse errors are not ours to print.
    const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
    try {
      const document = dom.window.document;
      const pageDate = readPageDate(document);
      return { pageDate, disputes: this.describe(scanDocument(document, this.matcher, this.index), pageDate) };
    } finally {
      dom.window.close();
    }
  }

  /** The content script's judgement with the default settings: the relevance rule over the counts. */
  private describe(mentions: Mention[], pageDate: string | null): ScannedDispute[] {
    const counts = new Map<number, number>();
    for (const m of mentions) counts.set(m.pattern, (counts.get(m.pattern) ?? 0) + 1);
    const findings = judgeRelevance({
      index: this.index,
      counts,
      pageDate,
      visible: visibleDisputes(this.index, DEFAULT_SETTINGS),
      dismissed: new Set(),
    });
    const at = new Map(this.index.disputes.map((d, i) => [d.id, i]));
    return findings.map((finding) => {
      const d = at.get(finding.id) as number;
      const own: ScannedMention[] = [];
      for (const m of mentions) {
        const target = this.index.targets[m.pattern];
        if (!target) continue;
        // An alias of its entities, a cue of one of its claims, or one of its signals.
        const claim = target.claims.some(([cd]) => cd === d);
        if (!claim && !target.disputes.includes(d) && !target.signals.some(([sd]) => sd === d)) continue;
        own.push({ text: m.text, kind: claim ? 'claim' : 'dispute', context: `${m.before}[${m.text}]${m.after}` });
      }
      return {
        id: finding.id,
        title: this.index.disputes[d]?.title ?? finding.id,
        relevance: finding.relevance,
        score: finding.score,
        evidence: finding.evidence,
        counts: finding.mentions,
        mentions: own,
      };
    });
  }
}

/** Mentions shown per dispute in the text output; --json has them all. */
const SHOWN_MENTIONS = 5;
const RELEVANCE_LABEL: Record<string, string> = { about: 'about this page, marked', 'on-record': 'on record' };

export function formatReport(report: FileReport): string[] {
  if (!report.ok) return [`${report.file}: ${report.error}`];
  if (report.disputes.length === 0) return [`${report.file}: no disputes`];
  const about = report.disputes.filter((d) => d.relevance === 'about').length;
  const dated = report.pageDate ? `, dated ${report.pageDate}` : '';
  const lines = [`${report.file}: about ${about} dispute(s), ${report.disputes.length - about} on record${dated}`];
  for (const dispute of report.disputes) {
    const label = RELEVANCE_LABEL[dispute.relevance] ?? dispute.relevance;
    lines.push(`  ${dispute.id} (${label}, ${dispute.mentions.length} mention(s)): ${dispute.title}`);
    const why = dispute.evidence.filter((e) => e.role !== 'entity');
    if (why.length > 0)
      lines.push(`    evidence (score ${dispute.score}): ${why.map((e) => `${e.text} (${e.role})`).join(', ')}`);
    for (const m of dispute.mentions.slice(0, SHOWN_MENTIONS))
      lines.push(`    ${m.kind === 'claim' ? '~' : '-'} ${m.context}`);
    if (dispute.mentions.length > SHOWN_MENTIONS)
      lines.push(`    … and ${dispute.mentions.length - SHOWN_MENTIONS} more`);
  }
  return lines;
}

export function main(args: string[], out = console.log, err = console.error): number {
  const json = args.includes('--json');
  const paths = args.filter((a) => a !== '--json');
  if (paths.length === 0 || args.includes('--help')) {
    (paths.length === 0 ? err : out)('usage: npm run scan -- [--json] FILE|FOLDER…  (saved HTML pages)');
    return paths.length === 0 && !args.includes('--help') ? 2 : 0;
  }
  // npm runs scripts in the package's folder; paths on the command line are the caller's.
  const base = process.env.INIT_CWD ?? process.cwd();
  const scanner = new PageScanner(loadDataset().index);
  const reports: FileReport[] = expandPaths(paths, base).map(({ file, error }) =>
    error ? { file, ok: false, error } : scanner.scanFile(file, base),
  );
  const failed = reports.filter((r) => !r.ok).length;
  if (json) out(JSON.stringify(reports, null, 2));
  else {
    for (const report of reports) for (const line of formatReport(report)) (report.ok ? out : err)(line);
    const withDisputes = reports.filter((r) => r.ok && r.disputes.length > 0).length;
    out(`${reports.length} file(s): ${withDisputes} with disputes, ${failed} could not be scanned`);
  }
  return failed > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Piped into `head`: stop quietly when the reader has seen enough.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = main(process.argv.slice(2));
}
