import type { AlertContext } from '../../../../../schemas/index.js';
import { clearCondition, raiseOrRepeat } from '../../alerts/alert-factory.js';
import { SYSTEM_ACTOR } from '../../alerts/alert.js';
import { deadlineKey, type Deadline } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { openTask } from '../../tasks/task-factory.js';
import { HOUR } from '../../time-units.js';

// Telecare devices send a periodic test signal to prove the whole path works. A device can be connected and send
// heartbeats while its alarm path is broken; a missing test signal is how the community finds out before an
// emergency does. Each signal moves the deadline one interval ahead.

export function testSignalReceived(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  return [
    armTestSignalDue(state, device.id, now),
    { kind: 'setState', key: `test_signal:${device.id}`, value: { lastAt: now, armedAt: now } },
    ...clearCondition(state, now, { type: 'test_signal_missed', note: 'test signal received' }),
  ];
}

export function testSignalDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const deviceId = deadline.deviceId;
  if (!deviceId || !state.elderDevices.some((d) => d.id === deviceId)) return [ignore('device_not_registered')];
  const memory = state.ruleStates.get(`test_signal:${deviceId}`);
  const lastAt = memory?.['lastAt'];
  const context: AlertContext = typeof lastAt === 'number' ? { hoursSinceLastSignal: Math.round((now - lastAt) / HOUR) } : { neverReceived: true };
  const alert = raiseOrRepeat(state, now, { type: 'test_signal_missed', deviceId, actor: SYSTEM_ACTOR, context });
  const alertId = alert.find((d): d is Extract<Decision, { alert: unknown }> => 'alert' in d)?.alert.id ?? null;
  return [
    ...alert,
    ...openTask(state, now, { kind: 'maintenance', reason: 'test_signal_missed', deviceId, alertId }),
    // Still missing one interval later counts as a repeat, so the desk sees how long the path has been untested.
    armTestSignalDue(state, deviceId, now),
  ];
}

/** Due one interval from now; also started by the first connection of a device that should send test signals. */
export function armTestSignalDue(state: ElderState, deviceId: string, now: number): Decision {
  return {
    kind: 'arm',
    deadline: {
      key: deadlineKey('test_signal_due', deviceId),
      kind: 'test_signal_due',
      elderId: state.elder.id,
      deviceId,
      dueAt: now + state.settings.testSignalIntervalMs,
      data: {},
    },
  };
}
