import type { AlertContext, AlertType, Priority } from '../../../../schemas/index.js';
import { deviceActor, SYSTEM_ACTOR, UNWORKED, type Alert } from './alert.js';
import { alertDedupKey, ALERT_TYPE_INFO } from './alert-types.js';
import type { Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';

// The one way rules open, repeat and clear alerts, so that every rule keeps "one open alert per (elder, type)"
// and marks test alerts the same way.

export interface AlertSpec {
  type: AlertType;
  /**
   * The device the alert is about; defaults to the device that sent the message. null: no device at all (an alert
   * the desk raises from a telephone call), which only an elder-level type can be.
   */
  deviceId?: string | null;
  context?: AlertContext;
  /** Who raised it; defaults to the device, or the gateway itself for a fired deadline (no device in state). */
  actor?: string;
  note?: string | null;
  /** Overrides the type's priority for this elder (a night-wandering alert is P1 for an elder with dementia). */
  priority?: Priority;
}

function subject(state: ElderState, spec: { deviceId?: string | null }): { deviceId: string | null; test: boolean } {
  if (spec.deviceId === null) return { deviceId: null, test: false };
  const deviceId = spec.deviceId ?? state.device?.id;
  if (!deviceId) throw new Error('an alert needs a device: pass deviceId when no device is in state');
  const device = state.device?.id === deviceId ? state.device : state.elderDevices.find((d) => d.id === deviceId);
  return { deviceId, test: device?.testMode ?? false };
}

export function findOpenAlert(state: ElderState, type: AlertType, deviceId?: string): Alert | undefined {
  const s = subject(state, { ...(deviceId ? { deviceId } : {}) });
  const key = alertDedupKey(type, s.deviceId, s.test);
  return state.openAlerts.find((a) => a.dedupKey === key);
}

/** Opens an alert, or, while one of the same key is open, counts a repeat (count + 1, last seen now). */
export function raiseOrRepeat(state: ElderState, now: number, spec: AlertSpec): Decision[] {
  const { deviceId, test } = subject(state, spec);
  if (deviceId === null && ALERT_TYPE_INFO[spec.type].scope === 'device') throw new Error(`a ${spec.type} alert is about a device`);
  const actor = spec.actor ?? (state.device ? deviceActor(state.device.id) : SYSTEM_ACTOR);
  const note = spec.note ?? null;
  const dedupKey = alertDedupKey(spec.type, deviceId, test);
  const open = state.openAlerts.find((a) => a.dedupKey === dedupKey);
  // The device that sent this message, not the one the alert is about (a deadline raises with no device in state).
  const reporter = state.device?.id;
  if (open) {
    const raisedBy = reporter === undefined || open.raisedBy.includes(reporter) ? open.raisedBy : [...open.raisedBy, reporter];
    const alert: Alert = { ...open, count: open.count + 1, lastSeenAt: now, context: { ...open.context, ...spec.context }, raisedBy };
    return [{ kind: 'update', alert, previousStatus: open.status, entry: { alertId: open.id, at: now, action: 'repeated', actor, note } }];
  }
  const alert: Alert = {
    id: state.newId(),
    type: spec.type,
    priority: spec.priority ?? ALERT_TYPE_INFO[spec.type].priority,
    status: 'raised',
    test,
    elderId: state.elder.id,
    deviceId,
    dedupKey,
    context: spec.context ?? {},
    raisedAt: now,
    lastSeenAt: now,
    count: 1,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    cancelledAt: null,
    raisedBy: reporter === undefined ? [] : [reporter],
    cancelRequestedAt: null,
    clearedAt: null,
    ...UNWORKED,
    declinedBy: [],
  };
  return [{ kind: 'raise', alert, entry: { alertId: alert.id, at: now, action: 'raised', actor, note } }];
}

/**
 * The condition behind an open alert ended. Types that clear themselves close with status `cleared` and the note
 * saying why; the others (life-safety) stay open and the note is added to their timeline for the desk.
 * No open alert: nothing to do.
 */
export function clearCondition(state: ElderState, now: number, spec: { type: AlertType; deviceId?: string; note: string; actor?: string }): Decision[] {
  const open = findOpenAlert(state, spec.type, spec.deviceId);
  if (!open) return [];
  const actor = spec.actor ?? (state.device ? deviceActor(state.device.id) : SYSTEM_ACTOR);
  if (!ALERT_TYPE_INFO[spec.type].clearsItself) {
    return [{ kind: 'update', alert: { ...open }, previousStatus: open.status, entry: { alertId: open.id, at: now, action: 'noted', actor, note: spec.note } }];
  }
  const alert: Alert = { ...open, status: 'cleared', clearedAt: now, lastSeenAt: now };
  return [{ kind: 'update', alert, previousStatus: open.status, entry: { alertId: open.id, at: now, action: 'cleared', actor, note: spec.note } }];
}
