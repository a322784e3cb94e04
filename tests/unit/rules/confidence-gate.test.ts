import { describe, expect, it } from 'vitest';
import type { ThresholdOverrides } from '../../../schemas/index.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { passesConfidenceGate } from '../../../gateway/src/core/rules/alarms/confidence-gate.js';
import { applyDecisions, asDevice, deviceFacts, elderState, T0 } from '../../support/elder-state.js';

// Defaults: minimum confidence 0.7; 3 low-confidence detections within 10 minutes alarm.

const MINUTE = 60_000;
const KEY = 'low_confidence:cam-1:fall';

/** Runs low-confidence detections at the given times; returns each outcome and the final state. */
function detectAt(times: number[], state: ElderState = elderState({ kind: 'camera', deviceId: 'cam-1' }), detection = 'fall', confidence = 0.5) {
  const alarms: boolean[] = [];
  let current = state;
  for (const at of times) {
    const gate = passesConfidenceGate(detection, confidence, current, at);
    alarms.push(gate.alarm);
    current = applyDecisions(current, gate.decisions).state;
  }
  return { alarms, state: current };
}

describe('confidence gate', () => {
  it.each<[string, number | undefined]>([
    ['no confidence is given (a wearable)', undefined],
    ['the confidence is exactly the minimum', 0.7],
    ['the confidence is certain', 1],
  ])('when %s, then it alarms and remembers nothing', (_situation, confidence) => {
    expect(passesConfidenceGate('fall', confidence, elderState({ kind: 'camera', deviceId: 'cam-1' }), T0)).toEqual({ alarm: true, decisions: [] });
  });

  it('when a single detection is below the minimum, then it does not alarm and its time is kept', () => {
    expect(passesConfidenceGate('fall', 0.69, elderState({ kind: 'camera', deviceId: 'cam-1' }), T0)).toEqual<{ alarm: boolean; decisions: Decision[] }>({
      alarm: false,
      decisions: [
        { kind: 'setState', key: KEY, value: { times: [T0] } },
        { kind: 'ignore', reason: 'low_confidence_recorded' },
      ],
    });
  });

  // [situation, outcome, detection times, alarm per detection]
  it.each<[string, string, number[], boolean[]]>([
    ['three arrive within a minute', 'the third alarms', [T0, T0 + 20_000, T0 + 40_000], [false, false, true]],
    ['the third is exactly at the window edge', 'the third alarms', [T0, T0 + 5 * MINUTE, T0 + 10 * MINUTE], [false, false, true]],
    ['the third is 1 ms past the window of the first', 'none alarms', [T0, T0 + 5 * MINUTE, T0 + 10 * MINUTE + 1], [false, false, false]],
    ['three are spread over an hour', 'none alarms', [T0, T0 + 30 * MINUTE, T0 + 60 * MINUTE], [false, false, false]],
    ['an old one expires and three recent ones follow', 'the fourth alarms', [T0, T0 + 15 * MINUTE, T0 + 16 * MINUTE, T0 + 17 * MINUTE], [false, false, false, true]],
  ])('when %s, then %s', (_situation, _outcome, times, alarms) => {
    expect(detectAt(times).alarms).toEqual(alarms);
  });

  it('when the repeats alarm, then the memory is forgotten so the next doubtful series starts afresh', () => {
    const { state } = detectAt([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(state.ruleStates.has(KEY)).toBe(false);
    expect(detectAt([T0 + 3 * MINUTE], state).alarms).toEqual([false]);
  });

  it('when old times are remembered, then only those within the window are kept', () => {
    const { state } = detectAt([T0, T0 + 12 * MINUTE]);
    expect(state.ruleStates.get(KEY)).toEqual({ times: [T0 + 12 * MINUTE] });
  });

  it('when low-confidence detections are of different kinds or cameras, then they are not counted together', () => {
    const state = elderState({ kind: 'camera', deviceId: 'cam-1', otherDevices: [deviceFacts('cam-2', 'camera')] });
    const one = detectAt([T0], state, 'fall').state;
    const two = detectAt([T0 + MINUTE], one, 'intrusion').state;
    const three = detectAt([T0 + 2 * MINUTE], asDevice(two, 'cam-2'), 'fall');
    expect(three.alarms).toEqual([false]);
    expect([...three.state.ruleStates.keys()].sort()).toEqual(['low_confidence:cam-1:fall', 'low_confidence:cam-1:intrusion', 'low_confidence:cam-2:fall']);
  });

  // [situation, outcome, the elder's overrides, confidence, minutes between detections, alarm per detection]
  it.each<[string, string, ThresholdOverrides, number, number, boolean[]]>([
    ['the elder’s minimum confidence is lowered to 0.5', 'a single 0.6 detection alarms', { cameraMinConfidence: 0.5 }, 0.6, 1, [true]],
    ['the elder’s minimum confidence is raised to 0.9', 'a single 0.8 detection does not', { cameraMinConfidence: 0.9 }, 0.8, 1, [false]],
    ['the elder needs only 2 repeats', 'the second detection alarms', { cameraLowConfidenceRepeats: 2 }, 0.5, 1, [false, true]],
    ['the elder’s window is 60 minutes', 'three detections 25 minutes apart alarm', { cameraLowConfidenceWindowMinutes: 60 }, 0.5, 25, [false, false, true]],
  ])('when %s, then %s', (_situation, _outcome, overrides, confidence, gapMinutes, alarms) => {
    const state = elderState({ kind: 'camera', deviceId: 'cam-1', overrides });
    const times = alarms.map((_, i) => T0 + i * gapMinutes * MINUTE);
    expect(detectAt(times, state, 'fall', confidence).alarms).toEqual(alarms);
  });
});
