// Marking an alert a false alarm: a note is required, so the record says why nobody went.

import { markFalseAlarm } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { FormDialog } from '../../shared/ui/FormDialog.js';
import type { Alert } from '../../model/alert-book.js';
import { AlertSubject } from './AlertSubject.js';
import { runAlertAction } from './run-alert-action.js';

export function FalseAlarmDialog({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  return (
    <FormDialog
      testid="false-alarm-dialog"
      prefix="false-alarm"
      title={t('falseAlarm.heading')}
      subject={<AlertSubject alert={alert} />}
      confirmLabel={t('falseAlarm.confirm')}
      backLabel={t('resolve.cancel')}
      onConfirm={(values) => void runAlertAction(alert.id, (token) => markFalseAlarm(token, alert.id, values.note ?? ''))}
      onClose={onClose}
    >
      <label>
        <span>{t('falseAlarm.note')}</span>
        <textarea name="note" rows={3} maxLength={2000} required data-testid="false-alarm-note" />
      </label>
    </FormDialog>
  );
}
