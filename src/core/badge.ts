/**
 * The toolbar badge and title for a tab's findings: the number of disputes the page is about,
 * loud (orange), and the disputes only on record for vendors it names, apart and quiet: "2+3"
 * when both, "+3" on grey when only on-record ones, nothing when none. Dismissed disputes are
 * not counted. Pure: the background applies it.
 */
import type { DisputeFinding } from './messages';

export const ABOUT_COLOR = '#c2410c';
export const ON_RECORD_COLOR = '#6b7280';

/** Message keys (public/_locales) for the title's parts, one and many. */
export type BadgeTitleKey =
  | 'badgeAboutOne'
  | 'badgeAboutMany'
  | 'badgeOnRecordOne'
  | 'badgeOnRecordMany'
  | 'badgeMoreOnRecordOne'
  | 'badgeMoreOnRecordMany';

export interface BadgeView {
  text: string;
  color: string | null;
  /** The title's parts in order, each a message key with its count; empty for the default title. */
  title: { key: BadgeTitleKey; count: number }[];
}

export function badgeFor(findings: readonly DisputeFinding[] | null): BadgeView {
  let about = 0;
  let onRecord = 0;
  for (const f of findings ?? []) {
    if (f.dismissed) continue;
    if (f.relevance === 'about') about++;
    else onRecord++;
  }
  const title: BadgeView['title'] = [];
  if (about > 0) title.push({ key: about === 1 ? 'badgeAboutOne' : 'badgeAboutMany', count: about });
  if (onRecord > 0) {
    const key =
      about > 0
        ? onRecord === 1
          ? 'badgeMoreOnRecordOne'
          : 'badgeMoreOnRecordMany'
        : onRecord === 1
          ? 'badgeOnRecordOne'
          : 'badgeOnRecordMany';
    title.push({ key, count: onRecord });
  }
  if (about > 0) return { text: onRecord > 0 ? `${about}+${onRecord}` : String(about), color: ABOUT_COLOR, title };
  if (onRecord > 0) return { text: `+${onRecord}`, color: ON_RECORD_COLOR, title };
  return { text: '', color: null, title };
}
