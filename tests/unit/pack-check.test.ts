import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Prefilter, patternsIn } from '../../src/core/prefilter';
import { compilePrefilter } from '../../src/core/prefilter-compile';

// The content script's own API shim reads the browser's global when loaded.
const sent: unknown[] = [];
let answer: (message: { texts: string[] }) => Promise<unknown> = async () => [];
vi.stubGlobal('chrome', {
  runtime: {
    sendMessage: (message: { texts: string[] }) => {
      sent.push(message);
      return answer(message);
    },
  },
});
const { packsCheck, SEND_GAP_MS } = await import('../../src/content/pack-check');

const packs: Prefilter = compilePrefilter([
  { text: 'Quinbox', caseSensitive: false },
  { text: 'Tarvex Labs', caseSensitive: true },
]);
const background = async ({ texts }: { texts: string[] }) => texts.map((text) => patternsIn(packs, text));

afterEach(() => {
  sent.length = 0;
  vi.useRealTimers();
});

describe("the page's check of the packs' patterns", () => {
  it('asks the background once for the checks of one task, and weighs its answer against the skipped texts', async () => {
    answer = background;
    const script = 'var vendors = ["Quinbox"];';
    const [plain, named, onlyInScript, both] = await Promise.all([
      packsCheck('An ordinary page.'),
      packsCheck('Tarvex Labs denied it.'),
      packsCheck(`An ordinary page.${script}`, () => [script]),
      packsCheck(`Quinbox answered.${script}`, () => [script]),
    ]);
    expect([plain, named, onlyInScript, both]).toEqual([false, true, false, true]);
    expect(sent).toEqual([
      {
        type: 'pack-patterns',
        texts: [
          'An ordinary page.',
          'Tarvex Labs denied it.',
          `An ordinary page.${script}`,
          `Quinbox answered.${script}`,
        ],
      },
    ]);
    expect(await packsCheck('tarvex labs, in lower case')).toBe(false);
    expect(sent).toHaveLength(2);
  });

  it('says "maybe" when the background cannot answer, or answers with something else', async () => {
    for (const broken of [
      () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
      async () => undefined,
      async () => [{ words: ['x'], exact: [0], patterns: [[3]], always: false }],
      async () => [],
    ]) {
      answer = broken;
      expect(await packsCheck('An ordinary page.')).toBe(true);
    }
  });

  it('sends at most one message every SEND_GAP_MS while the page keeps changing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    answer = background;
    // The faked clock starts at 0: an hour on, the earlier tests' messages (real clock) are long past.
    vi.advanceTimersByTime(3_600_000);
    await packsCheck('First text.');
    expect(sent).toHaveLength(1);
    // Asked again at once, twice: both wait for the gap, then go in one message.
    const both = Promise.all([packsCheck('Second.'), packsCheck('Quinbox, third.')]);
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(SEND_GAP_MS);
    expect(await both).toEqual([false, true]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ type: 'pack-patterns', texts: ['Second.', 'Quinbox, third.'] });
  });
});
