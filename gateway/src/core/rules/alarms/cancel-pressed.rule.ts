import { deviceActor, type Alert } from '../../alerts/alert.js';
import { findOpenAlert } from '../../alerts/alert-factory.js';
import { helpUnderWay } from '../../alerts/alert-lifecycle.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';

// The elder pressed cancel after an SOS ("pressed it by mistake"). Within the cancel window, from a device whose press
// is on the alert, and while nobody has been sent, the alert becomes `cancelled`: it stays visible and audited, so
// the desk can still call back. A later cancel is ignored: by then the desk may already be acting and must decide.
// A device that never pressed is ignored too: a neighbour's button, or a watch, must not withdraw the elder's call.
//
// Two cases stay open and only record the cancel (`cancel_requested`, shown to the desk and the responder):
// - help is under way (a responder was dispatched, accepted or is on site): a device never undoes a person's action;
//   the desk and the responder decide whether to call it off.
// - another device pressed too: each device withdraws only its own press, so the alert is cancelled when the last
//   device whose press is on it cancels, and not before.

export function cancelPressed(event: { type: 'cancel' }, state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const open = findOpenAlert(state, 'sos');
  if (!open || !open.raisedBy.includes(device.id)) return [ignore('no_alert_to_cancel')];
  // The edge itself still counts: the elder was told "two minutes to cancel".
  if (now - open.raisedAt > state.settings.cancelWindowMs) return [ignore('cancel_window_passed')];
  const stillPressed = open.raisedBy.filter((id) => id !== device.id);
  const actor = deviceActor(device.id);
  if (helpUnderWay(open) || stillPressed.length > 0) {
    const alert: Alert = { ...open, raisedBy: stillPressed, cancelRequestedAt: now, lastSeenAt: now };
    const note = helpUnderWay(open) ? 'help is under way' : `still pressed on ${stillPressed.join(', ')}`;
    return [{ kind: 'update', alert, previousStatus: open.status, entry: { alertId: open.id, at: now, action: 'cancel_requested', actor, note } }];
  }
  // Built here, not by the factory: cancelling is the elder's own transition, not a condition that ended.
  const alert: Alert = { ...open, status: 'cancelled', cancelledAt: now, lastSeenAt: now };
  return [{ kind: 'update', alert, previousStatus: open.status, entry: { alertId: open.id, at: now, action: 'cancelled', actor, note: null } }];
}
