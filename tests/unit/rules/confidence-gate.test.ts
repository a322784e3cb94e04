import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { passesConfidenceGate } from '../../../gateway/src/core/rules/confidence-gate.js';
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
  it.each([
    { situation: 'no confidence is given (a wearable)', confidence: undefined },
    { situation: 'the confidence is exactly the minimum', confidence: 0.7 },
    { situation: 'the confidence is certain', confidence: 1 },
  ])('when $situation, then it alarms and remembers nothing', ({ confidence }) => {
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

  it.each([
    { situation: 'three arrive within a minute', times: [T0, T0 + 20_000, T0 + 40_000], alarms: [false, false, true] },
    { situation: 'the third is exactly at the window edge', times: [T0, T0 + 5 * MINUTE, T0 + 10 * MINUTE], alarms: [false, false, true] },
    { situation: 'the third is 1 ms past the window of the first', times: [T0, T0 + 5 * MINUTE, T0 + 10 * MINUTE + 1], alarms: [false, false, false] },
    { situation: 'three are spread over an hour', times: [T0, T0 + 30 * MINUTE, T0 + 60 * MINUTE], alarms: [false, false, false] },
    { situation: 'an old one expires and two new ones follow', times: [T0, T0 + 15 * MINUTE, T0 + 16 * MINUTE, T0 + 17 * MINUTE], alarms: [false, false, false, true] },
  ])('when $situation, then the alarms are $alarms', ({ times, alarms }) => {
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

  it.each([
    { situation: 'the elder’s minimum confidence is lowered to 0.5', overrides: { cameraMinConfidence: 0.5 }, confidence: 0.6, gapMinutes: 1, alarms: [true] },
    { situation: 'the elder’s minimum confidence is raised to 0.9', overrides: { cameraMinConfidence: 0.9 }, confidence: 0.8, gapMinutes: 1, alarms: [false] },
    { situation: 'the elder needs only 2 repeats', overrides: { cameraLowConfidenceRepeats: 2 }, confidence: 0.5, gapMinutes: 1, alarms: [false, true] },
    { situation: 'the elder’s window is 60 minutes', overrides: { cameraLowConfidenceWindowMinutes: 60 }, confidence: 0.5, gapMinutes: 25, alarms: [false, false, true] },
  ])('when $situation, then the alarms are $alarms', ({ overrides, confidence, gapMinutes, alarms }) => {
    const state = elderState({ kind: 'camera', deviceId: 'cam-1', overrides });
    const times = alarms.map((_, i) => T0 + i * gapMinutes * MINUTE);
    expect(detectAt(times, state, 'fall', confidence).alarms).toEqual(alarms);
  });
});
