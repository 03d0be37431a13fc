/** The popup's view: the disputes found on the current page, each with both sides. */
import type { Dispute, Source } from '../core/schema';
import { DisputeView } from '../ui/DisputeView';
import type { Translate } from '../ui/i18n';

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | {
      kind: 'page';
      disputes: Dispute[];
      mentions: Record<string, Record<string, number>>;
    };

export interface PopupProps {
  state: PopupState;
  sources: ReadonlyMap<string, Source>;
  hiddenSources: ReadonlySet<string>;
  t: Translate;
}

function Mentions({ counts }: { counts: Record<string, number> | undefined }) {
  if (!counts) return null;
  const list = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return (
    <p class="cc-mentions">
      {list.map(([text, n], i) => (
        <span key={text}>
          {i > 0 && ', '}
          {text} ×{n}
        </span>
      ))}
    </p>
  );
}

export function Popup({ state, sources, hiddenSources, t }: PopupProps) {
  return (
    <>
      <header class="popup-head">
        <h1 class="popup-title">{t('popupTitle')}</h1>
        {state.kind === 'page' && state.disputes.length > 0 && (
          <p class="popup-count">{t('popupOnThisPage', String(state.disputes.length))}</p>
        )}
      </header>
      {state.kind === 'loading' && <p role="status">{t('popupLoading')}</p>}
      {state.kind === 'unavailable' && <p>{t('popupCannotSee')}</p>}
      {state.kind === 'page' && state.disputes.length === 0 && <p>{t('popupNothingHere')}</p>}
      {state.kind === 'page' &&
        state.disputes.map((dispute) => (
          <section class="popup-dispute" key={dispute.id}>
            <Mentions counts={state.mentions[dispute.id]} />
            <DisputeView dispute={dispute} sources={sources} hiddenSources={hiddenSources} t={t} />
          </section>
        ))}
    </>
  );
}
