import type { AlertType } from '../../../../schemas/index.js';
import { clearCondition } from '../alerts/alert-factory.js';
import { ALERT_TYPE_INFO } from '../alerts/alert-types.js';
import { deadlineKey, type DeadlineKind } from '../deadline.js';
import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';

// A device taken out of service (retired, or replaced by new hardware): what it can no longer report on must stop
// asking for a visit. Its technical alerts (offline, battery, missed test signal, not worn: the alerts about one
// device) are cleared with the reason as their note, the same way a condition that ended clears them, so the
// maintenance task they caused is marked as cleared too (alert-follow-ups.ts). Its own watches (heartbeat timeout,
// offline confirmation, test signal, not worn, fence crossing) are disarmed: nothing is owed by a device that is gone.
// Alarms about the elder it raised (an SOS, a fall) stay open: a person still has to see to them.

/** The alerts about one device rather than about the elder. */
export const TECHNICAL_ALERT_TYPES: readonly AlertType[] = (Object.keys(ALERT_TYPE_INFO) as AlertType[]).filter((type) => ALERT_TYPE_INFO[type].scope === 'device');

/** The deadlines keyed by a device's id. */
const DEVICE_DEADLINE_KINDS: readonly DeadlineKind[] = ['device_offline_confirm', 'device_silent', 'test_signal_due', 'wearable_not_worn', 'geofence_settle'];

/** The device in state leaves service; `note` says why ("retired: broken", "replaced by btn-2"). */
export function deviceRetired(state: ElderState, now: number, spec: { note: string; actor: string }): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  return [
    ...DEVICE_DEADLINE_KINDS.map((kind): Decision => ({ kind: 'disarm', key: deadlineKey(kind, device.id) })),
    ...TECHNICAL_ALERT_TYPES.flatMap((type) => clearCondition(state, now, { type, deviceId: device.id, note: spec.note, actor: spec.actor })),
  ];
}
