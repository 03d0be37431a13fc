/**
 * The in-page card: the disputes behind one mention, both sides side by side, in a dialog the
 * reader can close with its button or Esc. Rendered by the content script inside a closed
 * shadow root; like every component here it only renders.
 */
import type { Dispute, Source } from '../core/schema';
import { DisputeView } from './DisputeView';
import type { Translate } from './i18n';

export interface CardProps {
  disputes: Dispute[];
  sources: ReadonlyMap<string, Source>;
  hiddenSources: ReadonlySet<string>;
  /** Claim ids the mention points at ("Mi Mover" → the Mi Mover claim), shown first. */
  focusClaims: readonly string[];
  pinned: boolean;
  t: Translate;
  onClose: () => void;
}

export function Card({ disputes, sources, hiddenSources, focusClaims, pinned, t, onClose }: CardProps) {
  return (
    <div
      class={`card${pinned ? ' card-pinned' : ''}`}
      role="dialog"
      aria-modal="false"
      aria-label={t('cardLabel')}
      tabIndex={-1}
    >
      <div class="card-bar">
        <span class="card-brand">{t('extName')}</span>
        <button type="button" class="card-close" onClick={onClose} aria-label={t('cardClose')}>
          ×
        </button>
      </div>
      <div class="card-body" aria-live="polite">
        {disputes.length === 0 ? (
          <p>{t('popupLoading')}</p>
        ) : (
          disputes.map((dispute) => (
            <DisputeView
              key={dispute.id}
              dispute={dispute}
              sources={sources}
              hiddenSources={hiddenSources}
              focusClaims={focusClaims}
              level={2}
              t={t}
            />
          ))
        )}
      </div>
    </div>
  );
}
