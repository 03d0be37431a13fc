/**
 * The imported packs' filter, held by the background. A page whose first stage found none of
 * the bundled names sends its text here and gets back the few of the packs' patterns it holds:
 * the filter of a large pack is large (0.7 MB for 20,000 disputes), and reading it into every
 * page and running it there cost each page 7–10 ms of its main thread. Here it is read
 * once per background start, and made from the packs' indexes (and stored) when the stored one
 * was made for another pack list.
 */
import { type TextFilter, textPatternsIn } from '../core/gram-filter';
import { Held } from '../core/held';
import { PACK_FILTER_KEYS, packFilterIn } from '../core/pack-filter';
import { PACKS_KEY, readPackIndexes, readPackList } from '../core/pack-layout';
import { PACK_FILTER_KEY, type Prefilter, packListSignature, type StoredPackFilter } from '../core/prefilter';
import { packFilterOf } from '../core/prefilter-compile';
import type { StorageAreaLike } from '../core/settings-store';

interface HeldFilter {
  filter: TextFilter;
  /** The pack list it was made for (prefilter.ts's packListSignature). */
  packs: string;
}

export class PackPatterns {
  private readonly filter = new Held(() => this.read());
  private readonly listed = new Held(async () => readPackList((await this.local.get(PACKS_KEY))[PACKS_KEY]).length > 0);

  constructor(private readonly local: Pick<StorageAreaLike, 'get' | 'set'>) {}

  /** Whether any pack is stored: asked at every page load, so read once until the packs change. */
  exist(): Promise<boolean> {
    return this.listed.get();
  }

  /** The packs' patterns in each text, skipped texts not counted (gram-filter.ts's textPatternsIn). */
  async in(texts: readonly string[]): Promise<Prefilter[]> {
    const { filter } = await this.filter.get();
    return texts.map((text) => textPatternsIn(filter, text));
  }

  /** The pack list the filter held was made for. */
  async madeFor(): Promise<string> {
    return (await this.filter.get()).packs;
  }

  /** Forgets what it holds: the packs, or the stored filter, changed. */
  forget(): void {
    this.filter.forget();
    this.listed.forget();
  }

  /** The filter for the stored packs, made now if it is missing or out of date. */
  private async read(): Promise<HeldFilter> {
    const stored = await this.local.get(PACK_FILTER_KEYS);
    const packs = packListSignature(stored[PACKS_KEY]);
    const filter = packFilterIn(stored);
    if (filter) return { filter, packs };
    const made = packFilterOf(await readPackIndexes(this.local, readPackList(stored[PACKS_KEY])));
    // Kept for the next background start; a failed write costs only making it again then.
    await this.local.set({ [PACK_FILTER_KEY]: { packs, filter: made } satisfies StoredPackFilter }).catch(() => {});
    return { filter: made, packs };
  }
}
