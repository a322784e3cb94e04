import { OPEN_ALERT_STATUSES } from '../../../../schemas/index.js';
import { deviceActor, type Alert } from '../alert.js';
import type { AlertDecision } from '../decisions.js';

export interface CancelPressedInput {
  deviceId: string;
  cancelWindowMs: number;
}

export interface CancelPressedState {
  /** The elder's open SOS alert, if any. */
  openAlert: Alert | null;
}

/**
 * The elder pressed cancel. Within the cancel window after the press, and only from the button that raised it,
 * the alert becomes `cancelled`: it stays visible and audited so the desk can still call back.
 * Later cancels are ignored: by then the desk may already be acting and must decide itself.
 */
export function cancelPressed(input: CancelPressedInput, state: CancelPressedState, now: number): AlertDecision {
  const open = state.openAlert;
  if (!open || open.deviceId !== input.deviceId || !OPEN_ALERT_STATUSES.includes(open.status)) {
    return { kind: 'ignore', reason: 'no_alert_to_cancel' };
  }
  if (now - open.raisedAt > input.cancelWindowMs) {
    return { kind: 'ignore', reason: 'cancel_window_passed' };
  }
  const alert: Alert = { ...open, status: 'cancelled', cancelledAt: now, lastSeenAt: now };
  return {
    kind: 'update',
    alert,
    previousStatus: open.status,
    entry: { alertId: open.id, at: now, action: 'cancelled', actor: deviceActor(input.deviceId), note: null },
  };
}
