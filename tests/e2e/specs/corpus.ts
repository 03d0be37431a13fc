/**
 * Over every real page in the folder `npm run test:corpus` is given (third-party pages nobody here wrote):
 * the page is not changed (its DOM, parsed from the same bytes, is identical after the content
 * script ran; page scripts are off, so any change would be ours), the content script finishes
 * and reports on every page, a bare "mi"/"MI" is never found, and every vendor name found is one
 * the corpus manifest lists in the page's visible text. Pages load offline.
 *
 * Issue 17: none of these pages is about one of the disputes, so with default settings (marks
 * for disputes the page is about) at most a handful may show inline marks; the run prints each
 * such page with its marks and the disputes judged about, with their evidence. What the matcher
 * finds is checked on the findings (the mentions behind every dispute named, about or on record):
 * a page the corpus README names as a real mention of a vendor lists that vendor's disputes, on
 * record, as the popup does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TabState } from '../../../src/core/messages';
import { pageFindings, tabIdOf } from '../support/extension';
import type { Launch } from '../support/harness';
import { markedTexts } from '../support/marks';
import { CORPUS, ROOT } from '../support/paths';
import { useSession } from '../support/session';

interface CorpusPage {
  file: string;
  language: string;
  mentions: string[];
}

function corpusPages(): CorpusPage[] {
  const manifest = join(CORPUS, 'MANIFEST.tsv');
  if (!existsSync(manifest)) throw new Error(`The shared corpus is missing: ${manifest}`);
  const [header = '', ...rows] = readFileSync(manifest, 'utf8').trim().split('\n');
  const columns = header.split('\t');
  const at = (name: string) => columns.indexOf(name);
  return rows.map((row) => {
    const cells = row.split('\t');
    return {
      file: cells[at('file')] ?? '',
      language: cells[at('language')] ?? '',
      mentions: (cells[at('mentions')] ?? '').split(',').filter(Boolean),
    };
  });
}

/** Vendor names the manifest checks for, as they appear in the bundled aliases. */
const VENDOR_WORDS = ['Xiaomi', 'Redmi', 'MIUI', 'Huawei', 'Samsung'];

/**
 * Languages written without spaces. The manifest's word boundaries treat kana and han as word
 * characters, so it misses "SamsungのGalaxy"; ours do not (design: boundaries in any script).
 */
const UNSPACED = new Set(['ja', 'zh', 'th']);

/**
 * Pages the corpus README names as real mentions of Xiaomi or Redmi in visible text. Not Tom's
 * Hardware: its only "Xiaomi" is in a "most popular" list hidden by CSS, which is not marked.
 */
const TRUE_POSITIVES: Record<string, string> = {
  'trafilatura__knowtechie.com.rally.html': 'Xiaomi',
  'trafilatura__unocero.com.marcas.html': 'Xiaomi',
  'newspaper__fool.com1.html': 'Xiaomi',
  'postlight-parser__buzzap.jp.html': 'Xiaomi',
  'newspaper4k__wired_main_site.html': 'Xiaomi',
  'trafilatura__gizmeo.eu.insekten.html': 'Redmi',
};

/** Pages of the corpus with inline marks at default settings, at most: a handful, as few real pages are about a dispute. */
const MAX_MARKED_PAGES = 5;

/** The bundled disputes that name an entity with `alias` among its aliases: the vendor's on record. */
function disputesOfAlias(alias: string): string[] {
  const data = join(ROOT, 'src', 'data');
  const entities: { id: string; aliases: { text: string }[] }[] = JSON.parse(
    readFileSync(join(data, 'entities.json'), 'utf8'),
  );
  const owners = new Set(entities.filter((e) => e.aliases.some((a) => a.text === alias)).map((e) => e.id));
  return readdirSync(join(data, 'disputes'))
    .map((name) => JSON.parse(readFileSync(join(data, 'disputes', name), 'utf8')) as { id: string; entities: string[] })
    .filter((d) => d.entities.some((e) => owners.has(e)))
    .map((d) => d.id)
    .sort();
}

/** The texts found on the page, as the findings name them (pattern texts), with marks or not. */
const foundTexts = (state: TabState): string[] => [...new Set(state.disputes.flatMap((d) => Object.keys(d.mentions)))];

export function corpusSpecs(launch: Launch): void {
  const summary: string[] = [];
  let checked = 0;
  const env = useSession(launch, { pageScripts: false });

  afterAll(() => {
    console.log(
      `[${env.harness?.name}] ${summary.length} of ${checked} corpus pages show inline marks with default settings${summary.length > 0 ? `:\n${summary.join('\n')}` : ''}`,
    );
  });

  describe('every page of the shared corpus', () => {
    const pages = corpusPages();
    for (const { file, language, mentions } of pages) {
      it(file, { timeout: 90_000 }, async () => {
        const page = await env.harness.openPage(env.server.url(`/corpus/${encodeURIComponent(file)}`));
        try {
          // The content script reported, or its first stage ruled the page out (nothing stored).
          const tabId = await tabIdOf(env.harness, page, 45_000);
          const state = await pageFindings(env.harness, tabId, page.url);
          const marks = await markedTexts(page);
          const found = foundTexts(state);

          for (const text of [...found, ...marks.map((m) => m.text)]) expect(text.toLowerCase()).not.toBe('mi');
          const listed = new Set(mentions.map((m) => m.toLowerCase()));
          for (const text of UNSPACED.has(language) ? [] : [...found, ...marks.map((m) => m.text)]) {
            const word = VENDOR_WORDS.find((w) => w.toLowerCase() === text.toLowerCase());
            if (word) expect(listed, `${text} found but not in the page's visible text`).toContain(word.toLowerCase());
          }
          const expectedWord = TRUE_POSITIVES[file];
          if (expectedWord) {
            // What the popup lists for the tab: every dispute of the vendor the page names, on
            // record (none of these pages is about one), each with the name among its mentions.
            const named = state.disputes.filter((d) => !d.dismissed && (d.mentions[expectedWord] ?? 0) > 0);
            expect(named.map((d) => d.id).sort()).toEqual(disputesOfAlias(expectedWord));
            for (const d of named) expect(d.relevance, d.id).toBe('on-record');
          }
          // Marks stand only for disputes the page is about (the default setting).
          const about = state.disputes.filter((d) => d.relevance === 'about' && !d.dismissed);
          if (about.length === 0) expect(marks).toEqual([]);

          // Unchanged: the live DOM serialises exactly like the same bytes parsed afresh.
          // The same bytes, decoded by the browser with the page's own charset and parsed afresh;
          // synchronous, since page scripts (and so an async fetch in the page) are off.
          const bytes = readFileSync(join(CORPUS, file)).toString('base64');
          const diff = await page.evaluate((base64: string) => {
            const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
            const source = new TextDecoder(document.characterSet).decode(raw);
            const fresh = new DOMParser().parseFromString(source, 'text/html').documentElement.outerHTML;
            const live = document.documentElement.outerHTML;
            if (fresh === live) return null;
            let i = 0;
            while (i < fresh.length && fresh[i] === live[i]) i++;
            return { at: i, fresh: fresh.slice(i - 40, i + 80), live: live.slice(i - 40, i + 80) };
          }, bytes);
          expect(diff).toBeNull();
          checked++;
          if (marks.length > 0) {
            const why = about
              .map(
                (d) =>
                  `${d.id} (score ${d.score}: ${d.evidence.map((e) => `${e.text} ${e.role} ×${e.count}`).join(', ')})`,
              )
              .join('; ');
            summary.push(
              `  ${file}: ${[...new Set(marks.map((m) => m.text))].join(', ')} (${marks.length}) — about ${why}`,
            );
          }
        } finally {
          await page.close();
        }
      });
    }

    it('at most a handful of pages show inline marks with default settings', () => {
      expect(checked, 'every page was checked').toBe(pages.length);
      expect(summary.length, summary.join('\n')).toBeLessThanOrEqual(MAX_MARKED_PAGES);
    });
  });
}
