import type { AlertType, Thresholds } from '../../../../../schemas/index.js';
import { clearCondition, findOpenAlert, raiseOrRepeat } from '../../alerts/alert-factory.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';

// Vital signs from a wearable or a bed sensor. A single reading past a limit is often a motion artefact, so a
// condition alarms only when it lasts ("heart rate above 120 for 60 s"), and clears only past a second limit on the
// safe side ("back below 110"), so a value hovering at the limit neither flaps nor floods the desk.
// Telemetry arrives every few seconds: the rule writes its memory only when the condition starts or ends.

export interface VitalReadings {
  heartRate?: number;
  spo2?: number;
  skinTemperature?: number;
  breathingRate?: number;
}

type NumericThreshold = { [K in keyof Thresholds]: Thresholds[K] extends number ? K : never }[keyof Thresholds];

interface VitalCondition {
  type: AlertType;
  metric: keyof VitalReadings;
  /** How the metric is named in timeline notes. */
  label: string;
  unit: string;
  /** 'above': the condition is a value above `start`, ending below `clear`; 'below' the other way round. */
  direction: 'above' | 'below';
  start: NumericThreshold;
  clear: NumericThreshold;
  sustainSeconds: NumericThreshold;
}

export const VITAL_CONDITIONS: readonly VitalCondition[] = [
  { type: 'heart_rate_high', metric: 'heartRate', label: 'heart rate', unit: 'bpm', direction: 'above', start: 'heartRateHigh', clear: 'heartRateHighClear', sustainSeconds: 'heartRateSustainSeconds' },
  { type: 'heart_rate_low', metric: 'heartRate', label: 'heart rate', unit: 'bpm', direction: 'below', start: 'heartRateLow', clear: 'heartRateLowClear', sustainSeconds: 'heartRateSustainSeconds' },
  { type: 'spo2_low', metric: 'spo2', label: 'SpO2', unit: '%', direction: 'below', start: 'spo2Low', clear: 'spo2LowClear', sustainSeconds: 'spo2SustainSeconds' },
  { type: 'skin_temperature_high', metric: 'skinTemperature', label: 'skin temperature', unit: '°C', direction: 'above', start: 'skinTemperatureHigh', clear: 'skinTemperatureHighClear', sustainSeconds: 'skinTemperatureSustainSeconds' },
  { type: 'breathing_rate_high', metric: 'breathingRate', label: 'breathing rate', unit: 'breaths/min', direction: 'above', start: 'breathingRateHigh', clear: 'breathingRateHighClear', sustainSeconds: 'breathingRateSustainSeconds' },
  { type: 'breathing_rate_low', metric: 'breathingRate', label: 'breathing rate', unit: 'breaths/min', direction: 'below', start: 'breathingRateLow', clear: 'breathingRateLowClear', sustainSeconds: 'breathingRateSustainSeconds' },
];

/** Judges every condition whose metric the message carries; other fields (steps, msgId, type) are not read. */
export function vitalsReported(readings: VitalReadings, state: ElderState, now: number): Decision[] {
  if (!state.device) return [ignore('no_device_in_state')];
  const decisions: Decision[] = [];
  for (const condition of VITAL_CONDITIONS) {
    const value = readings[condition.metric];
    if (value !== undefined) decisions.push(...judge(condition, value, state, now));
  }
  return decisions;
}

function judge(c: VitalCondition, value: number, state: ElderState, now: number): Decision[] {
  const start = state.thresholds[c.start];
  const clear = state.thresholds[c.clear];
  // Per device: a normal mattress reading must not reset a high reading the watch is timing, nor clear its alert.
  const deviceId = state.device?.id ?? '';
  const memoryKey = `vitals:${deviceId}:${c.type}`;
  const recorded = state.ruleStates.get(memoryKey)?.['since'];
  const since = typeof recorded === 'number' ? recorded : null;
  const open = findOpenAlert(state, c.type);
  const beyondStart = c.direction === 'above' ? value > start : value < start;
  const backPastClear = c.direction === 'above' ? value < clear : value > clear;

  if (beyondStart) {
    // Raised once per episode: further readings would only inflate the count.
    if (open) return [];
    if (since === null) return [{ kind: 'setState', key: memoryKey, value: { since: now } }];
    const sustainSeconds = state.thresholds[c.sustainSeconds];
    if (now - since < sustainSeconds * 1000) return [];
    return raiseOrRepeat(state, now, {
      type: c.type,
      context: { value, threshold: start, unit: c.unit },
      note: `${c.label} ${value} ${c.direction} ${start} for ${Math.round((now - since) / 1000)} s`,
    });
  }
  const forget = since === null ? [] : [{ kind: 'setState', key: memoryKey, value: null } as const];
  if (open && open.deviceId !== deviceId) {
    // Another device's alert: only that device can say it is over, but this device's own pending episode ended.
    return forget;
  }
  if (open) {
    // Inside the hysteresis band the episode goes on.
    if (!backPastClear) return [];
    const cleared = clearCondition(state, now, { type: c.type, note: `${c.label} ${value} back ${c.direction === 'above' ? 'below' : 'above'} ${clear}` });
    return [...cleared, ...forget];
  }
  // Not sustained: one normal reading before the sustain time ends the pending episode.
  return forget;
}
