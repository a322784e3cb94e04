import { describe, expect, it } from 'vitest';
import type { BedSensorTelemetry, WearableTelemetry } from '../../../schemas/index.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { vitalsReported, type VitalReadings } from '../../../gateway/src/core/rules/alarms/vital-signs.rule.js';
import { deviceFacts, elderState, T0, type StateOptions, named } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

// Readings are fed at the given offsets (seconds after T0); the gateway's stored outcome is checked at the end.

const SECOND = 1_000;

/** Feeds [deviceId, secondsAfterT0, readings] steps and keeps everything the gateway would have stored. */
function play(start: ElderState, steps: Array<[string, number, VitalReadings]>) {
  const s = ruleScenario(start);
  const decided: Decision[][] = steps.map(([deviceId, seconds, reading]) => s.step(deviceId, (state) => vitalsReported(reading, state, T0 + seconds * SECOND)));
  const world = s.world;
  return { ...world, decided, all: [...world.alerts.values()] };
}

/** Feeds [secondsAfterT0, readings] pairs from `deviceId`, the elder's only device. */
const feed = (readings: Array<[number, VitalReadings]>, options: StateOptions = {}, deviceId = 'dev-1') =>
  play(elderState({ kind: 'wearable', deviceId, ...options }), readings.map(([seconds, reading]): [string, number, VitalReadings] => [deviceId, seconds, reading]));

/** Feeds [deviceId, secondsAfterT0, readings] steps for an elder with a watch (watch-1) and a mattress sensor (bed-1). */
const feedDevices = (steps: Array<[string, number, VitalReadings]>) =>
  play(elderState({ kind: 'wearable', deviceId: 'watch-1', otherDevices: [deviceFacts('bed-1', 'bed_sensor', 'bedroom')] }), steps);

/** One reading every 5 s from `from` to `to` seconds, inclusive. */
const every5s = (from: number, to: number, reading: VitalReadings): Array<[number, VitalReadings]> =>
  Array.from({ length: Math.floor((to - from) / 5) + 1 }, (_, i): [number, VitalReadings] => [from + i * 5, reading]);

describe('heart rate high (above 120 for 60 s, clears below 110)', () => {
  it.each(named([
    { name: 'above 120 for 55 s, then no alert is raised', until: 55, alerts: 0 },
    { name: 'above 120 for exactly 60 s, then one alert is raised', until: 60, alerts: 1 },
    { name: 'above 120 for 90 s, then one alert is raised', until: 90, alerts: 1 },
  ]))('when the heart rate stays %s', (_name, { until, alerts }) => {
    expect(feed(every5s(0, until, { heartRate: 130 })).all).toHaveLength(alerts);
  });

  it('when it is sustained, then the alert is P2 with the value, the threshold and the unit', () => {
    const { all } = feed(every5s(0, 60, { heartRate: 130 }));
    expect(all[0]).toMatchObject({ type: 'heart_rate_high', priority: 2, status: 'raised', count: 1, raisedAt: T0 + 60 * SECOND, context: { value: 130, threshold: 120, unit: 'bpm' } });
  });

  it('when 1000 more high readings follow the alert, then it is still one alert with count 1 and nothing is written', () => {
    const { all, decided } = feed(every5s(0, 60 + 5000, { heartRate: 135 }));
    expect(all.map((a) => a.count)).toEqual([1]);
    expect(decided.slice(13).flat()).toEqual([]);
  });

  it('when readings stay high, then the condition start is written once, not per reading', () => {
    const { decided } = feed(every5s(0, 55, { heartRate: 130 }));
    expect(decided.flat()).toEqual([{ kind: 'setState', key: 'vitals:dev-1:heart_rate_high', value: { since: T0 } }]);
  });

  it.each(named([
    { name: 'drops to 115 (inside the band), then it stays open and nothing is written', value: 115, expected: [] },
    { name: 'drops to exactly 110, then it stays open', value: 110, expected: [] },
    {
      name: 'drops to 104, then it is cleared with a note and the episode forgotten',
      value: 104,
      expected: [
        expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ status: 'cleared', clearedAt: T0 + 65 * SECOND }), entry: expect.objectContaining({ action: 'cleared', note: 'heart rate 104 back below 110' }) }),
        { kind: 'setState', key: 'vitals:dev-1:heart_rate_high', value: null },
      ],
    },
  ]))('when the heart rate of an open alert %s', (_name, { value, expected }) => {
    const { state, decided } = feed([...every5s(0, 60, { heartRate: 130 }), [65, { heartRate: value }]]);
    expect(decided.at(-1)).toEqual(expected);
    expect(state.openAlerts).toHaveLength(expected.length > 0 ? 0 : 1);
  });

  it('when a normal reading comes before the 60 s, then the episode restarts and 60 s from the first reading is not enough', () => {
    const { all, state } = feed([...every5s(0, 30, { heartRate: 130 }), [35, { heartRate: 100 }], ...every5s(40, 90, { heartRate: 130 })]);
    expect(all).toEqual([]);
    expect(state.ruleStates.get('vitals:dev-1:heart_rate_high')).toEqual({ since: T0 + 40 * SECOND });
  });

  it('when a reading in the band interrupts a pending episode, then it is not sustained', () => {
    const { state } = feed([[0, { heartRate: 130 }], [5, { heartRate: 115 }]]);
    expect(state.ruleStates.has('vitals:dev-1:heart_rate_high')).toBe(false);
  });

  it('when the condition returns after a clear, then a new episode needs another 60 s', () => {
    const { all } = feed([...every5s(0, 60, { heartRate: 130 }), [65, { heartRate: 100 }], ...every5s(70, 125, { heartRate: 130 })]);
    expect(all.map((a) => a.status)).toEqual(['cleared']);
  });
});

describe('thresholds per elder', () => {
  it.each(named([
    { name: 'the default limit of 120 has a heart rate of 105 for 60 s, then no alert is raised', options: {}, alerts: 0 },
    { name: 'their own limit of 100 has a heart rate of 105 for 60 s, then one alert is raised', options: { overrides: { heartRateHigh: 100, heartRateHighClear: 95 } }, alerts: 1 },
  ]))('when an elder with %s', (_name, { options, alerts }) => {
    const { all } = feed(every5s(0, 60, { heartRate: 105 }), options);
    expect(all).toHaveLength(alerts);
    if (alerts) expect(all[0]?.context).toMatchObject({ threshold: 100 });
  });
});

describe('other vital signs', () => {
  it.each(named([
    { name: 'heart rate 40 (heart_rate_low)', reading: { heartRate: 40 }, seconds: 60, type: 'heart_rate_low', threshold: 45 },
    { name: 'SpO2 88 % (spo2_low)', reading: { spo2: 88 }, seconds: 60, type: 'spo2_low', threshold: 90 },
    { name: 'skin temperature 38.4 °C (skin_temperature_high)', reading: { skinTemperature: 38.4 }, seconds: 300, type: 'skin_temperature_high', threshold: 38 },
    { name: 'breathing rate 30 (breathing_rate_high)', reading: { breathingRate: 30 }, seconds: 60, type: 'breathing_rate_high', threshold: 28 },
    { name: 'breathing rate 6 (breathing_rate_low)', reading: { breathingRate: 6 }, seconds: 60, type: 'breathing_rate_low', threshold: 8 },
  ]))('when %s lasts its sustain time, then a P2 alert of its type is raised, and not a second earlier', (_name, { reading, seconds, type, threshold }) => {
    expect(feed([[0, reading], [seconds - 1, reading]]).all).toEqual([]);
    const { all } = feed([[0, reading], [seconds, reading]]);
    expect(all).toEqual([expect.objectContaining({ type, priority: 2, context: expect.objectContaining({ threshold }) })]);
  });

  it.each(named([
    { name: 'heart rate is back to 48 (in the band), then it stays open', reading: { heartRate: 48 }, open: true },
    { name: 'heart rate is back to 52, then it clears', reading: { heartRate: 52 }, open: false },
  ]))('when a low heart rate alert is open and the %s', (_name, { reading, open }) => {
    const { state } = feed([[0, { heartRate: 40 }], [60, { heartRate: 40 }], [65, reading]]);
    expect(state.openAlerts.length > 0).toBe(open);
  });

  it('when a low SpO2 recovers past 93, then the note says so', () => {
    const { decided } = feed([[0, { spo2: 85 }], [60, { spo2: 85 }], [65, { spo2: 95 }]]);
    expect(decided.at(-1)?.[0]).toMatchObject({ entry: { note: 'SpO2 95 back above 93' } });
  });

  it('when a wearable vitals message carries SpO2 and steps, then it is passed straight in and steps are not judged', () => {
    const low: WearableTelemetry = { msgId: 'v-1', ts: T0, type: 'vitals', spo2: 86, steps: 4000 };
    const steps: WearableTelemetry = { msgId: 'v-2', ts: T0, type: 'vitals', steps: 4100 };
    expect(vitalsReported(steps, elderState({ kind: 'wearable' }), T0)).toEqual([]);
    expect(vitalsReported(low, elderState({ kind: 'wearable' }), T0)).toEqual([{ kind: 'setState', key: 'vitals:dev-1:spo2_low', value: { since: T0 } }]);
  });

  it('when a bed sensor reports a high breathing rate and a normal heart rate for 60 s, then only breathing_rate_high is raised', () => {
    const message = (seconds: number): BedSensorTelemetry => ({ msgId: `bv-${seconds}`, ts: T0 + seconds * SECOND, type: 'bed_vitals', heartRate: 72, breathingRate: 32 });
    const { all } = feed([[0, message(0)], [30, message(30)], [60, message(60)]], { kind: 'bed_sensor' });
    expect(all).toEqual([expect.objectContaining({ type: 'breathing_rate_high', deviceId: 'dev-1', context: { value: 32, threshold: 28, unit: 'breaths/min' } })]);
  });

  it('when a bed sensor reports a slow breathing rate that recovers past 10, then the alert clears', () => {
    const { all } = feed([[0, { breathingRate: 6 }], [60, { breathingRate: 6 }], [65, { breathingRate: 9 }], [70, { breathingRate: 12 }]], { kind: 'bed_sensor' });
    expect(all.map((a) => [a.type, a.status])).toEqual([['breathing_rate_low', 'cleared']]);
  });

  it('when two conditions of different metrics run at once, then each has its own memory and alert', () => {
    const { all, state } = feed([[0, { heartRate: 130, spo2: 85 }], [60, { heartRate: 130, spo2: 85 }], [65, { heartRate: 100, spo2: 85 }]]);
    expect(all.map((a) => [a.type, a.status])).toEqual([['heart_rate_high', 'cleared'], ['spo2_low', 'raised']]);
    expect([...state.ruleStates.keys()]).toEqual(['vitals:dev-1:spo2_low']);
  });
});

describe('two devices measuring the same elder (a watch and a mattress sensor)', () => {
  const watch = (from: number, to: number, heartRate: number): Array<[string, number, VitalReadings]> => every5s(from, to, { heartRate }).map(([s, r]) => ['watch-1', s, r]);

  it('when a normal mattress reading comes during a high heart rate episode of the watch, then the watch’s episode goes on and raises at 60 s', () => {
    const { all, decided, state } = feedDevices([...watch(0, 25, 130), ['bed-1', 30, { heartRate: 72 }], ...watch(30, 60, 130)]);
    expect(decided[6]).toEqual([]);
    expect(all).toEqual([expect.objectContaining({ type: 'heart_rate_high', deviceId: 'watch-1', raisedAt: T0 + 60 * SECOND })]);
    expect(state.ruleStates.get('vitals:watch-1:heart_rate_high')).toEqual({ since: T0 });
    expect(state.ruleStates.has('vitals:bed-1:heart_rate_high')).toBe(false);
  });

  it('when the watch’s heart rate alert is open and the mattress reads back in range, then the alert stays open, and the watch’s own reading clears it', () => {
    const open = feedDevices([...watch(0, 60, 130), ['bed-1', 65, { heartRate: 72 }]]);
    expect(open.decided.at(-1)).toEqual([]);
    expect(open.state.openAlerts).toEqual([expect.objectContaining({ type: 'heart_rate_high', deviceId: 'watch-1', status: 'raised' })]);

    const cleared = feedDevices([...watch(0, 60, 130), ['bed-1', 65, { heartRate: 72 }], ['watch-1', 70, { heartRate: 100 }]]);
    expect(cleared.decided.at(-1)).toEqual([
      expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ status: 'cleared', clearedAt: T0 + 70 * SECOND }), entry: expect.objectContaining({ actor: 'device:watch-1', note: 'heart rate 100 back below 110' }) }),
      { kind: 'setState', key: 'vitals:watch-1:heart_rate_high', value: null },
    ]);
    expect(cleared.state.openAlerts).toEqual([]);
  });

  it('when the watch’s heart rate alert is open and the mattress also reads high, then the alert is not counted again', () => {
    const { all, decided } = feedDevices([...watch(0, 60, 130), ['bed-1', 65, { heartRate: 135 }], ['bed-1', 130, { heartRate: 135 }]]);
    expect(decided.slice(-2)).toEqual([[], []]);
    expect(all).toEqual([expect.objectContaining({ type: 'heart_rate_high', deviceId: 'watch-1', count: 1, status: 'raised' })]);
  });

  it('when the mattress started an episode, the watch raised the alert and the mattress then reads normal, then the mattress episode is forgotten and a later high reading starts a new one', () => {
    const steps: Array<[string, number, VitalReadings]> = [['bed-1', 0, { heartRate: 130 }], ...watch(0, 60, 130), ['bed-1', 65, { heartRate: 72 }]];
    const during = feedDevices(steps);
    expect(during.decided.at(-1)).toEqual([{ kind: 'setState', key: 'vitals:bed-1:heart_rate_high', value: null }]);
    const later = feedDevices([...steps, ['watch-1', 70, { heartRate: 100 }], ['bed-1', 7200, { heartRate: 125 }]]);
    expect(later.decided.at(-1)).toEqual([{ kind: 'setState', key: 'vitals:bed-1:heart_rate_high', value: { since: T0 + 7200 * SECOND } }]);
    expect(later.state.openAlerts).toEqual([]);
  });
});

