import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { expandPaths, type PageScan, PageScanner } from '../../src/cli/scan';

/**
 * News briefs on each dispute in two languages other than English, and ordinary articles in
 * those languages naming the same vendors, run through the same pipeline as `npm run scan`.
 */
const folder = fileURLToPath(new URL('../fixtures/relevance-languages/', import.meta.url));

interface Row {
  file: string;
  about: string | null;
  language: string;
  published: string | null;
}

const rows: Row[] = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8'));
let scanner: PageScanner;
beforeAll(() => {
  scanner = new PageScanner(loadDataset().index);
});

const scan = (file: string): PageScan => {
  const report = scanner.scanFile(join(folder, file));
  if (!report.ok) throw new Error(`${file} ${report.error}`);
  return report;
};

const aboutIds = (page: PageScan) => page.disputes.filter((d) => d.relevance === 'about').map((d) => d.id);

describe('relevance in languages other than English', () => {
  it('lists every page in the folder once, and each dispute twice in two languages', () => {
    const files = expandPaths([folder])
      .map(({ file }) => file.slice(folder.length).replaceAll('\\', '/'))
      .sort();
    expect(rows.map((r) => r.file).sort()).toEqual(files);
    const briefs = rows.filter((r) => r.about);
    const ids = new Set(briefs.map((r) => r.about));
    expect(ids.size).toBe(loadDataset().index.disputes.length);
    for (const id of ids) {
      const languages = briefs.filter((r) => r.about === id).map((r) => r.language);
      expect(new Set(languages).size, id as string).toBe(2);
      expect(languages, id as string).not.toContain('en');
    }
    expect(rows.filter((r) => !r.about).length).toBeGreaterThanOrEqual(8);
  });

  it.each(rows.filter((r) => r.about))('$file is about $about first', ({ file, about }) => {
    const page = scan(file);
    const first = page.disputes[0];
    expect(first?.id, aboutIds(page).join(', ')).toBe(about);
    expect(first?.relevance).toBe('about');
  });

  it.each(rows.filter((r) => !r.about))('$file names vendors but is about no dispute', ({ file }) => {
    const page = scan(file);
    expect(page.disputes.length).toBeGreaterThan(0);
    expect(aboutIds(page)).toEqual([]);
  });

  it.each(rows)('$file is dated $published and declares lang $language', ({ file, published, language }) => {
    expect(scan(file).pageDate).toBe(published);
    expect(readFileSync(join(folder, file), 'utf8')).toContain(`<html lang="${language}">`);
  });
});
