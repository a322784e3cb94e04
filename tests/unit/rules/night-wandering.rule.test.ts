import { describe, expect, it } from 'vitest';
import type { DeviceMessage } from '../../../schemas/index.js';
import type { Alert } from '../../../gateway/src/core/alerts/alert.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { evaluateDeadline, evaluateMessage } from '../../../gateway/src/core/evaluate.js';
import { WANDERING_WATCH } from '../../../gateway/src/core/rules/life-signs/night-wandering.rule.js';
import { deviceFacts, elderState, T0, type StateOptions } from '../../support/elder-state.js';
import { ruleScenario, type RuleScenario } from '../../support/rule-scenario.js';

// T0 is 10:00 local (China, UTC+8); `local(2, 0, 1)` is 02:00 the next night. Night is 22:00-06:00 by default;
// nightWanderingMinutes is 10 (5 with dementia), and the alert is P2 (P1 with dementia).
// The rules are run through the router (evaluate.ts) as the gateway runs them.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const local = (hour: number, minute = 0, day = 0) => T0 + (hour - 10) * HOUR + minute * MINUTE + day * 24 * HOUR;
const KEY = 'night_wandering_return:elder-1';
let seq = 0;

/** A home with a bed sensor, an entrance door contact, a hallway motion sensor and a watch. */
function home(options: StateOptions = {}, devices = ['bed', 'door', 'pir', 'watch']): ElderState {
  const all = [deviceFacts('bed-1', 'bed_sensor', 'bedroom'), deviceFacts('door-1', 'door_sensor', 'entrance'), deviceFacts('pir-1', 'motion_sensor', 'hallway'), deviceFacts('watch-1', 'wearable')];
  const kept = all.filter((d) => devices.some((name) => d.id.startsWith(name)));
  const [first, ...others] = kept;
  return elderState({ kind: first?.kind ?? 'door_sensor', deviceId: first?.id ?? 'door-1', room: first?.room ?? null, otherDevices: others, ...options });
}

const envelope = (at: number) => ({ msgId: `m-${++seq}`, ts: at });
const outOfBed = (at: number): DeviceMessage => ({ kind: 'bed_sensor', channel: 'events', payload: { ...envelope(at), type: 'out_of_bed' } });
const inBed = (at: number): DeviceMessage => ({ kind: 'bed_sensor', channel: 'events', payload: { ...envelope(at), type: 'in_bed' } });
const doorOpen = (at: number): DeviceMessage => ({ kind: 'door_sensor', channel: 'events', payload: { ...envelope(at), type: 'door_open' } });
const motion = (at: number): DeviceMessage => ({ kind: 'motion_sensor', channel: 'events', payload: { ...envelope(at), type: 'motion' } });
const fenceExit = (at: number): DeviceMessage => ({ kind: 'wearable', channel: 'events', payload: { ...envelope(at), type: 'geofence_exit', fence: 'home' } });
const fenceEnter = (at: number): DeviceMessage => ({ kind: 'wearable', channel: 'events', payload: { ...envelope(at), type: 'geofence_enter', fence: 'home' } });

const send = (s: RuleScenario, deviceId: string, message: DeviceMessage, at: number): Decision[] => s.step(deviceId, (state) => evaluateMessage(message, state, at));
const fire = (s: RuleScenario, at?: number): Decision[] => s.fire(KEY, evaluateDeadline, at);
const wanderingAlerts = (s: RuleScenario): Alert[] => [...s.world.alerts.values()].filter((a) => a.type === 'night_wandering');

/** Out of bed at `at`, out of the door a minute later. */
function leavesAtNight(s: RuleScenario, at: number): void {
  send(s, 'bed-1', outOfBed(at), at);
  send(s, 'door-1', doorOpen(at + MINUTE), at + MINUTE);
}

describe('night wandering', () => {
  it('when the elder gets up at 02:00, goes out of the door and is not back in 10 minutes, then a P2 night-wandering alert is raised', () => {
    const s = ruleScenario(home());
    leavesAtNight(s, local(2, 0, 1));
    const due = s.world.armed.get(KEY);
    expect(due).toMatchObject({ kind: 'night_wandering_return', deviceId: 'door-1', dueAt: local(2, 11, 1), data: { leftAt: local(2, 1, 1), via: 'door', fence: null } });
    const fired = fire(s);
    expect(fired).toContainEqual(expect.objectContaining({ kind: 'raise', entry: expect.objectContaining({ action: 'raised', actor: 'system:rules' }) }));
    expect(wanderingAlerts(s)).toEqual([expect.objectContaining({ priority: 2, deviceId: 'door-1', context: { via: 'door', minutesAway: 10 } })]);
    expect(s.world.state.ruleStates.has(WANDERING_WATCH)).toBe(false);
  });

  it.each([
    { name: 'an elder with dementia', options: { riskCategory: 'dementia' } as StateOptions, priority: 1, minutes: 5 },
    { name: 'an elder living alone whose care profile sets P1', options: { riskCategory: 'alone', overrides: { nightWanderingPriority: 1 } } as StateOptions, priority: 1, minutes: 10 },
    { name: 'an elder living alone', options: { riskCategory: 'alone' } as StateOptions, priority: 2, minutes: 10 },
  ])('when $name wanders at night, then the alert is P$priority after $minutes minutes', ({ options, priority, minutes }) => {
    const s = ruleScenario(home(options));
    leavesAtNight(s, local(3, 0, 1));
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(3, 1 + minutes, 1));
    fire(s);
    expect(wanderingAlerts(s)).toEqual([expect.objectContaining({ priority, context: { via: 'door', minutesAway: minutes } })]);
  });

  it('when the door opens at night while the bed sensor has the elder in bed, then nothing is watched (a night carer leaving)', () => {
    const s = ruleScenario(home());
    expect(send(s, 'door-1', doorOpen(local(1, 0, 1)), local(1, 0, 1))).toContainEqual({ kind: 'ignore', reason: 'door_at_night_elder_in_bed' });
    expect(s.world.armed.has(KEY)).toBe(false);
  });

  it('when a home without a bed sensor or camera has its door opened at night, then the door alone starts the watch', () => {
    const s = ruleScenario(home({}, ['door', 'pir']));
    send(s, 'door-1', doorOpen(local(23, 30)), local(23, 30));
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(23, 40));
  });

  it.each([
    ['21:59', local(21, 59)],
    ['06:00', local(6, 0, 1)],
    ['10:00', T0],
  ])('when the elder goes out of the door at %s (daytime), then nothing is watched', (_clock, at) => {
    const s = ruleScenario(home({}, ['door', 'pir']));
    send(s, 'door-1', doorOpen(at), at);
    expect(s.world.armed.has(KEY)).toBe(false);
  });

  it('when the elder is back in bed within the minutes, then the watch ends and no alert is raised', () => {
    const s = ruleScenario(home());
    leavesAtNight(s, local(2, 0, 1));
    const back = send(s, 'bed-1', inBed(local(2, 6, 1)), local(2, 6, 1));
    expect(back).toContainEqual({ kind: 'disarm', key: KEY });
    expect(back).toContainEqual({ kind: 'setState', key: WANDERING_WATCH, value: null });
    expect(s.world.armed.has(KEY)).toBe(false);
    expect(wanderingAlerts(s)).toEqual([]);
  });

  it('when the hallway sensor sees motion a minute after the door (on the way out), then the watch goes on; motion 3 minutes after it is the elder back', () => {
    const s = ruleScenario(home());
    leavesAtNight(s, local(2, 0, 1));
    send(s, 'pir-1', motion(local(2, 2, 1)), local(2, 2, 1));
    expect(s.world.armed.has(KEY)).toBe(true);
    send(s, 'pir-1', motion(local(2, 4, 1)), local(2, 4, 1));
    expect(s.world.armed.has(KEY)).toBe(false);
  });

  it('when the watch leaves the home fence at night after a bed exit and comes back inside in time, then the watch starts and ends with no alert', () => {
    const s = ruleScenario(home());
    send(s, 'bed-1', outOfBed(local(0, 30, 1)), local(0, 30, 1));
    send(s, 'watch-1', fenceExit(local(0, 35, 1)), local(0, 35, 1));
    expect(s.world.armed.get(KEY)).toMatchObject({ deviceId: 'watch-1', data: { via: 'fence', fence: 'home' } });
    send(s, 'watch-1', fenceEnter(local(0, 40, 1)), local(0, 40, 1));
    expect(s.world.armed.has(KEY)).toBe(false);
    expect(wanderingAlerts(s)).toEqual([]);
  });

  it('when the door opens twice before the elder is back, then the first time counts', () => {
    const s = ruleScenario(home());
    leavesAtNight(s, local(2, 0, 1));
    expect(send(s, 'door-1', doorOpen(local(2, 5, 1)), local(2, 5, 1))).toContainEqual({ kind: 'ignore', reason: 'night_wandering_already_watched' });
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(2, 11, 1));
  });

  it('when the elder leaves at 23:55 and the deadline falls after midnight, then the alert is raised the next local day with the minutes counted across midnight', () => {
    const s = ruleScenario(home());
    send(s, 'bed-1', outOfBed(local(23, 50)), local(23, 50));
    send(s, 'door-1', doorOpen(local(23, 55)), local(23, 55));
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(0, 5, 1));
    fire(s);
    expect(wanderingAlerts(s)).toEqual([expect.objectContaining({ raisedAt: local(0, 5, 1), context: { via: 'door', minutesAway: 10 } })]);
  });

  it('when the gateway restarts while the watch is on and the deadline fires late, then the alert is raised from the stored deadline and memory alone, counting the real minutes', () => {
    const before = ruleScenario(home());
    leavesAtNight(before, local(2, 0, 1));
    // What survives a restart: the stored deadline and the rule memory. The rest of the state is built again.
    const stored = before.world.armed.get(KEY);
    if (!stored) throw new Error('not armed');
    const restarted = { ...home(), device: null, ruleStates: new Map(before.world.state.ruleStates) };
    const decisions = evaluateDeadline(stored, restarted, local(2, 31, 1));
    expect(decisions).toContainEqual({ kind: 'setState', key: WANDERING_WATCH, value: null });
    expect(decisions).toContainEqual(expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ type: 'night_wandering', context: { via: 'door', minutesAway: 30 } }) }));
  });

  it('when the elder comes back after the alert, then the return is noted on the alert once and the alert stays for the desk', () => {
    const s = ruleScenario(home());
    leavesAtNight(s, local(2, 0, 1));
    fire(s);
    const first = send(s, 'pir-1', motion(local(2, 20, 1)), local(2, 20, 1));
    expect(first).toContainEqual(expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ status: 'raised', context: expect.objectContaining({ backAt: local(2, 20, 1) }) }), entry: expect.objectContaining({ action: 'noted', note: 'motion seen at home' }) }));
    const second = send(s, 'pir-1', motion(local(2, 21, 1)), local(2, 21, 1));
    expect(second.filter((d) => d.kind === 'update' && d.alert.type === 'night_wandering')).toEqual([]);
  });

  it('when the elder came back and goes out again while the alert is still open, then the new departure is watched and repeats the alert, which no longer says back', () => {
    const s = ruleScenario(home());
    leavesAtNight(s, local(2, 0, 1));
    fire(s);
    send(s, 'bed-1', inBed(local(2, 20, 1)), local(2, 20, 1));
    expect(wanderingAlerts(s)[0]?.context).toMatchObject({ backAt: local(2, 20, 1) });
    leavesAtNight(s, local(3, 0, 1));
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(3, 11, 1));
    const again = fire(s);
    expect(again).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'repeated', note: 'out again and not back' }) }));
    expect(wanderingAlerts(s)).toEqual([expect.objectContaining({ count: 2, context: { via: 'door', minutesAway: 10 } })]);
  });

  it('when the elder is marked away before the deadline fires, then no alert is raised', () => {
    const s = ruleScenario(home());
    leavesAtNight(s, local(2, 0, 1));
    s.setAway({ since: local(2, 5, 1), until: null });
    expect(fire(s)).toEqual([{ kind: 'setState', key: WANDERING_WATCH, value: null }, { kind: 'ignore', reason: 'elder_away' }]);
    expect(wanderingAlerts(s)).toEqual([]);
  });
});
