// Putting an alert on hold: a reason (required, with two common ones offered) and for how long. The gateway brings
// it back raised when the time is up.

import { holdAlert } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { FormDialog } from '../../shared/ui/FormDialog.js';
import type { Alert } from '../../model/alert-book.js';
import { AlertSubject } from './AlertSubject.js';
import { CodeOptions } from '../../shared/ui/CodeOptions.js';
import { runAlertAction } from './run-alert-action.js';

const HOLD_MINUTES = ['5', '10', '15', '30', '60', '120'] as const;
const HOLD_DEFAULT = '15';

export function HoldDialog({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  return (
    <FormDialog
      testid="hold-dialog"
      prefix="hold"
      title={t('hold.heading')}
      subject={<AlertSubject alert={alert} />}
      confirmLabel={t('hold.confirm')}
      backLabel={t('resolve.cancel')}
      onConfirm={(values) => void runAlertAction(alert.id, (token) => holdAlert(token, alert.id, values.reason ?? '', Number(values.minutes)))}
      onClose={onClose}
    >
      <label>
        <span>{t('hold.reason')}</span>
        <input name="reason" required maxLength={500} list="hold-reasons" autocomplete="off" data-testid="hold-reason" />
      </label>
      <datalist id="hold-reasons">
        <option value={t('hold.suggest1')} />
        <option value={t('hold.suggest2')} />
      </datalist>
      <label>
        <span>{t('hold.minutes')}</span>
        <select name="minutes" required data-testid="hold-minutes">
          <CodeOptions codes={HOLD_MINUTES} labelOf={(n) => t('hold.minutesOption', { n })} selected={HOLD_DEFAULT} />
        </select>
      </label>
      <p class="dialog-hint">{t('hold.after')}</p>
    </FormDialog>
  );
}
