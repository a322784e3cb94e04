// The row's buttons for what the desk may do in the alert's status: the main ones large, the rest small.

import { t } from '../../shared/i18n.js';
import type { Alert } from '../../model/alert-book.js';
import { pendingAlerts } from '../state/desk-state.js';
import { actOn, canAcknowledge, canDispatch, canHold, type AlertAction } from './alert-actions.js';

function ActionButton({ alert, action, testid, label, class: className, disabled }: { alert: Alert; action: AlertAction; testid: string; label: string; class?: string; disabled?: boolean }) {
  return (
    <button type="button" class={className} data-action={action} data-testid={testid} disabled={disabled} onClick={() => actOn(action, alert)}>
      {label}
    </button>
  );
}

export function RowActions({ alert }: { alert: Alert }) {
  const pending = pendingAlerts.value.has(alert.id);
  const common = { alert, disabled: pending };
  return (
    <div class="row-actions">
      <div class="actions-main">
        {canAcknowledge(alert) ? <ActionButton {...common} action="ack" testid="ack-button" label={t('action.ack')} class="ack primary" /> : null}
        {canDispatch(alert) ? (
          <ActionButton {...common} action="dispatch" testid="dispatch-button" label={t('action.dispatch')} class={alert.status === 'acknowledged' ? 'dispatch primary' : 'dispatch'} />
        ) : null}
        <ActionButton {...common} action="resolve" testid="resolve-button" label={t('action.resolve')} class="resolve" />
      </div>
      <div class="actions-more">
        {canHold(alert) ? <ActionButton {...common} action="hold" testid="hold-button" label={t('action.hold')} class="small" /> : null}
        <ActionButton {...common} action="false-alarm" testid="false-alarm-button" label={t('action.falseAlarm')} class="small" />
        <ActionButton alert={alert} action="details" testid="details-button" label={t('action.details')} class="small" />
      </div>
    </div>
  );
}
