// The buttons of an alert: the row's one next step (确认 when raised, 派单 when acknowledged), and the pane's full
// bar for what the desk may do in the alert's status, each with its shortcut key.

import { t } from '../../shared/i18n.js';
import { isOpen, type Alert } from '../../model/alert-book.js';
import { pendingAlerts } from '../state/desk-state.js';
import { actOn, canAcknowledge, canDispatch, canHold, type AlertAction } from './alert-actions.js';
import { selectAlert } from './selection.js';

function ActionButton({ alert, action, testid, label, shortcut, class: className, disabled }: { alert: Alert; action: AlertAction; testid: string; label: string; shortcut?: string; class?: string; disabled?: boolean }) {
  const act = () => {
    // acting on an alert picks it: the pane stays on it through the re-sort that follows
    selectAlert(alert.id);
    actOn(action, alert);
  };
  return (
    <button type="button" class={className} data-action={action} data-testid={testid} disabled={disabled} onClick={act}>
      {label}
      {shortcut ? <kbd aria-hidden="true">{shortcut}</kbd> : null}
    </button>
  );
}

/** The row's button: the next step only, so the row stays one line. */
export function RowAction({ alert }: { alert: Alert }) {
  const disabled = pendingAlerts.value.has(alert.id);
  if (canAcknowledge(alert)) return <ActionButton alert={alert} disabled={disabled} action="ack" testid="ack-button" label={t('action.ack')} class="ack primary" />;
  if (canDispatch(alert) && alert.status === 'acknowledged') {
    return <ActionButton alert={alert} disabled={disabled} action="dispatch" testid="dispatch-button" label={t('action.dispatch')} class="dispatch primary" />;
  }
  return null;
}

/** Every action the alert's status allows, for the pane: the next step first and marked, the closing ones after. */
export function PaneActions({ alert }: { alert: Alert }) {
  if (!isOpen(alert)) return null;
  const common = { alert, disabled: pendingAlerts.value.has(alert.id) };
  return (
    <div class="pane-actions" role="group" aria-label={t('qpane.actions')} data-testid="pane-actions">
      {canAcknowledge(alert) ? <ActionButton {...common} action="ack" testid="ack-button" label={t('action.ack')} shortcut="A" class="ack primary" /> : null}
      {canDispatch(alert) ? (
        <ActionButton {...common} action="dispatch" testid="dispatch-button" label={t('action.dispatch')} shortcut="D" class={alert.status === 'acknowledged' ? 'dispatch primary' : 'dispatch'} />
      ) : null}
      {canHold(alert) ? <ActionButton {...common} action="hold" testid="hold-button" label={t('action.hold')} shortcut="H" class="hold" /> : null}
      <ActionButton {...common} action="resolve" testid="resolve-button" label={t('action.resolve')} shortcut="R" class="resolve" />
      <ActionButton {...common} action="false-alarm" testid="false-alarm-button" label={t('action.falseAlarm')} shortcut="F" class="false-alarm" />
    </div>
  );
}
