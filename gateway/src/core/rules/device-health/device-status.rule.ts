import type { DeviceStatus } from '../../../../../schemas/index.js';
import { clearCondition } from '../../alerts/alert-factory.js';
import { deadlineKey } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { armSilent, deviceDisconnected } from './device-connection.rule.js';

// A status message proves the device is alive: it refreshes presence and restarts the heartbeat timeout.
// Its battery level and test signal are judged by their own rules (low-battery, test-signal); evaluate.ts calls them.
//
// Most status messages are routine heartbeats from a device already online. Storing each one (presence and a re-armed
// deadline) was the gateway's largest cost under load, so the stored timeout is only moved once it is within half a
// timeout of falling due; in between, the heartbeat only moves the in-memory last-seen time. When the stored deadline
// fires, the silent rule first looks at that time and re-arms from it if the device was heard meanwhile, so a silent
// device is still detected exactly one timeout after its last message.

export function statusReported(status: DeviceStatus, state: ElderState, now: number): Decision[] {
  // The last will: the broker says the connection died, exactly as if it had seen the drop itself.
  if (status.type === 'offline') return deviceDisconnected(state, now);
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const previous = device.presence;
  // A command_result carries no battery level: it only says the device is there.
  const battery = status.type === 'command_result' ? undefined : status.battery;
  const batteryUnchanged = battery === undefined || battery === previous?.battery;
  const storedTimeoutFarEnough = previous?.silentDueAt !== undefined && previous.silentDueAt - now > state.settings.heartbeatTimeoutMs / 2;
  if (previous?.online && batteryUnchanged && storedTimeoutFarEnough) return [{ kind: 'seen', deviceId: device.id, at: now }];
  const decisions: Decision[] = [
    { kind: 'presence', deviceId: device.id, presence: { online: true, battery: battery ?? previous?.battery ?? null, lastSeenAt: now } },
    armSilent(state, device.id, now),
  ];
  // Only on the way back from offline (or the first message ever): a heartbeat every minute must not cost a
  // disarm and an alert lookup each time.
  if (!previous?.online) {
    decisions.push(
      { kind: 'disarm', key: deadlineKey('device_offline_confirm', device.id) },
      ...clearCondition(state, now, { type: 'device_offline', note: `device back online (${status.type} received)` }),
    );
  }
  return decisions;
}
