/** The pages the bench measures: the shared corpus (every page) and the generated stress pages. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STRESS_PAGES, stressPage } from './pages';

export interface BenchPage {
  /** Short name for tables. */
  name: string;
  kind: 'corpus' | 'stress';
  /** Path on the bench server. */
  path: string;
  bytes: number;
}

/** "aeb__042bb7b5fedab6…html" → "aeb__042bb7b5"; ".html" dropped. */
const shortName = (file: string) => file.replace(/\.html$/, '').replace(/__([0-9a-f]{12})[0-9a-f]{20,}$/, '__$1');

/**
 * Stress pages first, then the corpus in a fixed shuffled order (by a hash of the name), so
 * that a run cut short by the time budget still samples every source of the corpus.
 */
export function benchPages(corpusDir: string, filter: string[] | null): BenchPage[] {
  const wanted = (name: string) => !filter || filter.some((f) => name.includes(f));
  const pages: BenchPage[] = [];
  for (const name of STRESS_PAGES) {
    if (!wanted(name)) continue; // generating the 5 MB article takes seconds
    pages.push({
      name,
      kind: 'stress',
      path: `/stress/${name}`,
      bytes: Buffer.byteLength(stressPage(name, corpusDir)),
    });
  }
  const corpus: BenchPage[] = [];
  if (existsSync(corpusDir)) {
    for (const file of readdirSync(corpusDir).sort()) {
      if (!file.endsWith('.html')) continue;
      corpus.push({
        name: shortName(file),
        kind: 'corpus',
        path: `/corpus/${encodeURIComponent(file)}`,
        bytes: statSync(join(corpusDir, file)).size,
      });
    }
  }
  const hash = (s: string) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return h >>> 0;
  };
  pages.push(...corpus.filter((p) => wanted(p.name)).sort((a, b) => hash(a.name) - hash(b.name)));
  return pages;
}
