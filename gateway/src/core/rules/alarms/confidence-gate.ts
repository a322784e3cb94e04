import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { MINUTE } from '../../time-units.js';

// Camera analytics guess. A single low-confidence detection (a coat on a chair "falling") should not wake the desk,
// but the same doubtful detection repeating within a few minutes is evidence. Detections below the elder's
// minimum confidence are remembered per device and detection; enough of them within the window alarm.
// The app logs every event, so a detection that does not alarm is still on record.

export interface ConfidenceGate {
  alarm: boolean;
  /** Memory updates (and the reason when it does not alarm), to return along with the rule's own decisions. */
  decisions: Decision[];
}

export function passesConfidenceGate(detection: string, confidence: number | undefined, state: ElderState, now: number): ConfidenceGate {
  const { cameraMinConfidence, cameraLowConfidenceRepeats, cameraLowConfidenceWindowMinutes } = state.thresholds;
  // Detectors that report no confidence (most wearables) are taken at their word.
  if (confidence === undefined || confidence >= cameraMinConfidence) return { alarm: true, decisions: [] };
  const device = state.device;
  if (!device) return { alarm: false, decisions: [ignore('no_device_in_state')] };
  const key = `low_confidence:${device.id}:${detection}`;
  const windowMs = cameraLowConfidenceWindowMinutes * MINUTE;
  const remembered = state.ruleStates.get(key)?.['times'];
  const recent = Array.isArray(remembered) ? remembered.filter((t) => now - t <= windowMs) : [];
  const times = [...recent, now];
  // Forget once it alarms: the open alert now counts repeats, and the next doubtful series starts afresh.
  if (times.length >= cameraLowConfidenceRepeats) return { alarm: true, decisions: [{ kind: 'setState', key, value: null }] };
  return { alarm: false, decisions: [{ kind: 'setState', key, value: { times } }, ignore('low_confidence_recorded')] };
}
