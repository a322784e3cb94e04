import { describe, expect, it } from 'vitest';
import type { DeviceKind } from '../../../schemas/index.js';
import type { Deadline } from '../../../gateway/src/core/deadline.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { deviceConnected, deviceDisconnected, deviceSilentDue, offlineConfirmDue } from '../../../gateway/src/core/rules/device-health/device-connection.rule.js';
import { asDevice, elderState, T0, TEST_SETTINGS, named } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

// Connection and silence: every step is a rule call at a named time, folded into the state as the gateway would.

const MINUTE = 60_000;

const withPresence = (state: ElderState, online: boolean, battery: number | null, lastSeenAt: number): ElderState => {
  const device = state.device && { ...state.device, presence: { online, battery, lastSeenAt } };
  return { ...state, device, elderDevices: state.elderDevices.map((d) => (d.id === device?.id ? device : d)) };
};

/** A heartbeat that moved only the in-memory last-seen time (the `seen` decision), as the status rule does. */
const withPresenceSeen = (state: ElderState, at: number): Decision[] => [{ kind: 'seen', deviceId: state.device?.id ?? '', at }];

describe('device connected', () => {
  it('when a call button connects for the first time, then it is online, watched for silence and its test-signal clock starts', () => {
    const decisions = deviceConnected(elderState(), T0);
    expect(decisions).toEqual([
      { kind: 'presence', deviceId: 'dev-1', presence: { online: true, battery: null, lastSeenAt: T0 } },
      { kind: 'disarm', key: 'device_offline_confirm:dev-1' },
      { kind: 'arm', deadline: { key: 'device_silent:dev-1', kind: 'device_silent', elderId: 'elder-1', deviceId: 'dev-1', dueAt: T0 + TEST_SETTINGS.heartbeatTimeoutMs, data: {} } },
      { kind: 'arm', deadline: { key: 'test_signal_due:dev-1', kind: 'test_signal_due', elderId: 'elder-1', deviceId: 'dev-1', dueAt: T0 + TEST_SETTINGS.testSignalIntervalMs, data: {} } },
      { kind: 'setState', key: 'test_signal:dev-1', value: { lastAt: null, armedAt: T0 } },
    ]);
  });

  it.each<[DeviceKind, boolean]>([
    ['call_button', true],
    ['smoke_detector', true],
    ['gas_detector', true],
    ['wearable', false],
    ['motion_sensor', false],
    ['camera', false],
  ])('when a %s connects, then a test-signal deadline is armed: %s', (kind, startsTestClock) => {
    const armed = deviceConnected(elderState({ kind }), T0).some((d) => d.kind === 'arm' && d.deadline.kind === 'test_signal_due');
    expect(armed).toBe(startsTestClock);
  });

  it('when a device reconnects after its test-signal clock started, then the clock is not postponed', () => {
    const state = { ...elderState(), ruleStates: new Map([['test_signal:dev-1', { lastAt: null, armedAt: T0 }]]) };
    const decisions = deviceConnected(state, T0 + 3_600_000);
    expect(decisions.filter((d) => d.kind === 'setState' || (d.kind === 'arm' && d.deadline.kind === 'test_signal_due'))).toEqual([]);
  });

  it('when a device reconnects, then its last known battery is kept', () => {
    const decisions = deviceConnected(withPresence(elderState(), false, 64, T0 - MINUTE), T0);
    expect(decisions[0]).toEqual({ kind: 'presence', deviceId: 'dev-1', presence: { online: true, battery: 64, lastSeenAt: T0 } });
  });
});

describe('device disconnected', () => {
  it.each(named([
    { name: 'a device seen before', before: { battery: 64 as number | null, lastSeenAt: T0 - 5 * MINUTE } },
    { name: 'a device never seen', before: null },
  ]))('when %s drops its connection, then its presence is left alone (no offline yet), it is no longer watched for silence and the drop must be confirmed after the grace', (_name, { before }) => {
    const state = before ? withPresence(elderState(), true, before.battery, before.lastSeenAt) : elderState();
    expect(deviceDisconnected(state, T0)).toEqual([
      { kind: 'disarm', key: 'device_silent:dev-1' },
      {
        kind: 'arm',
        deadline: { key: 'device_offline_confirm:dev-1', kind: 'device_offline_confirm', elderId: 'elder-1', deviceId: 'dev-1', dueAt: T0 + TEST_SETTINGS.offlineGraceMs, data: { since: T0 } },
      },
    ]);
  });
});

describe('offline confirmation', () => {
  it.each(named([
    { name: 'back after 1 s', back: 1_000 },
    { name: 'back just before the grace ends', back: TEST_SETTINGS.offlineGraceMs - 1 },
  ]))('when the device drops and is %s, then the confirmation is disarmed and no alert is raised', (_name, { back }) => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => deviceConnected(state, T0 - MINUTE));
    s.step('dev-1', (state) => deviceDisconnected(state, T0));
    expect(s.world.armed.has('device_offline_confirm:dev-1')).toBe(true);
    s.step('dev-1', (state) => deviceConnected(state, T0 + back));
    expect(s.world.armed.has('device_offline_confirm:dev-1')).toBe(false);
    expect(s.world.alerts.size).toBe(0);
    expect(s.world.tasks).toEqual([]);
  });

  it('when the confirmation fires although the device is back (a race), then it is ignored', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => deviceDisconnected(state, T0));
    const deadline = s.world.armed.get('device_offline_confirm:dev-1') as Deadline;
    s.step('dev-1', (state) => deviceConnected(state, T0 + 30_000));
    expect(s.step(null, (state) => offlineConfirmDue(deadline, state, deadline.dueAt))).toEqual([{ kind: 'ignore', reason: 'device_back_online' }]);
  });

  it('when the device is still away after the grace, then the desk is told it is offline only now (presence with its last-seen time)', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => deviceConnected(state, T0 - 10 * MINUTE));
    const dropped = s.step('dev-1', (state) => deviceDisconnected(state, T0));
    expect(dropped.filter((d) => d.kind === 'presence')).toEqual([]);
    const confirmed = s.fire('device_offline_confirm:dev-1', offlineConfirmDue);
    expect(confirmed[0]).toEqual({ kind: 'presence', deviceId: 'dev-1', presence: { online: false, battery: null, lastSeenAt: T0 - 10 * MINUTE } });
  });

  it('when the last will of a replaced session arrives after the new connection and the device is heard from within the grace, then the confirmation is ignored', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => deviceConnected(state, T0));
    s.step('dev-1', (state) => deviceDisconnected(state, T0 + 100));
    s.step('dev-1', (state) => withPresenceSeen(state, T0 + 30_000));
    expect(s.fire('device_offline_confirm:dev-1', offlineConfirmDue)).toEqual([{ kind: 'ignore', reason: 'device_back_online' }]);
  });

  it('when the device is still away after the grace, then one P3 device_offline alert and one maintenance visit are raised, and a reconnect clears the alert', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => deviceConnected(state, T0 - 10 * MINUTE));
    s.step('dev-1', (state) => deviceDisconnected(state, T0));
    s.fire('device_offline_confirm:dev-1', offlineConfirmDue);

    const [alert] = [...s.world.alerts.values()];
    expect(alert).toMatchObject({ type: 'device_offline', priority: 3, status: 'raised', deviceId: 'dev-1', count: 1, context: { offlineSinceMinutes: 1 } });
    expect(s.world.tasks).toEqual([expect.objectContaining({ kind: 'maintenance', reason: 'device_offline', deviceId: 'dev-1', alertId: alert?.id, status: 'open' })]);

    const reconnect = s.step('dev-1', (state) => deviceConnected(state, T0 + 5 * MINUTE));
    expect(reconnect).toContainEqual(
      expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ status: 'cleared', clearedAt: T0 + 5 * MINUTE }), entry: expect.objectContaining({ action: 'cleared', note: 'device reconnected', actor: 'device:dev-1' }) }),
    );
    expect(s.world.state.openAlerts).toEqual([]);
  });

  it('when the raise comes from the deadline, then the gateway is its actor', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => deviceDisconnected(state, T0));
    const decisions = s.fire('device_offline_confirm:dev-1', offlineConfirmDue);
    expect(decisions[1]).toMatchObject({ kind: 'raise', entry: { action: 'raised', actor: 'system:rules' } });
  });

  it('when the device drops again while the alert and the visit are still open, then the alert counts a repeat and no second visit is opened', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => deviceDisconnected(state, T0));
    s.fire('device_offline_confirm:dev-1', offlineConfirmDue);
    s.step('dev-1', (state) => deviceDisconnected(state, T0 + 10 * MINUTE));
    const again = s.fire('device_offline_confirm:dev-1', offlineConfirmDue);
    expect(again).toContainEqual({ kind: 'ignore', reason: 'task_already_open' });
    expect([...s.world.alerts.values()].map((a) => a.count)).toEqual([2]);
    expect(s.world.tasks).toHaveLength(1);
  });

  it('when a device in test mode goes offline, then the alert and the visit are marked test', () => {
    const s = ruleScenario(elderState({ testMode: true }));
    s.step('dev-1', (state) => deviceDisconnected(state, T0));
    s.fire('device_offline_confirm:dev-1', offlineConfirmDue);
    expect([...s.world.alerts.values()].map((a) => a.test)).toEqual([true]);
    expect(s.world.tasks.map((t) => t.test)).toEqual([true]);
  });

  it('when the device was unregistered before the confirmation fired, then it is ignored', () => {
    const deadline: Deadline = { key: 'device_offline_confirm:gone', kind: 'device_offline_confirm', elderId: 'elder-1', deviceId: 'gone', dueAt: T0, data: { since: T0 - MINUTE } };
    expect(offlineConfirmDue(deadline, asDevice(elderState(), null), T0)).toEqual([{ kind: 'ignore', reason: 'device_not_registered' }]);
  });
});

describe('device silent', () => {
  it.each(named([
    { name: 'at the timeout', silentFor: TEST_SETTINGS.heartbeatTimeoutMs, minutes: 10 },
    { name: 'late, after a gateway restart', silentFor: 25 * MINUTE, minutes: 25 },
  ]))('when a connected device sends nothing and the deadline fires %s, then it is offline with an alert and a visit', (_name, { silentFor, minutes }) => {
    const s = ruleScenario(withPresence(elderState(), false, 80, T0 - MINUTE));
    s.step('dev-1', (state) => deviceConnected(state, T0));
    const decisions = s.fire('device_silent:dev-1', deviceSilentDue, T0 + silentFor);
    expect(decisions[0]).toEqual({ kind: 'presence', deviceId: 'dev-1', presence: { online: false, battery: 80, lastSeenAt: T0 } });
    expect(decisions[1]).toMatchObject({
      kind: 'raise',
      alert: { type: 'device_offline', priority: 3, deviceId: 'dev-1', context: { offlineSinceMinutes: minutes } },
      entry: { actor: 'system:rules', note: `no status message for ${minutes} min` },
    });
    expect(s.world.tasks).toEqual([expect.objectContaining({ kind: 'maintenance', reason: 'device_offline', deviceId: 'dev-1' })]);
    expect(s.world.state.elderDevices[0]?.presence?.online).toBe(false);
  });

  it('when the deadline fires but the device was heard from since it was stored (a routine heartbeat touches memory only), then the timeout runs again from its last message and nothing is raised', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => deviceConnected(state, T0));
    const lastHeard = T0 + 4 * MINUTE;
    const presence = s.world.state.elderDevices[0]!.presence!;
    presence.lastSeenAt = lastHeard;

    const decisions = s.fire('device_silent:dev-1', deviceSilentDue, T0 + TEST_SETTINGS.heartbeatTimeoutMs);
    expect(decisions).toEqual([
      { kind: 'presence', deviceId: 'dev-1', presence: { online: true, battery: null, lastSeenAt: lastHeard } },
      expect.objectContaining({ kind: 'arm', deadline: expect.objectContaining({ key: 'device_silent:dev-1', dueAt: lastHeard + TEST_SETTINGS.heartbeatTimeoutMs }) }),
    ]);
    expect(s.world.state.openAlerts).toEqual([]);

    const silent = s.fire('device_silent:dev-1', deviceSilentDue, lastHeard + TEST_SETTINGS.heartbeatTimeoutMs);
    expect(silent).toContainEqual(expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ type: 'device_offline' }) }));
  });

  it('when the silent device speaks again (reconnects), then the alert clears', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => deviceConnected(state, T0));
    s.fire('device_silent:dev-1', deviceSilentDue);
    s.step('dev-1', (state) => deviceConnected(state, T0 + 20 * MINUTE));
    expect(s.world.state.openAlerts).toEqual([]);
  });
});

