import type { DeviceMessage } from '../../../schemas/index.js';
import { alertDeadlineDue } from './alerts/alert-lifecycle.js';
import type { Deadline } from './deadline.js';
import { ignore, type Decision } from './decisions.js';
import type { ElderState } from './elder-state.js';
import { awayEnded } from './rules/life-signs/away-ended.rule.js';
import { bedExited, bedReturned, bedReturnDue } from './rules/life-signs/bed-exit-at-night.rule.js';
import { cameraDetected } from './rules/alarms/camera-detection.rule.js';
import { cancelPressed } from './rules/alarms/cancel-pressed.rule.js';
import { deviceConnected, deviceDisconnected, deviceSilentDue, offlineConfirmDue } from './rules/device-health/device-connection.rule.js';
import { deviceInstalled } from './rules/device-health/device-installed.rule.js';
import { doorUsed, doorIdleDue } from './rules/life-signs/door-activity.rule.js';
import { fallDetected } from './rules/alarms/fall-detected.rule.js';
import { geofenceCrossed, geofenceSettleDue } from './rules/alarms/geofence.rule.js';
import { hazardReported } from './rules/alarms/hazard-detected.rule.js';
import { cameBack, leftHomeAtNight, nightWanderingDue, WANDERING_WATCH } from './rules/life-signs/night-wandering.rule.js';
import { FALL_WATCH, fallNoMovementDue, movedAfterFall, stepsAfterFall, watchAfterFall } from './rules/alarms/no-movement-after-fall.rule.js';
import { batteryReported } from './rules/device-health/low-battery.rule.js';
import { bathroomStayDue, inactivityDue, motionSeen } from './rules/life-signs/motion-seen.rule.js';
import { serviceRequested } from './rules/alarms/service-requested.rule.js';
import { sosPressed } from './rules/alarms/sos-pressed.rule.js';
import { statusReported } from './rules/device-health/device-status.rule.js';
import { testSignalDue, testSignalReceived } from './rules/device-health/test-signal.rule.js';
import { vitalsReported } from './rules/alarms/vital-signs.rule.js';
import { wearableNotWornDue, wearableRemoved, wearableWorn } from './rules/life-signs/wearable-worn.rule.js';

// Which rules see which message. Each rule is a pure function `(reading, state, now) → decisions` in its own file;
// this file only routes. `state.device` is the device that sent the message.

export function evaluateMessage(message: DeviceMessage, state: ElderState, now: number): Decision[] {
  if (message.channel === 'status') {
    const p = message.payload;
    const decisions = statusReported(p, state, now);
    // A command_result proves the device alive like any status message; what it says goes to the command's record
    // (app/device-commands), not to the rules.
    if (p.type !== 'offline' && p.type !== 'command_result' && p.battery !== undefined) decisions.push(...batteryReported(p.battery, state, now));
    if (p.type === 'test') decisions.push(...testSignalReceived(state, now));
    return decisions;
  }
  switch (message.kind) {
    case 'call_button': {
      const e = message.payload;
      if (e.type === 'sos') return sosPressed(e, state, now);
      if (e.type === 'cancel') return cancelPressed(e, state, now);
      return serviceRequested(e, state, now);
    }
    case 'wearable': {
      if (message.channel === 'telemetry') {
        const t = message.payload;
        if (t.type !== 'vitals') return [ignore('position_recorded_only')];
        const vitals = vitalsReported(t, state, now);
        // Steps while a fall is watched are the wearable moving; otherwise nothing to add (the hot path).
        return state.ruleStates.has(FALL_WATCH) ? [...vitals, ...stepsAfterFall(t.steps, state, now)] : vitals;
      }
      const e = message.payload;
      switch (e.type) {
        case 'sos':
          return sosPressed(e, state, now);
        case 'fall':
          return withFallWatch(fallDetected(e, state, now), state, now);
        case 'worn':
          return wearableWorn(state, now);
        case 'removed':
          return wearableRemoved(state, now);
        case 'geofence_exit':
          return [...geofenceCrossed(e, state, now), ...leftHomeAtNight('fence', e.fence, state, now)];
        case 'geofence_enter':
          return [...geofenceCrossed(e, state, now), ...cameBack('fence', state, now)];
      }
      break;
    }
    case 'camera': {
      const e = message.payload;
      if (e.type === 'fall') return withFallWatch(fallDetected(e, state, now), state, now);
      if (e.type === 'bed_exit') return bedExited(e, state, now);
      return cameraDetected(e, state, now);
    }
    case 'smoke_detector':
    case 'gas_detector':
    case 'water_leak_sensor':
      return hazardReported(message.payload, state, now);
    case 'door_sensor':
      if (message.payload.type !== 'door_open') return doorUsed(state, now);
      return [...doorUsed(state, now), ...leftHomeAtNight('door', null, state, now)];
    case 'motion_sensor':
      return withMovement(motionSeen(state, now), 'motion', 'motion seen', state, now);
    case 'bed_sensor': {
      if (message.channel === 'telemetry') return vitalsReported(message.payload, state, now);
      return message.payload.type === 'in_bed' ? withMovement(bedReturned(state, now), 'in_bed', 'back in bed', state, now) : bedExited({}, state, now);
    }
  }
  return [ignore('no_rule_for_message')];
}

/** The broker saw the device's connection start or end (an end without DISCONNECT, or its last will). */
/** A newly raised fall starts watching for movement (no-movement-after-fall.rule.ts). */
function withFallWatch(decisions: Decision[], state: ElderState, now: number): Decision[] {
  const watch = watchAfterFall(decisions, state, now);
  return watch.length === 0 ? decisions : [...decisions, ...watch];
}

/** Motion or back in bed: the night wanderer is back, the fallen elder moved. Most of the time neither is watched. */
function withMovement(decisions: Decision[], how: 'motion' | 'in_bed', what: string, state: ElderState, now: number): Decision[] {
  // The common case on the ingest path: nothing watched, no alert open; no allocation.
  if (state.openAlerts.length === 0 && !state.ruleStates.has(WANDERING_WATCH) && !state.ruleStates.has(FALL_WATCH)) return decisions;
  const signs = [...cameBack(how, state, now), ...movedAfterFall(what, state, now)];
  return signs.length === 0 ? decisions : [...decisions, ...signs];
}

export function evaluateConnection(connected: boolean, state: ElderState, now: number): Decision[] {
  return connected ? deviceConnected(state, now) : deviceDisconnected(state, now);
}

export function evaluateDeadline(deadline: Deadline, state: ElderState, now: number): Decision[] {
  switch (deadline.kind) {
    case 'device_offline_confirm':
      return offlineConfirmDue(deadline, state, now);
    case 'device_silent':
      return deviceSilentDue(deadline, state, now);
    case 'test_signal_due':
      return testSignalDue(deadline, state, now);
    case 'wearable_not_worn':
      return wearableNotWornDue(deadline, state, now);
    case 'bed_return':
      return bedReturnDue(deadline, state, now);
    case 'inactivity':
      return inactivityDue(deadline, state, now);
    case 'bathroom_stay':
      return bathroomStayDue(deadline, state, now);
    case 'door_idle':
      return doorIdleDue(deadline, state, now);
    case 'geofence_settle':
      return geofenceSettleDue(deadline, state, now);
    case 'night_wandering_return':
      return nightWanderingDue(deadline, state, now);
    case 'fall_no_movement':
      return fallNoMovementDue(deadline, state, now);
    // The alert's own deadlines: escalation, the accept and arrival times of a dispatch, the end of a hold.
    case 'alert_escalation':
    case 'dispatch_accept':
    case 'arrival_due':
    case 'hold_expiry':
      return alertDeadlineDue(deadline, state, now);
  }
}

/** A device was registered for the elder (installed): the clocks that watch for its silence start now. */
export function evaluateDeviceInstalled(state: ElderState, now: number): Decision[] {
  return deviceInstalled(state, now);
}

/** The elder is back (the desk ended the away state): inactivity, door, bathroom and not-worn watching start again from now. */
export function evaluateAwayEnded(state: ElderState, now: number): Decision[] {
  return awayEnded(state, now);
}
