import { describe, expect, it } from 'vitest';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { cameraDetected, type CameraDetection } from '../../../gateway/src/core/rules/alarms/camera-detection.rule.js';
import { applyDecisions, elderState, T0, type Applied } from '../../support/elder-state.js';

const MINUTE = 60_000;

function run(events: Array<{ at: number; event: CameraDetection }>, state: ElderState = elderState({ kind: 'camera', deviceId: 'cam-1', room: '203' })): Applied {
  return events.reduce((world, { at, event }) => applyDecisions(world.state, cameraDetected(event, world.state, at), world), applyDecisions(state, []));
}

describe('camera detection', () => {
  it.each([
    { type: 'no_motion', priority: 2 },
    { type: 'prolonged_stay', priority: 2 },
    { type: 'wandering', priority: 2 },
    { type: 'intrusion', priority: 2 },
  ] as const)('when the camera confidently detects $type, then a P$priority $type alert is raised with the detection as context', ({ type, priority }) => {
    const decisions = cameraDetected({ type, room: '203', zone: 'bathroom', confidence: 0.85, snapshotRef: 'snap-9' }, elderState({ kind: 'camera', deviceId: 'cam-1' }), T0);
    expect(decisions).toEqual([
      expect.objectContaining({
        kind: 'raise',
        alert: expect.objectContaining({ type, priority, deviceId: 'cam-1', dedupKey: type, context: { room: '203', zone: 'bathroom', confidence: 0.85, snapshotRef: 'snap-9', source: 'camera' } }),
      }),
    ]);
  });

  it('when optional fields are missing, then the context has only what the camera sent', () => {
    const world = run([{ at: T0, event: { type: 'intrusion', room: '203', confidence: 0.9 } }]);
    expect([...world.alerts.values()][0]?.context).toEqual({ room: '203', confidence: 0.9, source: 'camera' });
  });

  it('when the same detection repeats, then it is one alert with a count and the latest confidence', () => {
    const world = run([
      { at: T0, event: { type: 'wandering', room: '203', confidence: 0.8 } },
      { at: T0 + MINUTE, event: { type: 'wandering', room: '203', confidence: 0.95 } },
    ]);
    expect([...world.alerts.values()]).toEqual([expect.objectContaining({ type: 'wandering', count: 2, context: expect.objectContaining({ confidence: 0.95 }) })]);
  });

  // [situation, alerts raised, minutes after T0]
  it.each<[string, number, number[]]>([
    ['one low-confidence no_motion detection', 0, [0]],
    ['three low-confidence no_motion detections within 10 minutes', 1, [0, 2, 5]],
    ['three low-confidence no_motion detections spread over an hour', 0, [0, 30, 60]],
  ])('when %s, then %i alert(s) are raised', (_situation, alerts, gaps) => {
    const world = run(gaps.map((m) => ({ at: T0 + m * MINUTE, event: { type: 'no_motion', room: '203', confidence: 0.3 } })));
    expect(world.alerts.size).toBe(alerts);
    if (!alerts) expect(world.state.ruleStates.has('low_confidence:cam-1:no_motion')).toBe(true);
  });

  it('when low-confidence detections are of different types, then they do not add up to an alarm', () => {
    const world = run([
      { at: T0, event: { type: 'no_motion', room: '203', confidence: 0.3 } },
      { at: T0 + MINUTE, event: { type: 'intrusion', room: '203', confidence: 0.3 } },
      { at: T0 + 2 * MINUTE, event: { type: 'wandering', room: '203', confidence: 0.3 } },
    ]);
    expect(world.alerts.size).toBe(0);
  });

  it('when the elder’s override lowers the minimum confidence to 0.5, then a 0.55 intrusion alarms at once', () => {
    const state = elderState({ kind: 'camera', deviceId: 'cam-1', overrides: { cameraMinConfidence: 0.5 } });
    expect(run([{ at: T0, event: { type: 'intrusion', room: '203', confidence: 0.55 } }], state).alerts.size).toBe(1);
  });

  it('when the camera is in test mode, then the alert is marked test with its own dedup key', () => {
    const state = elderState({ kind: 'camera', deviceId: 'cam-1', testMode: true });
    expect([...run([{ at: T0, event: { type: 'prolonged_stay', room: '203', confidence: 0.9 } }], state).alerts.values()]).toEqual([
      expect.objectContaining({ test: true, dedupKey: 'test:prolonged_stay' }),
    ]);
  });
});
