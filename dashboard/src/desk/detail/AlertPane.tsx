// The queue's side pane: the alert picked (queue/selection.ts), or the queue's own choice until one is, with
// everything about it and every action (AlertWork.tsx). Using the pane pins what it shows. A picked alert stays
// while the queue re-sorts and after it closes (shown closed, with its final state) until the operator picks
// another; with nothing to show it says how to pick one.

import { t } from '../../shared/i18n.js';
import { pinPaneAlert } from '../queue/selection.js';
import { ShortcutHint } from '../queue/ShortcutHint.js';
import { AlertWork } from './AlertWork.js';

export function AlertPane({ alertId: id, shownInQueue }: { alertId: string | null; shownInQueue: boolean }) {
  return (
    <aside
      class="alert-pane"
      data-testid="alert-pane"
      data-alert-id={id ?? ''}
      aria-label={t('qpane.label')}
      // the operator is working on what the pane shows: a new alarm must not take it away mid-sentence
      onPointerDown={pinPaneAlert}
      onFocusIn={pinPaneAlert}
    >
      {id === null ? (
        <div class="pane-empty" data-testid="pane-empty">
          <p class="pane-none">{t('qpane.none')}</p>
          <p>{t('qpane.noneHint')}</p>
        </div>
      ) : (
        <>
          {shownInQueue ? null : (
            <p class="pane-not-shown" data-testid="pane-not-shown">
              {t('qpane.notShown')}
            </p>
          )}
          {/* keyed: another alert starts from fresh parts (its own folds, an empty note box) */}
          <AlertWork key={id} alertId={id} />
        </>
      )}
      <ShortcutHint />
    </aside>
  );
}
