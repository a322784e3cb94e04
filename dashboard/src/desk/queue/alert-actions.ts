// What a row button, a pane button or a shortcut asks for, on one alert: acknowledging runs at once, details show it
// in the queue's side pane, the rest open their dialog. Test alerts are never dispatched; only raised or acknowledged
// alerts can be put on hold.

import { acknowledgeAlert } from '../../shared/api.js';
import { openAlertDialog } from '../alert-dialogs/alert-dialog-state.js';
import { runAlertAction } from '../alert-dialogs/run-alert-action.js';
import { isOpen, type Alert } from '../../model/alert-book.js';
import { showAlert } from './selection.js';

export type AlertAction = 'ack' | 'dispatch' | 'resolve' | 'hold' | 'false-alarm' | 'details';

export const canAcknowledge = (alert: Alert) => alert.status === 'raised';
export const canDispatch = (alert: Alert) => !alert.test && (alert.status === 'raised' || alert.status === 'acknowledged');
export const canHold = (alert: Alert) => alert.status === 'raised' || alert.status === 'acknowledged';

export function actOn(action: AlertAction, alert: Alert): void {
  switch (action) {
    case 'ack':
      if (canAcknowledge(alert)) void runAlertAction(alert.id, (token) => acknowledgeAlert(token, alert.id));
      return;
    case 'dispatch':
      if (canDispatch(alert)) openAlertDialog('dispatch', alert);
      return;
    case 'hold':
      if (canHold(alert)) openAlertDialog('hold', alert);
      return;
    case 'details':
      showAlert(alert);
      return;
    case 'resolve':
    case 'false-alarm':
      if (isOpen(alert)) openAlertDialog(action, alert);
  }
}
