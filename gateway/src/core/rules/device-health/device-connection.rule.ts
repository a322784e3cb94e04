import { raiseOrRepeat, clearCondition } from '../../alerts/alert-factory.js';
import { SYSTEM_ACTOR } from '../../alerts/alert.js';
import { deadlineKey, type Deadline } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import { SENDS_TEST_SIGNAL } from '../../device-kind-profiles.js';
import type { ElderState } from '../../elder-state.js';
import { openTask } from '../../tasks/task-factory.js';
import { armTestSignalDue } from './test-signal.rule.js';
import { MINUTE } from '../../time-units.js';

// Whether a device can reach the gateway. Two ways to lose one: the connection drops (confirmed after a grace period,
// because mobile and Wi-Fi links drop for seconds all the time), or it stays connected but stops sending status
// messages (a hung firmware keeps its TCP session open). Either way the desk gets one P3 alert and the community one
// maintenance visit, and both are cleared or kept by the same keys when the device comes back.
// The desk is told a device is offline only once it is: a connection that drops and comes back within the grace
// period never shows offline (the status wall would otherwise flicker red for every Wi-Fi hiccup).

/** The broker saw the device connect. */
export function deviceConnected(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const decisions: Decision[] = [
    { kind: 'presence', deviceId: device.id, presence: { online: true, battery: device.presence?.battery ?? null, lastSeenAt: now } },
    { kind: 'disarm', key: deadlineKey('device_offline_confirm', device.id) },
    armSilent(state, device.id, now),
    ...clearCondition(state, now, { type: 'device_offline', note: 'device reconnected' }),
  ];
  // The first connection starts the test-signal clock. Later reconnects leave it alone: a device that reconnects
  // every hour must not postpone its missed-test-signal alarm forever.
  const memoryKey = `test_signal:${device.id}`;
  if (SENDS_TEST_SIGNAL.has(device.kind) && !state.ruleStates.has(memoryKey)) {
    decisions.push(armTestSignalDue(state, device.id, now), { kind: 'setState', key: memoryKey, value: { lastAt: null, armedAt: now } });
  }
  return decisions;
}

/** The broker saw the connection end (or published the device's last will). */
export function deviceDisconnected(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  return [
    // Presence stays as it was: within the grace period the device is reconnecting, not offline.
    // A disconnected device is silent by definition; the offline confirmation below takes over.
    { kind: 'disarm', key: deadlineKey('device_silent', device.id) },
    // Brief drops are not alarms: only a device still away after the grace period is offline.
    {
      kind: 'arm',
      deadline: {
        key: deadlineKey('device_offline_confirm', device.id),
        kind: 'device_offline_confirm',
        elderId: state.elder.id,
        deviceId: device.id,
        dueAt: now + state.settings.offlineGraceMs,
        data: { since: now },
      },
    },
  ];
}

/** The grace period after a dropped connection is over. */
export function offlineConfirmDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const deviceId = deadline.deviceId;
  const device = deviceId === null ? undefined : state.elderDevices.find((d) => d.id === deviceId);
  // Unregistered or moved to another elder since the deadline was armed: nobody should visit it for this elder.
  if (!deviceId || !device) return [ignore('device_not_registered')];
  const since = typeof deadline.data['since'] === 'number' ? deadline.data['since'] : deadline.dueAt - state.settings.offlineGraceMs;
  // Normally the reconnect disarmed this deadline; this covers a reconnect (or any message) that raced with the
  // firing, and the last will of a replaced session that the broker delivered after the new one connected.
  const presence = device.presence;
  if (presence?.online && presence.lastSeenAt > since) return [ignore('device_back_online')];
  const offlineSinceMinutes = Math.round((now - since) / MINUTE);
  return [
    { kind: 'presence', deviceId, presence: { online: false, battery: presence?.battery ?? null, lastSeenAt: presence?.lastSeenAt ?? since } },
    ...raiseOfflineWithVisit(state, now, deviceId, offlineSinceMinutes, `offline for ${offlineSinceMinutes} min`),
  ];
}

/** Connected, but no status message within the heartbeat timeout. */
export function deviceSilentDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const deviceId = deadline.deviceId;
  const device = deviceId === null ? undefined : state.elderDevices.find((d) => d.id === deviceId);
  if (!deviceId || !device) return [ignore('device_not_registered')];
  const lastSeenAt = device.presence?.lastSeenAt ?? deadline.dueAt - state.settings.heartbeatTimeoutMs;
  // Heard from since the deadline was stored (heartbeats only touch memory, see device-status.rule.ts): not silent,
  // the timeout now runs from the last message.
  if (device.presence?.online && lastSeenAt + state.settings.heartbeatTimeoutMs > now) {
    return [
      { kind: 'presence', deviceId, presence: { online: true, battery: device.presence.battery, lastSeenAt } },
      armSilent(state, deviceId, lastSeenAt),
    ];
  }
  const silentMinutes = Math.round((now - lastSeenAt) / MINUTE);
  return [
    // The session may still be open, but a device that says nothing cannot be relied on to send an alarm.
    { kind: 'presence', deviceId, presence: { online: false, battery: device.presence?.battery ?? null, lastSeenAt } },
    ...raiseOfflineWithVisit(state, now, deviceId, silentMinutes, `no status message for ${silentMinutes} min`),
  ];
}

/** (Re)starts the heartbeat timeout; shared with the status rule, which re-arms it on every status message. */
export function armSilent(state: ElderState, deviceId: string, now: number): Decision {
  return {
    kind: 'arm',
    deadline: {
      key: deadlineKey('device_silent', deviceId),
      kind: 'device_silent',
      elderId: state.elder.id,
      deviceId,
      dueAt: now + state.settings.heartbeatTimeoutMs,
      data: {},
    },
  };
}

function raiseOfflineWithVisit(state: ElderState, now: number, deviceId: string, offlineSinceMinutes: number, note: string): Decision[] {
  const alert = raiseOrRepeat(state, now, { type: 'device_offline', deviceId, actor: SYSTEM_ACTOR, context: { offlineSinceMinutes }, note });
  const alertId = alert.find((d): d is Extract<Decision, { alert: unknown }> => 'alert' in d)?.alert.id ?? null;
  return [...alert, ...openTask(state, now, { kind: 'maintenance', reason: 'device_offline', deviceId, alertId })];
}
