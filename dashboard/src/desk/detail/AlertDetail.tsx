// The alert detail as a dialog, for the views that have no side pane (the status wall): the same work area as the
// queue's pane (AlertWork.tsx), actions included. A wide native modal <dialog>: Esc or the close button closes it,
// and the desk's shortcuts sleep meanwhile. Drawn in the page's language and switches with it.

import { useModal } from '../../shared/ui/use-modal.js';
import { t } from '../../shared/i18n.js';
import { AlertWork } from './AlertWork.js';

export function AlertDetail({ alertId, onClose }: { alertId: string; onClose: () => void }) {
  const ref = useModal();
  return (
    <dialog ref={ref} class="form-dialog detail-dialog" data-testid="detail-dialog" data-alert-id={alertId} aria-labelledby="detail-heading" onClose={onClose}>
      <div class="dialog-top">
        <h2 id="detail-heading">{t('detail.heading')}</h2>
        <button type="button" data-role="dismiss" data-testid="detail-close" onClick={() => ref.current?.close()}>
          {t('detail.close')}
        </button>
      </div>
      <AlertWork alertId={alertId} />
    </dialog>
  );
}
