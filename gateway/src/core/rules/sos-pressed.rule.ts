import { deviceActor, PRIORITY_BY_TYPE, type Alert } from '../alert.js';
import type { AlertDecision } from '../decisions.js';

export interface SosPressedInput {
  deviceId: string;
  elderId: string;
  /** Id to give the alert if this press opens one; the caller makes ids so the rule stays pure. */
  newAlertId: string;
}

export interface SosPressedState {
  /** The elder's open SOS alert, if any. */
  openAlert: Alert | null;
}

/**
 * An SOS press opens a P1 alert, or, while one is open for the same elder, counts as a repeat of it.
 * One open alert per (elder, type) keeps a panicking elder's ten presses from becoming ten alarms.
 */
export function sosPressed(input: SosPressedInput, state: SosPressedState, now: number): AlertDecision {
  const actor = deviceActor(input.deviceId);
  const open = state.openAlert;
  if (open) {
    const alert: Alert = { ...open, count: open.count + 1, lastSeenAt: now };
    return {
      kind: 'update',
      alert,
      previousStatus: open.status,
      entry: { alertId: open.id, at: now, action: 'repeated', actor, note: null },
    };
  }
  const alert: Alert = {
    id: input.newAlertId,
    type: 'sos',
    priority: PRIORITY_BY_TYPE.sos,
    status: 'raised',
    elderId: input.elderId,
    deviceId: input.deviceId,
    raisedAt: now,
    lastSeenAt: now,
    count: 1,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    cancelledAt: null,
  };
  return { kind: 'raise', alert, entry: { alertId: alert.id, at: now, action: 'raised', actor, note: null } };
}
