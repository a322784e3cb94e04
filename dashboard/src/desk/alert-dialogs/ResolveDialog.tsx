// Resolving an alert: how it ended (required) and an optional note.

import { resolveAlert } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { FormDialog } from '../../shared/ui/FormDialog.js';
import type { Alert } from '../../model/alert-book.js';
import { AlertSubject } from './AlertSubject.js';
import { CodeOptions } from '../../shared/ui/CodeOptions.js';
import { runAlertAction } from './run-alert-action.js';

const RESOLUTION_REASONS = ['handled_on_site', 'hospital_transfer', 'handled_by_phone', 'family_took_over', 'no_action_needed', 'other'] as const;

export function ResolveDialog({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  return (
    <FormDialog
      testid="resolve-dialog"
      prefix="resolve"
      title={t('resolve.heading')}
      subject={<AlertSubject alert={alert} />}
      confirmLabel={t('resolve.confirm')}
      backLabel={t('resolve.cancel')}
      onConfirm={(values) => void runAlertAction(alert.id, (token) => resolveAlert(token, alert.id, values.reason ?? '', values.note))}
      onClose={onClose}
    >
      <label>
        <span>{t('resolve.reason')}</span>
        <select name="reason" required data-testid="resolve-reason">
          <CodeOptions codes={RESOLUTION_REASONS} labelOf={(code) => t(`reason.${code}`)} placeholder />
        </select>
      </label>
      <label>
        <span>{t('resolve.note')}</span>
        <textarea name="note" rows={3} maxLength={2000} data-testid="resolve-note" />
      </label>
    </FormDialog>
  );
}
