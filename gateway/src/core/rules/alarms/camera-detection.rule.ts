import { raiseOrRepeat } from '../../alerts/alert-factory.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { passesConfidenceGate } from './confidence-gate.js';
import { detectionContext } from './fall-detected.rule.js';

// Camera analytics other than falls and bed exits: each detection is an alert of the same name. The camera already
// applied its own timing (how long without motion, how long in the bathroom); the gateway only weighs confidence.

export interface CameraDetection {
  type: 'no_motion' | 'prolonged_stay' | 'wandering' | 'intrusion';
  room: string;
  zone?: string;
  confidence: number;
  snapshotRef?: string;
}

export function cameraDetected(event: CameraDetection, state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const gate = passesConfidenceGate(event.type, event.confidence, state, now);
  if (!gate.alarm) return gate.decisions;
  return [...gate.decisions, ...raiseOrRepeat(state, now, { type: event.type, context: detectionContext(event, device) })];
}
