/**
 * The index a surveyed page is judged with (surveys.ts), as its full stage builds it
 * (content/page-session.ts): the bundled index, merged with the slices of the imported packs'
 * indexes for the packs' vendors the page's text names (pack-index.ts). So a page that names
 * only a pack's vendor is surveyed like one naming a bundled vendor, and loads its full stage
 * only when it has marks to show.
 */
import type { CompiledIndex } from '../core/compile';
import { createMatcher, type Matcher } from '../core/matcher';
import { mergeIndexes } from '../core/merge-indexes';
import type { PackNames } from '../core/pack-slices';
import type { PackIndexes } from './pack-index';

export interface PageIndex {
  index: CompiledIndex;
  matcher: Matcher;
  /** The packs' names it was sliced for; none when it is the bundled index alone. */
  packs?: PackNames;
}

/** The parts of the background's packs this needs. */
export interface HeldPacks {
  exist(): Promise<boolean>;
  indexes: Pick<PackIndexes, 'namedIn' | 'slicesFor'>;
}

export class PageIndexes {
  private bundled: PageIndex | null = null;

  constructor(
    private readonly bundledIndex: CompiledIndex,
    private readonly packs: HeldPacks,
  ) {}

  /** The bundled index alone, with its matcher, made once. */
  get bundledOnly(): PageIndex {
    this.bundled ??= { index: this.bundledIndex, matcher: createMatcher(this.bundledIndex.patterns) };
    return this.bundled;
  }

  /**
   * The index for a page with these texts; null when the packs changed while it was being
   * sliced (the page's full stage then finds out for itself).
   */
  async for(texts: readonly string[]): Promise<PageIndex | null> {
    if (!(await this.packs.exist())) return this.bundledOnly;
    // Every name in one of the texts is in them joined; one the join makes up across two adds a
    // dispute that no alias on the page names, which the relevance rule leaves out.
    const named = await this.packs.indexes.namedIn(texts.join('\n'));
    return named ? this.of(named) : this.bundledOnly;
  }

  /** The index for names found earlier; null when the packs are not those they were found in. */
  async of(named: PackNames): Promise<PageIndex | null> {
    const slices = await this.packs.indexes.slicesFor(named);
    if (slices === null) return null;
    if (slices.length === 0) return this.bundledOnly;
    const index = mergeIndexes([this.bundledIndex, ...slices]);
    return { index, matcher: createMatcher(index.patterns), packs: named };
  }
}
