// topics.js, not the index: a worker need not load zod and every schema to build three topic strings.
import { deviceTopic } from '../../../schemas/topics.js';
import type { DeviceKind } from '../../../schemas/index.js';
import type { FleetDevice } from './load.types.js';

// The steady traffic of a load run: what each kind sends day and night, valid per schemas/ and chosen so that it
// raises no alert. A benchmark of ingest must not turn into a benchmark of an alert flood.
//   wearable      telemetry `vitals`, every value well inside the default thresholds (gateway/src/core/thresholds.ts)
//   bed_sensor    telemetry `bed_vitals`, likewise
//   camera        status `heartbeat`, and now and then an event detection below cameraMinConfidence (0.7), which the
//                 confidence gate records without alarming unless 3 of one type come from one camera within
//                 10 minutes (rules/alarms/confidence-gate.ts); see cameraDetection below for why that never happens
//   others        status `heartbeat` with a battery well above batteryLowClear
// Payloads are written as JSON text directly (not JSON.stringify of an object): it is the worker's hottest path.

/** A device as a worker holds it: its topics built once, and the little state its readings follow. */
export interface TrafficDevice {
  id: string;
  kind: DeviceKind;
  secret: string;
  /** A number fixed per device (from its id), so its readings and camera rotation survive a re-split of the fleet. */
  seed: number;
  eventsTopic: string;
  telemetryTopic: string;
  statusTopic: string;
  /** Steady messages this device has sent in this run. */
  messages: number;
  steps: number;
  /** The camera slot of the last detection sent in this run (-1: none yet). */
  lastDetectionSlot: number;
}

export interface SteadyMessage {
  topic: string;
  payload: string;
}

export function trafficDevice(device: FleetDevice): TrafficDevice {
  const seed = hashId(device.id);
  return {
    id: device.id,
    kind: device.kind,
    secret: device.secret,
    seed,
    eventsTopic: deviceTopic(device.id, 'events'),
    telemetryTopic: deviceTopic(device.id, 'telemetry'),
    statusTopic: deviceTopic(device.id, 'status'),
    messages: 0,
    steps: seed % 3000,
    lastDetectionSlot: -1,
  };
}

/**
 * How often a kind speaks relative to a heartbeat: a watch sends vitals about every 10 s and a mattress every 30 s,
 * while the other kinds send a heartbeat a minute. The worker's send order repeats a device this many times.
 */
export function trafficWeight(kind: DeviceKind): number {
  if (kind === 'wearable') return 6;
  if (kind === 'bed_sensor') return 2;
  return 1;
}

/** The next steady message of this device. */
export function steadyMessage(device: TrafficDevice, msgId: string, now: number): SteadyMessage {
  const n = device.messages;
  device.messages = n + 1;
  const ts = Math.round(now);
  const s = device.seed;
  switch (device.kind) {
    case 'wearable': {
      device.steps = (device.steps + 1 + (n % 17)) % 30_000;
      const heartRate = 60 + ((n * 7 + s) % 31);
      const spo2 = 95 + ((n + s) % 5);
      const skin = (360 + ((n * 3 + s) % 10)) / 10;
      return {
        topic: device.telemetryTopic,
        payload: `{"msgId":"${msgId}","ts":${ts},"type":"vitals","heartRate":${heartRate},"spo2":${spo2},"skinTemperature":${skin},"steps":${device.steps}}`,
      };
    }
    case 'bed_sensor': {
      const heartRate = 55 + ((n * 5 + s) % 26);
      const breathingRate = 12 + ((n + s) % 9);
      return {
        topic: device.telemetryTopic,
        payload: `{"msgId":"${msgId}","ts":${ts},"type":"bed_vitals","heartRate":${heartRate},"breathingRate":${breathingRate}}`,
      };
    }
    case 'camera': {
      const detection = cameraDetection(device, n, now);
      if (detection !== null) {
        return {
          topic: device.eventsTopic,
          payload: `{"msgId":"${detection.msgId}","ts":${ts},"type":"${detection.type}","room":"load","confidence":0.4}`,
        };
      }
      return heartbeat(device, msgId, ts);
    }
    default:
      return heartbeat(device, msgId, ts);
  }
}

export function sosPayload(msgId: string, now: number): string {
  return `{"msgId":"${msgId}","ts":${Math.round(now)},"type":"sos"}`;
}

function heartbeat(device: TrafficDevice, msgId: string, ts: number): SteadyMessage {
  // 60–100 %, fixed per device: far from the low-battery alert at 20 %.
  const battery = 60 + (device.seed % 41);
  return {
    topic: device.statusTopic,
    payload: `{"msgId":"${msgId}","ts":${ts},"type":"heartbeat","battery":${battery},"firmware":"load-1.0"}`,
  };
}

/** Detections that alarm on confidence alone; never fall or bed_exit, whose rules do more than the gate. */
const CAMERA_DETECTIONS = ['no_motion', 'prolonged_stay', 'wandering', 'intrusion'] as const;
const CAMERA_SLOT_MS = 5 * 60_000;

/**
 * A low-confidence detection at most once per 5-minute slot of the wall clock (on every 4th message), of the type
 * the slot and the camera's id give, with a msgId made of the slot alone. Runs back to back on the same fleet send
 * the same detection again within a slot, and the gateway ignores it as a duplicate (idempotency by msgId), so the
 * gate sees one detection of a camera per slot and one of a type every 4 slots (20 minutes): never the 3 within 10
 * minutes that alarm, however many runs there are. Any slicing of the fleet over workers gives the same detections.
 */
function cameraDetection(device: TrafficDevice, n: number, now: number): { type: (typeof CAMERA_DETECTIONS)[number]; msgId: string } | null {
  const slot = Math.floor(now / CAMERA_SLOT_MS);
  if (slot === device.lastDetectionSlot || n % 4 !== 0) return null;
  device.lastDetectionSlot = slot;
  return { type: CAMERA_DETECTIONS[(slot + device.seed) % CAMERA_DETECTIONS.length]!, msgId: `load-detection-${slot}` };
}

/** FNV-1a of the id: a stable small number per device. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 1_000_003;
}
