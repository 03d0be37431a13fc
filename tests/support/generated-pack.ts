/**
 * A data pack of any size, generated from a seed, that validates like a hand-written one: one
 * vendor per dispute, named with made-up words (no real company) and two aliases each (its name
 * and its name with a product line), 200 security firms making the claims, each claim answered.
 * A tenth of the vendors start with an ordinary English word ("Smart Zorvex"), so that a page's
 * own words meet the packs' patterns as real brands do. Used by the end-to-end import spec and
 * by the bench's 20,000-dispute rows.
 */
import type { Dataset } from '../../src/core/schema';
import { seededRandom } from './random';

/** What the made-up names are made of. */
export const SYLLABLES = ['zor', 'vex', 'quin', 'tar', 'bri', 'mox', 'lun', 'dra', 'kel', 'vor', 'tix', 'neb'].concat([
  'ost',
  'rav',
  'sil',
  'pha',
  'gon',
  'dex',
  'myr',
  'cal',
  'ith',
  'ro',
  'fen',
  'ga',
  'zu',
  'pol',
  'wen',
  'hy',
]);
const ORDINARY = ['Smart', 'Global', 'Open', 'Bright', 'Secure', 'Digital', 'North', 'Blue', 'First', 'Prime'];
const FIRMS = 200;

const cap = (word: string) => (word[0] as string).toUpperCase() + word.slice(1);

/** The vendor names of a generated pack, in dispute order: what a page about one of them names. */
export function generatedVendors(disputes: number, seed = 20_000): string[] {
  const random = seededRandom(seed);
  const word = (parts: number) => {
    let text = '';
    for (let i = 0; i < parts; i++) text += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return cap(text);
  };
  const names: string[] = [];
  const taken = new Set<string>();
  while (names.length < disputes) {
    const base = word(3);
    const name = random() < 0.1 ? `${ORDINARY[Math.floor(random() * ORDINARY.length)]} ${base}` : base;
    if (taken.has(base.toLowerCase())) continue;
    taken.add(base.toLowerCase());
    names.push(name);
  }
  return names;
}

export function generatedPack(disputes: number, seed = 20_000): Dataset {
  const vendors = generatedVendors(disputes, seed);
  const lines = ['Cloud', 'Phone', 'Router', 'Browser', 'Camera', 'Tablet', 'Watch', 'Player'];
  const sources: Dataset['sources'] = [];
  for (let i = 0; i < FIRMS; i++) {
    sources.push({
      id: `firm-${i}`,
      name: `Firm ${i} Research`,
      kind: 'security-firm',
      url: `https://firm-${i}.example/`,
    });
  }
  const entities: Dataset['entities'] = [];
  const list: Dataset['disputes'] = [];
  vendors.forEach((name, i) => {
    const id = `vendor-${i}`;
    const date = `${2010 + (i % 15)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const firm = sources[i % FIRMS] as Dataset['sources'][number];
    sources.push({ id, name: `${name} Inc.`, kind: 'vendor', url: `https://${id}.example/` });
    entities.push({
      id,
      name,
      source: id,
      aliases: [
        { text: name, caseSensitive: false },
        { text: `${name} ${lines[i % lines.length]}`, caseSensitive: false },
      ],
    });
    list.push({
      id: `dispute-${i}`,
      title: `${firm.name} on ${name} sending usage data`,
      summary: `${firm.name} said ${name} products send usage data without consent; ${name} denied it.`,
      status: 'disputed',
      entities: [id],
      claims: [
        {
          id: 'usage-data',
          source: firm.id,
          date,
          text: `${name} products send usage data to the vendor's servers without asking.`,
          citations: [
            { url: `https://news.example/${i}`, publisher: 'News Example', title: `Report on ${name}`, date },
          ],
          responses: [
            {
              source: id,
              date,
              text: `${name} said it collects no usage data without consent.`,
              stance: 'rebuttal',
              citations: [
                { url: `https://${id}.example/statement`, publisher: `${name} Inc.`, title: `Statement by ${name}` },
              ],
            },
          ],
        },
      ],
    });
  });
  return {
    id: `generated-${disputes}`,
    name: `Generated pack of ${disputes}`,
    version: '1.0.0',
    sources,
    entities,
    disputes: list,
  };
}
