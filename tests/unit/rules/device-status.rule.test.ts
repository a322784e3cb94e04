import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../schemas/index.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { deviceDisconnected, offlineConfirmDue } from '../../../gateway/src/core/rules/device-health/device-connection.rule.js';
import { statusReported } from '../../../gateway/src/core/rules/device-health/device-status.rule.js';
import { elderState, T0, TEST_SETTINGS, named } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

const MINUTE = 60_000;

const heartbeat = (battery?: number): DeviceStatus => ({ msgId: 'hb-1', ts: T0, type: 'heartbeat', ...(battery === undefined ? {} : { battery }) });

const withPresence = (state: ElderState, online: boolean, battery: number | null, lastSeenAt: number, silentDueAt?: number): ElderState => {
  const device = state.device && { ...state.device, presence: { online, battery, lastSeenAt, ...(silentDueAt === undefined ? {} : { silentDueAt }) } };
  return { ...state, device, elderDevices: state.elderDevices.map((d) => (d.id === device?.id ? device : d)) };
};

const silentArm = (now: number): Decision => ({
  kind: 'arm',
  deadline: { key: 'device_silent:dev-1', kind: 'device_silent', elderId: 'elder-1', deviceId: 'dev-1', dueAt: now + TEST_SETTINGS.heartbeatTimeoutMs, data: {} },
});

describe('status reported', () => {
  it.each(named<{ name: string; status: DeviceStatus; battery: number | null }>([
    { name: 'a heartbeat with a battery level', status: heartbeat(71), battery: 71 },
    { name: 'a heartbeat without one', status: heartbeat(), battery: 64 },
    { name: 'a test signal', status: { msgId: 't-1', ts: T0, type: 'test' }, battery: 64 },
    { name: 'a battery report', status: { msgId: 'b-1', ts: T0, type: 'battery', battery: 12 }, battery: 12 },
  ]))('when an online device sends %s, then presence is refreshed and the silence timeout restarts, nothing else', (_name, { status, battery }) => {
    const state = withPresence(elderState(), true, 64, T0 - 5 * MINUTE);
    expect(statusReported(status, state, T0)).toEqual([
      { kind: 'presence', deviceId: 'dev-1', presence: { online: true, battery, lastSeenAt: T0 } },
      silentArm(T0),
    ]);
  });

  describe('routine heartbeats', () => {
    const timeout = TEST_SETTINGS.heartbeatTimeoutMs;

    it('when an online device sends a heartbeat with an unchanged battery and its stored timeout is more than half a timeout away, then only its last-seen time moves and nothing is stored', () => {
      const state = withPresence(elderState(), true, 64, T0 - MINUTE, T0 + timeout / 2 + 1);
      expect(statusReported(heartbeat(64), state, T0)).toEqual([{ kind: 'seen', deviceId: 'dev-1', at: T0 }]);
      expect(statusReported(heartbeat(), state, T0)).toEqual([{ kind: 'seen', deviceId: 'dev-1', at: T0 }]);
    });

    it.each(named([
      { name: 'its stored timeout is within half a timeout', battery: 64, silentDueAt: T0 + timeout / 2 },
      { name: 'its battery level changed', battery: 63, silentDueAt: T0 + timeout },
      { name: 'its stored timeout is unknown (after a restart)', battery: 64, silentDueAt: undefined },
    ]))('when an online device sends a heartbeat and %s, then presence and the timeout are stored again', (_name, { battery, silentDueAt }) => {
      const state = withPresence(elderState(), true, 64, T0 - MINUTE, silentDueAt);
      expect(statusReported(heartbeat(battery), state, T0)).toEqual([
        { kind: 'presence', deviceId: 'dev-1', presence: { online: true, battery, lastSeenAt: T0 } },
        silentArm(T0),
      ]);
    });
  });

  it.each(named([
    { name: 'never seen before', state: elderState() },
    { name: 'marked offline', state: withPresence(elderState(), false, 50, T0 - 30 * MINUTE) },
  ]))('when a device %s sends a heartbeat, then a pending offline confirmation is disarmed', (_name, { state }) => {
    expect(statusReported(heartbeat(), state, T0)).toContainEqual({ kind: 'disarm', key: 'device_offline_confirm:dev-1' });
  });

  it('when the last will arrives, then it is handled exactly like a dropped connection', () => {
    const state = withPresence(elderState(), true, 64, T0 - MINUTE);
    expect(statusReported({ msgId: 'will-1', ts: T0, type: 'offline' }, state, T0)).toEqual(deviceDisconnected(state, T0));
  });

  it('when a device reported offline sends a heartbeat again, then its device_offline alert clears', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => statusReported({ msgId: 'will-1', ts: T0, type: 'offline' }, state, T0));
    s.fire('device_offline_confirm:dev-1', offlineConfirmDue);
    expect(s.world.state.openAlerts.map((a) => a.type)).toEqual(['device_offline']);

    const back = s.step('dev-1', (state) => statusReported(heartbeat(90), state, T0 + 20 * MINUTE));
    expect(back).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'cleared', note: 'device back online (heartbeat received)' }) }));
    expect(s.world.state.openAlerts).toEqual([]);
    expect(s.world.state.device?.presence).toEqual({ online: true, battery: 90, lastSeenAt: T0 + 20 * MINUTE });
  });
});
