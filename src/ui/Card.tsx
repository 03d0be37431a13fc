/**
 * The in-page card: the disputes behind one mention, both sides side by side, in a dialog the
 * reader can close with its button or Esc. Rendered by the content script inside a closed
 * shadow root; like every component here it only renders.
 */
import type { DisputeFinding } from '../core/messages';
import type { Dispute, Source } from '../core/schema';
import { DisputeView } from './DisputeView';
import type { Translate } from './i18n';

export interface CardProps {
  disputes: Dispute[];
  sources: ReadonlyMap<string, Source>;
  hiddenSources: ReadonlySet<string>;
  /** Claim ids the mention points at ("Mi Mover" → the Mi Mover claim), shown first. */
  focusClaims: readonly string[];
  /** The page's findings for these disputes (the why-marked line); a dispute without one has none. */
  findings?: readonly DisputeFinding[];
  /** The page's own date (YYYY-MM-DD), or null: each statement then says before or after it. */
  pageDate?: string | null;
  /**
   * "Doesn't apply here" for one dispute: the content script remembers it for this page. The
   * card closes after calling it. Without it the control is not shown.
   */
  onDismiss?: (disputeId: string) => void;
  pinned: boolean;
  t: Translate;
  onClose: () => void;
}

export function Card({
  disputes,
  sources,
  hiddenSources,
  focusClaims,
  findings = [],
  pageDate = null,
  onDismiss,
  pinned,
  t,
  onClose,
}: CardProps) {
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
            <div class="card-dispute" key={dispute.id}>
              <DisputeView
                dispute={dispute}
                sources={sources}
                hiddenSources={hiddenSources}
                focusClaims={focusClaims}
                finding={findings.find((f) => f.id === dispute.id)}
                pageDate={pageDate}
                level={2}
                t={t}
                actions={
                  onDismiss && (
                    <p class="card-actions">
                      <button
                        type="button"
                        class="card-dismiss"
                        aria-label={t('cardDismissLabel', dispute.title)}
                        onClick={() => {
                          onDismiss(dispute.id);
                          onClose();
                        }}
                      >
                        {t('cardDismiss')}
                      </button>
                    </p>
                  )
                }
              />
            </div>
          ))
        )}
      </div>
    </div>
  );
}
