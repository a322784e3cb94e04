import type { AlertContext } from '../../../../../schemas/index.js';
import { raiseOrRepeat } from '../../alerts/alert-factory.js';
import { ignore, type Decision } from '../../decisions.js';
import type { DeviceFacts, ElderState } from '../../elder-state.js';
import { passesConfidenceGate } from './confidence-gate.js';

// A fall, from a wearable's accelerometer or a camera's analytics: a P1 alarm. Falls are elder-level, so the watch
// and the camera seeing the same fall give the desk one alert (counted twice), not two to reconcile.

export interface Detection {
  confidence?: number;
  room?: string;
  zone?: string;
  snapshotRef?: string;
}

export function fallDetected(event: Detection, state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  // The confidence gate is for camera analytics; a wearable's fall detection is trusted as the vendor tuned it.
  const confidence = device.kind === 'camera' ? event.confidence : undefined;
  const gate = passesConfidenceGate('fall', confidence, state, now);
  if (!gate.alarm) return gate.decisions;
  return [...gate.decisions, ...raiseOrRepeat(state, now, { type: 'fall', context: detectionContext(event, device) })];
}

/** What the desk needs to judge a detection, without empty fields: where, how sure, the snapshot, which sensor. */
export function detectionContext(event: Detection, device: DeviceFacts): AlertContext {
  const context: AlertContext = {};
  if (event.room !== undefined) context['room'] = event.room;
  if (event.zone !== undefined) context['zone'] = event.zone;
  if (event.confidence !== undefined) context['confidence'] = event.confidence;
  if (event.snapshotRef !== undefined) context['snapshotRef'] = event.snapshotRef;
  context['source'] = device.kind;
  return context;
}
