import { describe, expect, it } from 'vitest';
import type { DeviceMessage } from '../../../schemas/index.js';
import type { Alert } from '../../../gateway/src/core/alerts/alert.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { evaluateDeadline, evaluateMessage } from '../../../gateway/src/core/evaluate.js';
import { FALL_WATCH } from '../../../gateway/src/core/rules/alarms/no-movement-after-fall.rule.js';
import { deviceFacts, elderState, T0, type StateOptions } from '../../support/elder-state.js';
import { ruleScenario, type RuleScenario } from '../../support/rule-scenario.js';

// A fall, then no motion and no wearable movement for fallNoMovementMinutes (2): the fall alert says so, its
// timeline gets a no_movement_after_fall line, and the supervisors are notified. Run through the router.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const local = (hour: number, minute = 0, day = 0) => T0 + (hour - 10) * HOUR + minute * MINUTE + day * 24 * HOUR;
const KEY = 'fall_no_movement:elder-1';
let seq = 0;

function home(options: StateOptions = {}): ElderState {
  return elderState({
    kind: 'wearable',
    deviceId: 'watch-1',
    otherDevices: [deviceFacts('pir-1', 'motion_sensor', 'living room'), deviceFacts('bed-1', 'bed_sensor', 'bedroom'), deviceFacts('cam-1', 'camera', '203')],
    ...options,
  });
}

const envelope = (at: number) => ({ msgId: `m-${++seq}`, ts: at });
const fall = (at: number): DeviceMessage => ({ kind: 'wearable', channel: 'events', payload: { ...envelope(at), type: 'fall' } });
const cameraFall = (at: number): DeviceMessage => ({ kind: 'camera', channel: 'events', payload: { ...envelope(at), type: 'fall', confidence: 0.95, room: '203' } });
const motion = (at: number): DeviceMessage => ({ kind: 'motion_sensor', channel: 'events', payload: { ...envelope(at), type: 'motion' } });
const inBed = (at: number): DeviceMessage => ({ kind: 'bed_sensor', channel: 'events', payload: { ...envelope(at), type: 'in_bed' } });
const steps = (at: number, count: number): DeviceMessage => ({ kind: 'wearable', channel: 'telemetry', payload: { ...envelope(at), type: 'vitals', steps: count } });

const send = (s: RuleScenario, deviceId: string, message: DeviceMessage, at: number): Decision[] => s.step(deviceId, (state) => evaluateMessage(message, state, at));
const fallAlert = (s: RuleScenario): Alert | undefined => [...s.world.alerts.values()].find((a) => a.type === 'fall');

describe('no movement after a fall', () => {
  it('when the watch reports a fall and nothing moves for 2 minutes, then the P1 fall alert is marked, its timeline says so and the supervisors are told', () => {
    const s = ruleScenario(home());
    send(s, 'watch-1', fall(local(14)), local(14));
    const alert = fallAlert(s);
    expect(s.world.armed.get(KEY)).toMatchObject({ kind: 'fall_no_movement', dueAt: local(14, 2), data: { alertId: alert?.id, fellAt: local(14) } });
    const fired = s.fire(KEY, evaluateDeadline);
    expect(fired).toEqual([
      {
        kind: 'update',
        alert: expect.objectContaining({ id: alert?.id, priority: 1, status: 'raised', context: expect.objectContaining({ noMovementAfterFall: true, minutesWithoutMovement: 2 }) }),
        previousStatus: 'raised',
        entry: { alertId: alert?.id, at: local(14, 2), action: 'no_movement_after_fall', actor: 'system:rules', note: 'no motion and no wearable movement for 2 min since the fall' },
      },
      { kind: 'notify', notification: expect.objectContaining({ topic: 'no_movement_after_fall', audience: 'supervisors', alertId: alert?.id, priority: 1 }) },
    ]);
  });

  it('when the watch’s step count rises after the no-movement mark, then the movement is noted on the fall alert once', () => {
    const s = ruleScenario(home());
    send(s, 'watch-1', fall(local(14)), local(14));
    send(s, 'watch-1', steps(local(14, 1), 2140), local(14, 1));
    s.fire(KEY, evaluateDeadline);
    expect(fallAlert(s)?.context['noMovementAfterFall']).toBe(true);
    const moved = send(s, 'watch-1', steps(local(14, 5), 2170), local(14, 5));
    expect(moved).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'noted', note: 'movement after the fall: 30 steps on the wearable' }) }));
    expect(fallAlert(s)?.context['movedAt']).toBe(local(14, 5));
    expect(send(s, 'watch-1', steps(local(14, 6), 2200), local(14, 6)).filter((d) => d.kind === 'update')).toEqual([]);
  });

  it('when a camera sees the fall, then the same watch starts', () => {
    const s = ruleScenario(home());
    send(s, 'cam-1', cameraFall(local(14)), local(14));
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(14, 2));
  });

  it.each([
    { name: 'the living-room sensor sees motion', message: motion(local(14, 1)), device: 'pir-1', note: 'movement after the fall: motion seen' },
    { name: 'the bed sensor says back in bed', message: inBed(local(14, 1)), device: 'bed-1', note: 'movement after the fall: back in bed' },
  ])('when $name within the 2 minutes, then the watch ends and the movement is noted on the fall alert', ({ message, device, note }) => {
    const s = ruleScenario(home());
    send(s, 'watch-1', fall(local(14)), local(14));
    const decisions = send(s, device, message, local(14, 1));
    expect(decisions).toContainEqual({ kind: 'disarm', key: KEY });
    expect(decisions).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'noted', note }) }));
    expect(s.world.armed.has(KEY)).toBe(false);
  });

  it('when the watch sends its step count after the fall, then the first count is the reference and only a higher one is movement', () => {
    const s = ruleScenario(home());
    send(s, 'watch-1', fall(local(14)), local(14));
    expect(send(s, 'watch-1', steps(local(14, 0, 0) + 20_000, 3400), local(14) + 20_000)).toContainEqual({ kind: 'setState', key: FALL_WATCH, value: expect.objectContaining({ steps: 3400 }) });
    send(s, 'watch-1', steps(local(14, 1), 3400), local(14, 1));
    expect(s.world.armed.has(KEY)).toBe(true);
    const moved = send(s, 'watch-1', steps(local(14, 1) + 30_000, 3412), local(14, 1) + 30_000);
    expect(moved).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ note: 'movement after the fall: 12 steps on the wearable' }) }));
    expect(s.world.armed.has(KEY)).toBe(false);
  });

  it('when a second fall report repeats the open alert, then the watch is not moved back', () => {
    const s = ruleScenario(home());
    send(s, 'watch-1', fall(local(14)), local(14));
    send(s, 'cam-1', cameraFall(local(14, 1)), local(14, 1));
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(14, 2));
  });

  it('when the fall alert was closed before the deadline, then the deadline only ends the watch', () => {
    const s = ruleScenario(home());
    send(s, 'watch-1', fall(local(14)), local(14));
    const deadline = s.world.armed.get(KEY);
    if (!deadline) throw new Error('not armed');
    const state = { ...s.world.state, device: null, openAlerts: [] };
    expect(evaluateDeadline(deadline, state, local(14, 2))).toEqual([{ kind: 'setState', key: FALL_WATCH, value: null }, { kind: 'ignore', reason: 'fall_alert_closed' }]);
  });

  it('when the elder falls at 23:59 and the deadline falls after midnight, then it fires the next day counting 2 minutes', () => {
    const s = ruleScenario(home());
    send(s, 'watch-1', fall(local(23, 59)), local(23, 59));
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(0, 1, 1));
    s.fire(KEY, evaluateDeadline);
    expect(fallAlert(s)?.context).toMatchObject({ noMovementAfterFall: true, minutesWithoutMovement: 2 });
  });

  it('when the gateway restarts during the watch and the deadline fires 5 minutes late, then the stored deadline alone marks the alert with the real minutes', () => {
    const s = ruleScenario(home());
    send(s, 'watch-1', fall(local(14)), local(14));
    const stored = s.world.armed.get(KEY);
    const alert = fallAlert(s);
    if (!stored || !alert) throw new Error('not armed');
    const restarted = { ...home(), device: null, openAlerts: [alert], ruleStates: new Map(s.world.state.ruleStates) };
    const decisions = evaluateDeadline(stored, restarted, local(14, 7));
    expect(decisions).toContainEqual(expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ context: expect.objectContaining({ minutesWithoutMovement: 7 }) }) }));
  });

  it('when motion is seen after the alert was marked, then it is noted once', () => {
    const s = ruleScenario(home());
    send(s, 'watch-1', fall(local(14)), local(14));
    s.fire(KEY, evaluateDeadline);
    expect(send(s, 'pir-1', motion(local(14, 5)), local(14, 5))).toContainEqual(expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ context: expect.objectContaining({ movedAt: local(14, 5) }) }) }));
    expect(send(s, 'pir-1', motion(local(14, 6)), local(14, 6)).filter((d) => d.kind === 'update' && d.alert.type === 'fall')).toEqual([]);
  });

  it('when a watch in test mode reports a fall, then no movement watch starts (test alerts wake nobody)', () => {
    const s = ruleScenario(home({ testMode: true }));
    send(s, 'watch-1', fall(local(14)), local(14));
    expect(s.world.armed.has(KEY)).toBe(false);
  });
});
