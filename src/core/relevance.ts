/**
 * The relevance rule: which disputes a page is about, and which it only names.
 *
 * A dispute is considered only when an alias of one of its entities is on the page ("Xiaomi");
 * its signals and its claims' cues never bring it in alone. Each distinct signal or cue on the
 * page then counts once, however often it appears — a signal named in several forms ("NSA",
 * "National Security Agency") too, listed under the form the page uses most with the counts
 * summed: the claimant's names, another party's and a
 * named flaw weigh STRONG_WEIGHT (2); a product the dispute concerns, a term specific to it and a
 * claim's cue weigh WEAK_WEIGHT (1) — a launch names the product, a report on the vendor may use
 * the term. A text that is also an alias of the dispute's own entities ("Mi Mover", an entity
 * and a cue) weighs nothing: a review of the product names it without being about the dispute.
 * It is still listed as what it is to the dispute, for the why-marked line.
 *
 * The page is **about** the dispute when the score reaches ABOUT_SCORE (3) from at least
 * ABOUT_SIGNALS (2) distinct signals — one word, however strong, is not enough — and the page is
 * not dated before the period of the dispute's earliest statement begins (a page of 2017-07-30 is
 * before "2017-08"; one of 2017-08-05 is not). Otherwise the dispute is **on record** for a
 * vendor the page names.
 *
 * Findings list the disputes the page is about first, then those on record, each by score
 * (highest first), then by how often the page names them; disputes the reader dismissed on this
 * page come last, flagged, for the popup to undo (they are never marked or counted). Pure: no
 * DOM, no browser API.
 */
import type { CompiledIndex } from './compile';
import type { DisputeFinding, Evidence, EvidenceRole } from './messages';
import type { SignalKind } from './schema';
import type { MarkWhich } from './settings';

export const STRONG_WEIGHT = 2;
export const WEAK_WEIGHT = 1;
export const ABOUT_SCORE = 3;
export const ABOUT_SIGNALS = 2;

export const SIGNAL_WEIGHTS: Readonly<Record<SignalKind, number>> = {
  claimant: STRONG_WEIGHT,
  party: STRONG_WEIGHT,
  flaw: STRONG_WEIGHT,
  product: WEAK_WEIGHT,
  term: WEAK_WEIGHT,
};
export const CUE_WEIGHT = WEAK_WEIGHT;

export interface RelevanceInput {
  index: CompiledIndex;
  /** How many times each pattern (by index into `index.patterns`) is on the page. */
  counts: ReadonlyMap<number, number>;
  /** The page's own publication date (YYYY-MM-DD), or null. */
  pageDate: string | null;
  /** Disputes (by index) that may be shown at all (visibility.ts). */
  visible: ReadonlySet<number>;
  /** Ids of disputes the reader dismissed on this page. */
  dismissed: ReadonlySet<string>;
}

/** Whether a page of `pageDate` was published before the period of `start` began. */
export function datedBefore(pageDate: string | null, start: string): boolean {
  // A full date sorts before a partial one exactly when it lies before the partial one's
  // period: "2017-07-30" < "2017-08" < "2017-08-05".
  return pageDate !== null && start !== '' && pageDate < start;
}

type Weighed = Evidence & { weight: number };

interface Tally {
  entity: boolean;
  /**
   * One entry per piece of evidence: its weight, role and count. A signal's entry is keyed by
   * the signal, so that its forms add up in one; any other entry by its pattern.
   */
  evidence: Map<string, Weighed & { forms: Map<string, number> }>;
  entities: Evidence[];
  mentions: Record<string, number>;
  total: number;
}

const ROLE_RANK: Record<EvidenceRole, number> = {
  claimant: 0,
  party: 1,
  flaw: 2,
  claim: 3,
  product: 4,
  term: 5,
  entity: 6,
};

/** The form of a signal the page names most often (the first seen, on a tie). */
function mostSeen(forms: ReadonlyMap<string, number>): string {
  let best = '';
  let most = -1;
  for (const [text, count] of forms) {
    if (count > most) {
      best = text;
      most = count;
    }
  }
  return best;
}

export function judgeRelevance({ index, counts, pageDate, visible, dismissed }: RelevanceInput): DisputeFinding[] {
  const tallies = new Map<number, Tally>();
  const tally = (d: number): Tally => {
    let t = tallies.get(d);
    if (!t) {
      t = { entity: false, evidence: new Map(), entities: [], mentions: {}, total: 0 };
      tallies.set(d, t);
    }
    return t;
  };

  for (const [pattern, count] of counts) {
    const target = index.targets[pattern];
    const text = index.patterns[pattern]?.text;
    if (!target || text === undefined || count <= 0) continue;
    const touched = new Set<number>();
    for (const d of target.disputes) {
      if (!visible.has(d)) continue;
      const t = tally(d);
      t.entity = true;
      t.entities.push({ text, role: 'entity', count });
      touched.add(d);
    }
    // The strongest reading of this text for each dispute: a signal or a claim's cue.
    const best = new Map<number, Weighed & { key: string }>();
    const offer = (d: number, item: Weighed & { key: string }) => {
      if (!visible.has(d)) return;
      const held = best.get(d);
      if (
        !held ||
        item.weight > held.weight ||
        (item.weight === held.weight && ROLE_RANK[item.role] < ROLE_RANK[held.role])
      )
        best.set(d, item);
    };
    const own = `p${pattern}`;
    for (const [d, kind, s] of target.signals) {
      offer(d, { text, role: kind, count, weight: SIGNAL_WEIGHTS[kind], key: s === undefined ? own : `s${s}` });
    }
    for (const [d, c] of target.claims) {
      const claim = index.disputes[d]?.claims[c]?.id;
      offer(d, { text, role: 'claim', count, weight: CUE_WEIGHT, key: own, ...(claim ? { claim } : {}) });
    }
    for (const [d, { key, ...item }] of best) {
      const t = tally(d);
      if (target.disputes.includes(d)) {
        // An own alias: listed for what it is to the dispute instead of as a plain entity,
        // unweighted, and never merged with the signal's other forms (they are evidence).
        t.entities = t.entities.filter((e) => e.text !== text);
        t.evidence.set(own, { ...item, weight: 0, forms: new Map([[text, count]]) });
      } else {
        const held = t.evidence.get(key);
        if (!held) t.evidence.set(key, { ...item, forms: new Map([[text, count]]) });
        else {
          held.count += count;
          held.forms.set(text, (held.forms.get(text) ?? 0) + count);
        }
      }
      touched.add(d);
    }
    for (const d of touched) {
      const t = tally(d);
      t.mentions[text] = (t.mentions[text] ?? 0) + count;
      t.total += count;
    }
  }

  const findings: (DisputeFinding & { total: number; at: number })[] = [];
  for (const [d, t] of tallies) {
    const dispute = index.disputes[d];
    if (!t.entity || !dispute) continue; // signals and cues alone never bring a dispute in
    const evidence: Weighed[] = [...t.evidence.values()].map(({ forms, ...e }) => ({ ...e, text: mostSeen(forms) }));
    const score = evidence.reduce((sum, e) => sum + e.weight, 0);
    const signals = evidence.filter((e) => e.weight > 0).length;
    const about = score >= ABOUT_SCORE && signals >= ABOUT_SIGNALS && !datedBefore(pageDate, dispute.start);
    evidence.sort((a, b) => b.weight - a.weight || ROLE_RANK[a.role] - ROLE_RANK[b.role] || b.count - a.count);
    t.entities.sort((a, b) => b.count - a.count);
    findings.push({
      id: dispute.id,
      relevance: about ? 'about' : 'on-record',
      score,
      evidence: [...evidence.map(({ weight: _, ...e }) => e), ...t.entities],
      mentions: t.mentions,
      dismissed: dismissed.has(dispute.id),
      total: t.total,
      at: d,
    });
  }
  const group = (f: DisputeFinding) => (f.dismissed ? 2 : f.relevance === 'about' ? 0 : 1);
  findings.sort((a, b) => group(a) - group(b) || b.score - a.score || b.total - a.total || a.at - b.at);
  return findings.map(({ total: _, at: __, ...f }) => f);
}

/**
 * Whether a dispute the page names is marked under the reader's density: with "about" (the
 * default) only the ones the page is about, else every named one; never a dismissed one.
 */
export const isMarked = (finding: DisputeFinding, markWhich: MarkWhich): boolean =>
  !finding.dismissed && (markWhich !== 'about' || finding.relevance === 'about');

/** Ids of the disputes a page is about and the reader has not dismissed: what is marked by default and counted loudly. */
export const aboutIds = (findings: readonly DisputeFinding[]): string[] =>
  findings.filter((f) => f.relevance === 'about' && !f.dismissed).map((f) => f.id);

/** Ids of the disputes only on record for the page (not dismissed): counted quietly. */
export const onRecordIds = (findings: readonly DisputeFinding[]): string[] =>
  findings.filter((f) => f.relevance === 'on-record' && !f.dismissed).map((f) => f.id);
