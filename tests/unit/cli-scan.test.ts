import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { main, type PageScan, PageScanner, type ScannedDispute } from '../../src/cli/scan';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
let scanner: PageScanner;
beforeAll(() => {
  scanner = new PageScanner(loadDataset().index);
});

const scan = (relative: string): PageScan => {
  const report = scanner.scanFile(join(fixtures, relative));
  if (!report.ok) throw new Error(report.error);
  return report;
};

function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = main(
    args,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { status, out, err };
}

describe('npm run scan', () => {
  it('finds on the founding article the mentions the browsers mark, and judges it about the eScan dispute', () => {
    const expected = JSON.parse(readFileSync(join(fixtures, 'founding-article', 'expected.json'), 'utf8')) as {
      disputes: string[];
      marks: { text: string; kind: string }[];
    };
    const { pageDate, disputes } = scan('founding-article/page.html');
    expect(pageDate).toBeNull();
    expect(disputes.map((d) => d.id).sort()).toEqual([...expected.disputes].sort());
    const founding = disputes[0];
    expect(founding).toMatchObject({ id: 'escan-xiaomi-2017', relevance: 'about' });
    for (const other of disputes.slice(1)) expect(other.relevance).toBe('on-record');
    // Aliases, claims' cues and signals: what the browsers mark, in document order.
    const mentions = founding?.mentions.map(({ text, kind }) => ({ text, kind }));
    expect(mentions).toEqual(expected.marks);
    // A few words either side, the mention in brackets.
    expect(founding?.mentions[0]?.context).toMatch(/\[Xiaomi\] pushes back on antivirus/);
  });

  it('reads the date each page states, and finds each relevance article about its dispute and no ordinary one about any', () => {
    const rows = JSON.parse(readFileSync(join(fixtures, 'relevance', 'expected.json'), 'utf8')) as {
      file: string;
      about: string | null;
      published: string | null;
    }[];
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      const { pageDate, disputes } = scan(join('relevance', row.file));
      expect(pageDate, row.file).toBe(row.published);
      const about = disputes.filter((d) => d.relevance === 'about').map((d) => d.id);
      if (row.about)
        expect(
          disputes.map((d) => d.id),
          row.file,
        ).toContain(row.about);
      else expect(about, row.file).toEqual([]);
    }
  });

  it('finds nothing on a page without a vendor', () => {
    expect(scan('no-vendor/page.html').disputes).toEqual([]);
  });

  it('skips what the browsers skip: head, scripts, text without a box (style, @media, closed details), form fields, editable regions, bare "Mi"', () => {
    const { disputes } = scan('scan/skipped.html');
    const texts = new Set(disputes.flatMap((d) => d.mentions.map((m) => m.context)));
    expect([...texts].sort()).toEqual(
      [
        'Only this [Mi Mover] note names Xiaomi, across an inline tag.',
        'Only this Mi Mover note names [Xiaomi], across an inline tag.',
        'An open panel names [Redmi].',
        'A desktop-only line names [MIUI].',
      ].sort(),
    );
  });

  it('reads a page in the charset it declares', () => {
    const contexts = scan('scan/latin1.html').disputes.flatMap((d) => d.mentions.map((m) => m.context));
    expect(contexts).toContain('Café talk: the [Xiaomi] Redmi — «résumé».');
  });

  it('reads a page saved with a byte order mark', () => {
    const contexts = scan('scan/bom.html').disputes.flatMap((d) => d.mentions.map((m) => m.context));
    expect(contexts).toContain('[Redmi] phones, with a byte order mark first.');
  });

  it('reports non-HTML and missing input, scans the rest, and exits 1', () => {
    const { status, out, err } = run(
      join(fixtures, 'scan', 'not-a-page.html'),
      join(fixtures, 'no-such-page.html'),
      join(fixtures, 'founding-article'),
    );
    expect(status).toBe(1);
    expect(err).toEqual([
      `${join(fixtures, 'scan', 'not-a-page.html')}: is not an HTML page`,
      `${join(fixtures, 'no-such-page.html')}: cannot be read (ENOENT)`,
    ]);
    expect(out[0]).toBe(`${join(fixtures, 'founding-article', 'page.html')}: about 1 dispute(s), 4 on record`);
    expect(out.at(-1)).toBe('3 file(s): 1 with disputes, 2 could not be scanned');
  });

  it('prints JSON for machines with --json, and exits 0 when every file was scanned', () => {
    const { status, out } = run('--json', join(fixtures, 'no-vendor'), join(fixtures, 'scan', 'skipped.html'));
    expect(status).toBe(0);
    const reports = JSON.parse(out.join('\n'));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toEqual({
      file: join(fixtures, 'no-vendor', 'page.html'),
      ok: true,
      pageDate: null,
      disputes: [],
    });
    const founding = reports[1].disputes.find((d: ScannedDispute) => d.id === 'escan-xiaomi-2017');
    expect(founding).toMatchObject({ title: expect.stringMatching(/eScan/), relevance: expect.any(String) });
    expect(founding.mentions[0]).toEqual({
      text: 'Mi Mover',
      kind: 'claim',
      context: 'Only this [Mi Mover] note names Xiaomi, across an inline tag.',
    });
  });
});
