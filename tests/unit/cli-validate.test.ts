import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/validate';

// The clock the fixtures' expectations were written against ("in the future" problems).
const now = new Date('2026-11-25T12:00:00Z');
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const jsonFiles = (dir: string) =>
  readdirSync(join(fixtures, dir))
    .filter((f) => f.endsWith('.json') && f !== 'expected.json')
    .sort();

async function run(...paths: string[]): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const status = await main(paths, (line) => lines.push(line), now);
  return { status, lines };
}

describe('npm run validate', () => {
  describe('refuses every malformed data pack, naming the path of each problem', () => {
    const expected = JSON.parse(readFileSync(join(fixtures, 'malformed', 'expected.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    it.each(jsonFiles('malformed'))('%s', async (file) => {
      const path = join(fixtures, 'malformed', file);
      const { status, lines } = await run(path);
      expect(status).toBe(1);
      // The import's own checks (links, the top-level shape) come first and word some problems
      // their own way; the paths are the same as the build's validator names.
      const pathOf = (problem: string) => problem.slice(0, problem.indexOf(': '));
      const printed = lines.map((line) => pathOf(line.slice(path.length + 2)));
      expect(expected[file]?.length).toBeGreaterThan(0);
      for (const problem of expected[file] ?? []) expect(printed).toContain(pathOf(problem));
    });
  });

  describe('refuses every bad import file the options page refuses', () => {
    it.each(jsonFiles('imports/bad'))('%s', async (file) => {
      const { status, lines } = await run(join(fixtures, 'imports', 'bad', file));
      expect(status).toBe(1);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/\.json: \S.*: \S/);
    });
  });

  it('passes a good pack, each ClaimReview shape and the bundled dataset folder', async () => {
    const paths = [
      join(fixtures, 'imports', 'good', 'pack.json'),
      ...jsonFiles('imports/claimreview').map((f) => join(fixtures, 'imports', 'claimreview', f)),
      join(fixtures, '..', '..', 'src', 'data'),
    ];
    const { status, lines } = await run(...paths);
    expect(lines.at(-1)).toBe(`${paths.length} of ${paths.length} passed`);
    expect(status).toBe(0);
    expect(lines[0]).toMatch(/pack\.json: ok: pack "Globex watch" \(globex-watch\) 1\.0\.0, 1 dispute/);
  });

  it('reports an unreadable file and still checks the others', async () => {
    const good = join(fixtures, 'imports', 'good', 'pack.json');
    const { status, lines } = await run(join(fixtures, 'no-such-file.json'), good);
    expect(status).toBe(1);
    expect(lines).toEqual([
      `${join(fixtures, 'no-such-file.json')}: (file): cannot be read (ENOENT)`,
      expect.stringMatching(/pack\.json: ok:/),
      '1 of 2 passed',
    ]);
  });

  it('without arguments prints its usage and fails', async () => {
    const { status, lines } = await run();
    expect(status).toBe(2);
    expect(lines[0]).toMatch(/^usage: npm run validate/);
  });
});
