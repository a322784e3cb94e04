import { describe, expect, it } from 'vitest';
import type { ThresholdOverrides } from '../../../schemas/index.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { fallDetected, type Detection } from '../../../gateway/src/core/rules/alarms/fall-detected.rule.js';
import { deviceFacts, elderState, T0, type Applied } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

const MINUTE = 60_000;

/** An elder with a watch and a bedroom camera; messages come from the device named in each step. */
function home(options: Parameters<typeof elderState>[0] = {}): ElderState {
  return elderState({ kind: 'wearable', deviceId: 'watch-1', otherDevices: [deviceFacts('cam-1', 'camera', 'bedroom')], ...options });
}

function run(steps: Array<{ device: string; at: number; event: Detection }>, state = home()): Applied {
  const s = ruleScenario(state);
  for (const step of steps) s.step(step.device, (from) => fallDetected(step.event, from, step.at));
  return s.world;
}

const camFall = (confidence: number): Detection => ({ confidence, room: 'bedroom', zone: 'floor', snapshotRef: 'nvr://cam-1/1' });

describe('fall detected', () => {
  it('when the wearable reports a fall without confidence, then a P1 fall alert is raised with only its source as context', () => {
    expect(fallDetected({}, home(), T0)).toEqual([
      {
        kind: 'raise',
        alert: expect.objectContaining({ type: 'fall', priority: 1, status: 'raised', deviceId: 'watch-1', dedupKey: 'fall', context: { source: 'wearable' }, count: 1 }),
        entry: { alertId: 'id-1', at: T0, action: 'raised', actor: 'device:watch-1', note: null },
      },
    ]);
  });

  it('when a camera reports a confident fall, then the context holds room, zone, confidence, snapshot and source', () => {
    const world = run([{ device: 'cam-1', at: T0, event: camFall(0.92) }]);
    expect([...world.alerts.values()]).toEqual([
      expect.objectContaining({ type: 'fall', deviceId: 'cam-1', context: { room: 'bedroom', zone: 'floor', confidence: 0.92, snapshotRef: 'nvr://cam-1/1', source: 'camera' } }),
    ]);
  });

  it('when the wearable and the camera report the same fall, then they merge into one alert counted twice', () => {
    const world = run([
      { device: 'watch-1', at: T0, event: {} },
      { device: 'cam-1', at: T0 + 3_000, event: camFall(0.9) },
    ]);
    expect([...world.alerts.values()]).toEqual([expect.objectContaining({ dedupKey: 'fall', deviceId: 'watch-1', count: 2, lastSeenAt: T0 + 3_000 })]);
  });

  it('when 1000 fall events flood in, then there is one alert with count 1000', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => ({ device: 'watch-1', at: T0 + i * 100, event: { confidence: 0.95 } }));
    const world = run(steps);
    expect(world.alerts.size).toBe(1);
    expect([...world.alerts.values()][0]).toMatchObject({ type: 'fall', count: 1000, raisedAt: T0, lastSeenAt: T0 + 999 * 100 });
  });

  it('when a single camera fall is below the minimum confidence, then there is no alert but the detection is remembered', () => {
    const world = run([{ device: 'cam-1', at: T0, event: camFall(0.4) }]);
    expect(world.alerts.size).toBe(0);
    expect(world.state.ruleStates.get('low_confidence:cam-1:fall')).toEqual({ times: [T0] });
  });

  // [situation, outcome, minutes after T0, alerts]
  it.each<[string, string, number[], number]>([
    ['three low-confidence camera falls come within 10 minutes', 'the third raises the alert', [0, 4, 9], 1],
    ['three low-confidence camera falls are spread over an hour', 'no alert is raised', [0, 30, 60], 0],
  ])('when %s, then %s', (_situation, _outcome, gaps, alerts) => {
    const world = run(gaps.map((m) => ({ device: 'cam-1', at: T0 + m * MINUTE, event: camFall(0.4) })));
    expect(world.alerts.size).toBe(alerts);
    if (alerts) expect([...world.alerts.values()][0]).toMatchObject({ type: 'fall', count: 1, raisedAt: T0 + gaps[2]! * MINUTE });
  });

  // [situation, alerts raised, the elder's overrides]
  it.each<[string, number, ThresholdOverrides]>([
    ['the default minimum confidence (0.7) applies', 0, {}],
    ['the elder’s override lowers the minimum to 0.5', 1, { cameraMinConfidence: 0.5 }],
  ])('when a 0.6 camera fall arrives and %s, then %i alert(s) are raised', (_situation, alerts, overrides) => {
    const world = run([{ device: 'cam-1', at: T0, event: camFall(0.6) }], home({ overrides }));
    expect(world.alerts.size).toBe(alerts);
  });

  it('when a camera in test mode reports a fall while a real fall is open, then it raises a separate test alert', () => {
    const state = home({ otherDevices: [deviceFacts('cam-test', 'camera', 'bedroom', true)] });
    const world = run(
      [
        { device: 'watch-1', at: T0, event: {} },
        { device: 'cam-test', at: T0 + 1_000, event: camFall(0.9) },
      ],
      state,
    );
    expect([...world.alerts.values()].map((a) => ({ dedupKey: a.dedupKey, test: a.test, count: a.count }))).toEqual([
      { dedupKey: 'fall', test: false, count: 1 },
      { dedupKey: 'test:fall', test: true, count: 1 },
    ]);
  });

  it('when the wearable reports a fall with confidence 0.3, then the fall alert is raised at once (the confidence gate is for cameras only)', () => {
    const world = run([{ device: 'watch-1', at: T0, event: { confidence: 0.3 } }]);
    expect([...world.alerts.values()]).toEqual([
      expect.objectContaining({ type: 'fall', priority: 1, status: 'raised', deviceId: 'watch-1', raisedAt: T0, count: 1, context: { confidence: 0.3, source: 'wearable' } }),
    ]);
    expect(world.state.ruleStates.size).toBe(0);
  });
});
