import { deviceActor, type Alert } from '../alert.js';
import { findOpenAlert } from '../alert-factory.js';
import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';

// The elder pressed cancel after an SOS ("pressed it by mistake"). Within the cancel window, and only from the
// device that raised it, the alert becomes `cancelled`: it stays visible and audited, so the desk can still call
// back. A later cancel is ignored: by then the desk may already be acting and must decide itself. Another device's
// cancel is ignored too: a neighbour's button, or a watch, must not withdraw the elder's call for help.

export function cancelPressed(event: { type: 'cancel' }, state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const open = findOpenAlert(state, 'sos');
  if (!open || open.deviceId !== device.id) return [ignore('no_alert_to_cancel')];
  // The edge itself still counts: the elder was told "two minutes to cancel".
  if (now - open.raisedAt > state.settings.cancelWindowMs) return [ignore('cancel_window_passed')];
  // Built here, not by the factory: cancelling is the elder's own transition, not a condition that ended.
  const alert: Alert = { ...open, status: 'cancelled', cancelledAt: now, lastSeenAt: now };
  return [
    {
      kind: 'update',
      alert,
      previousStatus: open.status,
      entry: { alertId: open.id, at: now, action: 'cancelled', actor: deviceActor(device.id), note: null },
    },
  ];
}
