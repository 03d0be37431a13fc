import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { english } from '../../src/cli/english';
import { shortHash, slug, stanceFromRating } from '../../src/core/claimreview';
import { hostileProblems } from '../../src/core/hostile-values';
import { MAX_FILE_BYTES, parseImport } from '../../src/core/import';
import { jsonSyntaxProblem } from '../../src/core/json-syntax';
import { MAX_DISPUTES_PER_PACK, MAX_PACK_BYTES, PACKS_KEY } from '../../src/core/pack-layout';
import { importFile, readPacks } from '../../src/core/pack-store';
import type { Dataset } from '../../src/core/schema';
import { SETTINGS_KEY } from '../../src/core/settings';
import { problemLines } from '../../src/ui/problem-text';
import { generatedPack } from '../support/generated-pack';
import { FakeStorage, fakeStores } from './support/fake-storage';

const now = new Date('2026-11-25T12:00:00Z');
const fixtures = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
const read = (path: string) => readFileSync(`${fixtures}${path}`, 'utf8');
const { dataset: bundled } = loadDataset();
const goodPack = JSON.parse(read('good/pack.json')) as Dataset;

const lines = (text: string): string[] => {
  const result = parseImport(text, { now });
  return result.ok ? [] : problemLines(english, result.problems);
};

/** Storage as a reader has it: settings, and one imported pack. */
async function populatedStores() {
  const stores = fakeStores();
  const result = await importFile(read('good/pack.json'), stores, { bundled, now });
  expect(result.ok).toBe(true);
  const sync = new FakeStorage({
    [SETTINGS_KEY]: {
      version: 2,
      disabledSources: ['escan'],
      disabledPacks: [],
      markStyle: 'tint',
      markWhich: 'first',
      pausedSites: ['example.com'],
    },
  });
  return { ...stores, sync };
}

describe('bad import files', () => {
  const dir = `${fixtures}bad/`;
  const expected = JSON.parse(read('bad/expected.json')) as Record<string, string[]>;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'expected.json')
    .sort();

  it('has an expectation for every file and a file for every expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it.each(files)('%s is refused with its message, and storage is untouched', async (file) => {
    const stores = await populatedStores();
    const { local, sync, datasets } = stores;
    const writes = () => local.writes + sync.writes + datasets.writes;
    const before = { local: local.snapshot(), sync: sync.snapshot(), datasets: datasets.snapshot(), writes: writes() };
    const result = await importFile(readFileSync(`${dir}${file}`, 'utf8'), stores, { bundled, now });
    expect(result.ok ? [] : problemLines(english, result.problems)).toEqual(expected[file]);
    expect(local.snapshot()).toEqual(before.local);
    expect(sync.snapshot()).toEqual(before.sync);
    expect(datasets.snapshot()).toEqual(before.datasets);
    expect(writes()).toBe(before.writes);
    // Hostile keys never reach Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe('size limits', () => {
  it('refuses a file over the limit, saying how large it is', () => {
    const text = `{"id": "big", "padding": "${'x'.repeat(MAX_FILE_BYTES)}"}`;
    expect(lines(text)).toEqual(['(file): the file is 64.1 MB; the limit is 64 MB']);
  });

  it('counts bytes, not characters', () => {
    // 22.4 million three-byte characters: 67.2 MB of UTF-8 in a 22.4-million-character string.
    const text = `"${'€'.repeat(22_400_000)}"`;
    expect(lines(text)).toEqual(['(file): the file is 64.1 MB; the limit is 64 MB']);
  });

  it('refuses a pack over the per-pack limit', () => {
    // 20,000 valid disputes with long summaries and claims, until the pack passes 32 MB.
    const pack = generatedPack(20_000);
    for (const dispute of pack.disputes) {
      dispute.summary = `${dispute.summary} ${'A long but valid account of the dispute. '.repeat(16)}`.slice(0, 700);
      for (const claim of dispute.claims) claim.text = `${claim.text} ${'More detail. '.repeat(30)}`.trim();
    }
    const text = JSON.stringify(pack);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_PACK_BYTES);
    expect(lines(text)).toEqual([expect.stringMatching(/^\(root\): the pack is \d+\.\d MB; the limit is 32 MB$/)]);
  });

  it(`imports a pack of 20,000 disputes and 40,000 aliases, at most ${MAX_DISPUTES_PER_PACK.toLocaleString('en')}`, async () => {
    const pack = generatedPack(20_000);
    const stores = fakeStores();
    const result = await importFile(JSON.stringify(pack), stores, { bundled, now });
    expect(result).toMatchObject({ ok: true, kind: 'pack', pack: { id: pack.id, disputes: 20_000 } });
    await expect(readPacks(stores)).resolves.toEqual([expect.objectContaining({ dataset: pack })]);
    expect(pack.entities.flatMap((e) => e.aliases)).toHaveLength(40_000);
    expect(MAX_DISPUTES_PER_PACK).toBeGreaterThanOrEqual(20_000);
  });
});

describe('valid files', () => {
  it('imports a pack in the extension format', async () => {
    const stores = fakeStores();
    const result = await importFile(read('good/pack.json'), stores, { bundled, now });
    expect(result).toMatchObject({ ok: true, kind: 'pack', pack: { id: 'globex-watch', disputes: 1, origin: 'pack' } });
    const stored = await stores.local.get(null);
    expect(Object.keys(stored).sort()).toEqual([PACKS_KEY, 'pack-index:globex-watch'].sort());
    // The dataset is kept beside storage.local, under the time it was imported.
    const key = `globex-watch@${(stored[PACKS_KEY] as { importedAt: string }[])[0]?.importedAt}`;
    expect(Object.keys(stores.datasets.snapshot())).toEqual([key]);
    expect(JSON.parse(stores.datasets.snapshot()[key] ?? '')).toEqual(JSON.parse(read('good/pack.json')));
  });

  it('accepts a byte order mark and http: vocabulary links in JSON-LD keywords', () => {
    const review = JSON.parse(read('claimreview/single.json'));
    review['@context'] = 'http://schema.org';
    const result = parseImport(`\ufeff${JSON.stringify(review)}`, { now });
    expect(result.ok).toBe(true);
  });

  it('does not mistake ordinary text for markup or links', () => {
    const pack = structuredClone(goodPack);
    (pack.disputes[0] as Dataset['disputes'][number]).summary =
      'Acme said 2 < 3 and 4<5 hold, <3; Note: see the data: 5 files.';
    expect(lines(JSON.stringify(pack))).toEqual([]);
  });
});

interface DisputeSummary {
  title: string;
  status: string;
  entities: string[];
  claim: { by: string; kind: string; date: string; text: string; citations: string[] };
  response: { by: string; date: string; stance: string; text: string; citation: string };
}

function summarise(dataset: Dataset): DisputeSummary[] {
  const source = (id: string) => dataset.sources.find((s) => s.id === id);
  return dataset.disputes.map((d) => {
    const claim = d.claims[0] as Dataset['disputes'][number]['claims'][number];
    const response = claim.responses[0] as (typeof claim.responses)[number];
    return {
      title: d.title,
      status: d.status,
      entities: d.entities.flatMap((id) => dataset.entities.find((e) => e.id === id)?.aliases.map((a) => a.text) ?? []),
      claim: {
        by: source(claim.source)?.name ?? '?',
        kind: source(claim.source)?.kind ?? '?',
        date: claim.date,
        text: claim.text,
        citations: claim.citations.map((c) => c.url),
      },
      response: {
        by: source(response.source)?.name ?? '?',
        date: response.date,
        stance: response.stance,
        text: response.text,
        citation: response.citations[0]?.url ?? '?',
      },
    };
  });
}

describe('ClaimReview', () => {
  const expected = JSON.parse(read('claimreview/expected.json')) as Record<string, DisputeSummary[]>;
  const shapes = ['single.json', 'array.json', 'itemlist.json', 'graph.json'];

  it('has an expectation for each shape', () => {
    expect(Object.keys(expected).sort()).toEqual([...shapes].sort());
  });

  it.each(shapes)('%s maps each ClaimReview to a dispute', async (file) => {
    const result = parseImport(read(`claimreview/${file}`), { now });
    if (!result.ok) throw new Error(problemLines(english, result.problems).join('\n'));
    expect(result.kind).toBe('pack');
    if (result.kind !== 'pack') return;
    expect(result.origin).toBe('claimreview');
    if (process.env.UPDATE_FIXTURES) {
      expected[file] = summarise(result.dataset);
      writeFileSync(`${fixtures}claimreview/expected.json`, `${JSON.stringify(expected, null, 2)}\n`);
    }
    expect(summarise(result.dataset)).toEqual(expected[file]);
    // And the pack installs next to the bundled data.
    expect((await importFile(read(`claimreview/${file}`), fakeStores(), { bundled, now })).ok).toBe(true);
  });

  it('gives the same ids for the same file, and names the pack after the fact-checker', () => {
    const a = parseImport(read('claimreview/single.json'), { now });
    const b = parseImport(read('claimreview/single.json'), { now });
    expect(a.ok && a.kind === 'pack' && a.dataset).toEqual(b.ok && b.kind === 'pack' && b.dataset);
    expect(a.ok && a.kind === 'pack' && a.dataset).toMatchObject({
      id: expect.stringMatching(/^claimreview-example-checks-[0-9a-f]{6}$/),
      name: 'Example Checks (ClaimReview)',
      version: '2024.3.5',
    });
  });

  it('records the stakes the structure states and the claimant as a signal', () => {
    const result = parseImport(read('claimreview/single.json'), { now });
    if (!result.ok || result.kind !== 'pack') throw new Error('single.json did not import');
    const { dataset } = result;
    const name = (id: string) => dataset.sources.find((s) => s.id === id)?.name;
    const dispute = dataset.disputes[0];
    expect(dispute?.stakes?.map((s) => [name(s.source), s.stake])).toEqual([
      ['Globex Phones', 'claimant'],
      ['Example Checks', 'publication'],
    ]);
    expect(dispute?.signals).toEqual([{ text: 'Globex Phones', caseSensitive: false, kind: 'claimant' }]);
  });

  it('resolves @id references inside an @graph', () => {
    const result = parseImport(read('claimreview/graph.json'), { now });
    expect(result.ok && result.kind === 'pack' && result.dataset.sources.map((s) => s.name)).toEqual([
      'Example Checks',
      'Globex Phones',
    ]);
  });

  it('two packs from different files with the same fact-checker install side by side', async () => {
    const stores = fakeStores();
    for (const file of ['single.json', 'array.json', 'itemlist.json', 'graph.json']) {
      const result = await importFile(read(`claimreview/${file}`), stores, { bundled, now });
      expect(result.ok, file).toBe(true);
    }
    expect(((await stores.local.get(PACKS_KEY))[PACKS_KEY] as unknown[]).length).toBe(4);
  });

  it('names the review in the file when another pack already has it', async () => {
    const stores = fakeStores();
    const { local } = stores;
    expect((await importFile(read('claimreview/single.json'), stores, { bundled, now })).ok).toBe(true);
    const both = [JSON.parse(read('claimreview/array.json'))[0], JSON.parse(read('claimreview/single.json'))];
    const before = local.snapshot();
    const result = await importFile(JSON.stringify(both), stores, { bundled, now });
    expect(result.ok ? [] : problemLines(english, result.problems)).toEqual([
      expect.stringMatching(
        /^\[1\]\.url: "globex-phones-the-globex-g5-phone-runs-for-a-full-[0-9a-f]{6}" is already the id of a dispute in "Example Checks \(ClaimReview\)" \(claimreview-example-checks-[0-9a-f]{6}\); a dispute id may be used by one pack only$/,
      ),
    ]);
    expect(local.snapshot()).toEqual(before);
  });

  it.each([
    ['False', 'rebuttal'],
    ['Mostly false', 'rebuttal'],
    ['Pants on Fire!', 'rebuttal'],
    ['Misleading', 'rebuttal'],
    ['Partly false', 'partial-confirmation'],
    ['Half true', 'partial-confirmation'],
    ['Mixture', 'partial-confirmation'],
    ['Mostly true', 'partial-confirmation'],
    ['True', 'confirmation'],
    ['Correct', 'confirmation'],
    ['Needs context', 'context'],
    ['Unproven', 'context'],
  ])('rating %s → %s', (words, stance) => {
    expect(stanceFromRating(words)).toBe(stance);
  });

  it('falls back to the rating value on its scale', () => {
    expect(stanceFromRating(undefined, 1, 5, 1)).toBe('rebuttal');
    expect(stanceFromRating(undefined, 3, 5, 1)).toBe('partial-confirmation');
    expect(stanceFromRating(undefined, 5, 5, 1)).toBe('confirmation');
    expect(stanceFromRating(undefined)).toBe('context');
  });

  it('makes ids from names', () => {
    expect(slug('Globex Phones’ G5 — Ünïcode')).toBe('globex-phones-g5-unicode');
    expect(slug('小米')).toBe('item');
    expect(slug('a very long name that goes on and on beyond the limit', 20)).toBe('a-very-long-name');
    expect(shortHash('https://example-checks.example/')).toMatch(/^[0-9a-f]{6}$/);
    expect(shortHash('a')).not.toBe(shortHash('b'));
  });
});

describe('JSON errors', () => {
  it.each([
    ['{"a": 1', 'is cut off: the JSON ends early at character 7, with 1 unclosed bracket'],
    ['{"a": "text', 'is cut off: the JSON ends early at character 11, inside a string'],
    ['[1, 2, [3', 'is cut off: the JSON ends early at character 9, with 2 unclosed brackets'],
    ['{"a": tru', 'is cut off: the JSON ends early at character 9, with 1 unclosed bracket'],
    ['{"a": 1.', 'is cut off: the JSON ends early at character 8, with 1 unclosed bracket'],
    ['{"a": 1}}', 'is not JSON: unexpected "}" at line 1, column 9 (character 9)'],
    ["{'a': 1}", 'is not JSON: unexpected "\'a\'" at line 1, column 2 (character 2)'],
    ['{"a":\n  01}', 'is not JSON: unexpected "1" at line 2, column 4 (character 10)'],
    ['{"a": "x\ty"}', 'is not JSON: unexpected control character U+0009 at line 1, column 9 (character 9)'],
    ['{"a": "\\x"}', 'is not JSON: unexpected "x" at line 1, column 9 (character 9)'],
    ['[1 2]', 'is not JSON: unexpected "2" at line 1, column 4 (character 4)'],
    ['{"a" 1}', 'is not JSON: unexpected "1" at line 1, column 6 (character 6)'],
    ['nul!', 'is not JSON: unexpected "nul!" at line 1, column 1 (character 1)'],
    ['{"a": 1, // note\n}', 'is not JSON: unexpected "// note" at line 1, column 10 (character 10)'],
    ['[1, 2,]', 'is not JSON: unexpected "]" at line 1, column 7 (character 7)'],
    ['', 'is cut off: the JSON ends early at character 0, before any value'],
  ])('%j: %s', (text, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(problemLines(english, [jsonSyntaxProblem(text)])).toEqual([`(file): ${message}`]);
  });

  it('says a file nested deeper than the scanner can follow is not JSON, without throwing', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(99_999)}`;
    expect(problemLines(english, [jsonSyntaxProblem(deep)])).toEqual(['(file): is not JSON']);
  });
});

describe('hostile content walk', () => {
  const limits = { maxDepth: 32, maxProblems: 10 };

  it('reports keys and strings with their paths, without changing anything', () => {
    const value = JSON.parse(
      '{"a": [{"__proto__": {"x": 1}}], "@graph": [{"name": "ok", "url": "ftp://files.example/x"}], "b": "\\u202e"}',
    );
    const copy = structuredClone(value);
    expect(problemLines(english, hostileProblems(value, limits))).toEqual([
      'a[0].__proto__: the key "__proto__" is not allowed: a data file has no use for it, and it can alter how objects behave',
      '@graph[0].url: "ftp://files.example/x" is an ftp: link; only https: links are allowed',
      'b: contains an invisible text-direction control (U+202E), which can disguise what the text says',
    ]);
    expect(value).toEqual(copy);
  });

  it.each([
    ['a <div', '"<div"'],
    ['closing </p> only', '"</p>"'],
    ['<!-- a comment -->', '"<!--"'],
    ['<svg/onload=alert(1)>', '"<svg/onload=alert(1…"'],
  ])('refuses markup in %j', (text, shown) => {
    expect(problemLines(english, hostileProblems({ text }, limits))).toEqual([
      `text: contains HTML (${shown}); text is always shown as plain text, so markup is refused`,
    ]);
  });

  it.each(['2 < 3', '<3', 'a<5', '« quoted »', 'x -> y'])('accepts %j', (text) => {
    expect(hostileProblems({ text }, limits)).toEqual([]);
  });
});
