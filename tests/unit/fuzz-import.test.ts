/**
 * A seeded fuzzer over the import path: valid packs, ClaimReview files and backups, mutated
 * (truncated, wrong types, deep nesting, huge strings, duplicated entries, hostile text), each
 * given to importFile against storage as a reader has it. Every case must end in one of two
 * ways: accepted, and what was stored reads back valid; or refused with messages, and storage
 * untouched. Nothing may throw. The seed is fixed, so a failure names a case that reproduces.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../build/dataset';
import { english } from '../../src/cli/english';
import { buildExport } from '../../src/core/export';
import { PACKS_KEY, readPackList } from '../../src/core/pack-layout';
import { packsFromItems } from '../../src/core/pack-plan';
import { importFile, readPacks, readStored, restoreBackup } from '../../src/core/pack-store';
import { parseSettings, SETTINGS_KEY } from '../../src/core/settings';
import { validateDataset } from '../../src/core/validate';
import { problemLines } from '../../src/ui/problem-text';
import { seededRandom as random } from '../support/random';
import { FakeDatasets, FakeStorage, fakeStores } from './support/fake-storage';

const now = new Date('2026-11-25T12:00:00Z');
const fixtures = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
const read = (path: string) => readFileSync(`${fixtures}${path}`, 'utf8');
const { dataset: bundled } = loadDataset();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'http://plain.example/',
  'data:text/html,<b>x</b>',
  'a\u0000b',
  'a\u202eb',
  '\u200f\u2066hidden\u2069',
  '{{constructor.constructor("x")()}}',
  '',
  ' ',
  '\ud800',
  '__proto__',
  '😀'.repeat(50),
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'extra', '', 'id'];

/** Every path to a value in the tree, the root included (as []). */
function paths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...at, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function getAt(root: Json, path: (string | number)[]): Json {
  let node: Json = root;
  for (const step of path) node = (node as Record<string | number, Json>)[step] as Json;
  return node;
}

/** One structural mutation at a random place; returns the new root. */
function mutateTree(rand: Rand, root: Json): Json {
  const all = paths(root);
  const path = pick(rand, all);
  const value = getAt(root, path);
  const replace = (next: Json): Json => {
    if (path.length === 0) return next;
    const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json>;
    parent[path[path.length - 1] as string | number] = next;
    return root;
  };
  const kind = Math.floor(rand() * 10);
  switch (kind) {
    case 0: // wrong type
      return replace(pick(rand, [null, true, 0, -1, 1.5, 1e308, '', 'x', [], {}, [null], { a: 1 }] as Json[]));
    case 1: {
      // a key removed
      if (path.length === 0) return root;
      const parent = getAt(root, path.slice(0, -1));
      if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
      else delete (parent as Record<string, Json>)[path[path.length - 1] as string];
      return root;
    }
    case 2: {
      // deep nesting
      let deep: Json = value;
      const depth = 20 + Math.floor(rand() * 60);
      for (let i = 0; i < depth; i++) deep = rand() < 0.5 ? [deep] : { x: deep };
      return replace(deep);
    }
    case 3: // a huge string: now and then past the per-pack limit, mostly within it
      return replace('A'.repeat(rand() < 0.05 ? 2_500_000 : 1 + Math.floor(rand() * 20_000)));
    case 4: {
      // a duplicated entry (duplicate ids when it is a list of records)
      const lists = all.filter((p) => Array.isArray(getAt(root, p)) && (getAt(root, p) as Json[]).length > 0);
      if (lists.length === 0) return root;
      const list = getAt(root, pick(rand, lists)) as Json[];
      list.push(structuredClone(pick(rand, list)));
      return root;
    }
    case 5: // hostile text in a string
      return typeof value === 'string'
        ? replace(rand() < 0.5 ? pick(rand, HOSTILE_TEXT) : `${value}${pick(rand, HOSTILE_TEXT)}`)
        : replace(pick(rand, HOSTILE_TEXT));
    case 6: {
      // a hostile or unknown key added to an object
      const objects = all.filter((p) => {
        const v = getAt(root, p);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      if (objects.length === 0) return root;
      const target = getAt(root, pick(rand, objects)) as Record<string, Json>;
      Object.defineProperty(target, pick(rand, HOSTILE_KEYS), {
        value: pick(rand, [{ polluted: true }, 'x', 1, null] as Json[]),
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return root;
    }
    case 7: // a number out of range or a date-shaped string that is no date
      return replace(pick(rand, [-0, 2 ** 53, Number.MAX_VALUE, '2017-02-30', '9999-99-99', '1970-01-01'] as Json[]));
    case 8: {
      // a list made very long
      if (!Array.isArray(value) || value.length === 0) return replace([]);
      const copies = rand() < 0.05 ? 1001 : 1 + Math.floor(rand() * 50);
      return replace(Array.from({ length: copies }, () => structuredClone(value[0] as Json)));
    }
    default: // an id changed to another's (collisions with bundled or sibling ids)
      return typeof value === 'string'
        ? replace(pick(rand, ['escan', 'xiaomi', 'counterclaim', 'escan-xiaomi-2017', 'globex-watch', 'Bad Id']))
        : root;
  }
}

/** One mutation of the file's text, or of its tree. */
function mutate(rand: Rand, text: string): string {
  const roll = rand();
  if (roll < 0.12) return text.slice(0, Math.floor(rand() * text.length)); // truncated
  if (roll < 0.18) {
    // a character replaced
    const at = Math.floor(rand() * text.length);
    return `${text.slice(0, at)}${pick(rand, ['"', '{', ']', ',', '\\', '\u0000', 'é', '\ud83d'])}${text.slice(at + 1)}`;
  }
  let root = JSON.parse(text) as Json;
  const steps = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < steps; i++) root = mutateTree(rand, root);
  return JSON.stringify(root);
}

/** Storage as a reader has it: one imported pack, settings, paused sites. */
async function readerStores() {
  const stores = fakeStores(
    new FakeStorage(),
    new FakeStorage({ [SETTINGS_KEY]: { ...parseSettings(undefined), disabledSources: ['escan'] } }),
  );
  const installed = await importFile(read('claimreview/graph.json'), stores, { bundled, now });
  if (!installed.ok) throw new Error('the seed pack does not import');
  return stores;
}

const restore = (snapshot: Record<string, string>) =>
  new FakeStorage(Object.fromEntries(Object.entries(snapshot).map(([k, v]) => [k, JSON.parse(v)])));

describe('fuzzed import files', async () => {
  const stores = await readerStores();
  const backup = buildExport(
    parseSettings((await stores.sync.get(SETTINGS_KEY))[SETTINGS_KEY]),
    await readPacks(stores),
    { pausedSites: ['example.com'], dismissals: {} },
    now,
  );
  const seeds: Record<string, string> = {
    pack: read('good/pack.json'),
    'claimreview single': read('claimreview/single.json'),
    'claimreview graph': read('claimreview/graph.json'),
    'claimreview itemlist': read('claimreview/itemlist.json'),
    backup,
  };
  const CASES_PER_SEED = 500;

  it.each(Object.keys(seeds))(
    '%s: every mutation is accepted and valid, or refused with a message',
    async (name) => {
      const before = {
        local: stores.local.snapshot(),
        sync: stores.sync.snapshot(),
        datasets: stores.datasets.snapshot(),
      };
      const rand = random(0xc0ffee ^ name.length);
      const tally = { accepted: 0, refused: 0 };
      for (let n = 0; n < CASES_PER_SEED; n++) {
        const text = mutate(rand, seeds[name] as string);
        const local = restore(before.local);
        const sync = restore(before.sync);
        const datasets = new FakeDatasets(before.datasets);
        const label = `${name} case ${n}: ${text.slice(0, 200)}`;
        let outcome: Awaited<ReturnType<typeof importFile>>;
        try {
          outcome = await importFile(text, { local, datasets }, { bundled, now });
        } catch (error) {
          throw new Error(`${label}\nthrew ${String(error)}`);
        }
        if (!outcome.ok) {
          tally.refused++;
          expect(outcome.problems.length, label).toBeGreaterThan(0);
          for (const line of problemLines(english, outcome.problems)) {
            expect(line, label).toMatch(/\S: \S/);
          }
          expect(local.snapshot(), label).toEqual(before.local);
          expect(local.writes + datasets.writes, label).toBe(0);
          continue;
        }
        tally.accepted++;
        if (outcome.kind === 'pack') {
          // What was stored reads back as a valid pack, beside the one installed before.
          const items = await readStored({ local, datasets });
          const packs = packsFromItems(items);
          expect(readPackList(items[PACKS_KEY]).length, label).toBe(packs.length);
          const stored = packs.find((p) => p.meta.id === outcome.pack.id);
          expect(stored, label).toBeDefined();
          expect(validateDataset(stored?.dataset, { now }).ok, label).toBe(true);
        } else {
          // A backup is written only on confirmation: nothing yet, then a restore that holds.
          expect(local.writes + datasets.writes, label).toBe(0);
          const restored = await restoreBackup(outcome.backup, { local, sync, datasets }, { bundled });
          if (restored.ok) {
            for (const pack of await readPacks({ local, datasets }))
              expect(validateDataset(pack.dataset, { now }).ok, label).toBe(true);
            expect(parseSettings((await sync.get(SETTINGS_KEY))[SETTINGS_KEY]), label).toEqual(outcome.backup.settings);
          } else {
            expect(restored.problems.length, label).toBeGreaterThan(0);
            expect(local.snapshot(), label).toEqual(before.local);
            expect(datasets.snapshot(), label).toEqual(before.datasets);
          }
        }
        expect(Object.keys(Object.prototype), label).toEqual([]);
      }
      // The mutations reach both outcomes, so neither branch is vacuous.
      expect(tally.refused).toBeGreaterThan(CASES_PER_SEED / 4);
      expect(tally.accepted).toBeGreaterThan(0);
      expect(tally.accepted + tally.refused).toBe(CASES_PER_SEED);
    },
    60_000,
  );
});
