/**
 * The imported packs' indexes, held by the background, and the slice of them each page needs
 * (core/pack-slices.ts): a page naming one of a large pack's vendors used to read and parse the
 * whole index on its main thread (a quarter of a second for 20,000 disputes). Read once per
 * background start, when a page first names one of their aliases, and forgotten when the packs
 * change.
 */
import type { CompiledIndex } from '../core/compile';
import { Held } from '../core/held';
import { PACKS_KEY, readPackIndexes, readPackList } from '../core/pack-layout';
import { type AliasOwners, aliasOwners, type PackNames, slicePacks } from '../core/pack-slices';
import { namesAny, packListSignature } from '../core/prefilter';
import type { StorageAreaLike } from '../core/settings-store';
import type { PackPatterns } from './pack-patterns';

interface HeldIndexes {
  /** The pack list they were read for (prefilter.ts's packListSignature). */
  packs: string;
  indexes: CompiledIndex[];
  owners: AliasOwners;
}

export class PackIndexes {
  private readonly held = new Held(() => this.read());

  constructor(
    private readonly local: Pick<StorageAreaLike, 'get'>,
    private readonly patterns: PackPatterns,
  ) {}

  /**
   * The slices of the packs' indexes for a page's text, one per pack it names a vendor of (none
   * when it names none), or null when the packs changed meanwhile and the page's list (`packs`,
   * its signature) is not the stored one: the page then reads the indexes itself.
   */
  async sliceFor(text: string, packs: string): Promise<CompiledIndex[] | null> {
    if (!(await this.heard(packs, () => this.patterns.madeFor()))) return null;
    const named = await this.namedIn(text);
    return named ? this.slicesFor({ packs, named: named.named }) : [];
  }

  /**
   * Which of the packs' aliases a text may name (the filter errs only towards "named"), with the
   * pack list the filter was made for; null when it names none.
   */
  async namedIn(text: string): Promise<PackNames | null> {
    const [named] = await this.patterns.in([text]);
    if (!namesAny(named)) return null;
    return { packs: await this.patterns.madeFor(), named };
  }

  /**
   * The slices of the packs' indexes for names found earlier (`namedIn`): the same slices as
   * then while the packs are the same; null when they changed since.
   */
  async slicesFor({ packs, named }: PackNames): Promise<CompiledIndex[] | null> {
    if (!(await this.heard(packs, async () => (await this.held.get()).packs))) return null;
    const { indexes, owners } = await this.held.get();
    return slicePacks(indexes, owners, named);
  }

  /**
   * Whether what is held was made for the page's pack list; when not, the page heard of a change
   * before this background did, so everything is read again once.
   */
  private async heard(packs: string, madeFor: () => Promise<string>): Promise<boolean> {
    if ((await madeFor()) === packs) return true;
    this.forget();
    this.patterns.forget();
    return (await madeFor()) === packs;
  }

  /** Forgets the indexes held: the packs changed. */
  forget(): void {
    this.held.forget();
  }

  private async read(): Promise<HeldIndexes> {
    const stored = (await this.local.get(PACKS_KEY))[PACKS_KEY];
    const indexes = await readPackIndexes(this.local, readPackList(stored));
    return { packs: packListSignature(stored), indexes, owners: aliasOwners(indexes) };
  }
}
