import type { DeviceKind } from '../../../schemas/index.js';

// The load generator's contract, shared by the fleet provisioning, the worker processes, the runner and the
// benchmark harness (bench/). Times are milliseconds on the machine's wall clock with sub-millisecond precision
// (`performance.timeOrigin + performance.now()`), comparable between processes on the same machine.

/** A device registered for load: what a worker needs to connect and publish as it. */
export interface FleetDevice {
  id: string;
  secret: string;
  kind: DeviceKind;
  elderId: string;
}

/** Shares of the fleet per kind; they are normalised, so any positive weights will do. */
export type FleetMix = Partial<Record<DeviceKind, number>>;

/**
 * A realistic county: most homes have a call button; a third have a wearable sending vitals every few seconds;
 * some have door, motion, bed sensors, smoke detectors; institutions have cameras.
 */
export const DEFAULT_FLEET_MIX: FleetMix = {
  call_button: 0.35,
  wearable: 0.3,
  door_sensor: 0.08,
  motion_sensor: 0.08,
  bed_sensor: 0.08,
  smoke_detector: 0.06,
  camera: 0.05,
};

export interface LoadOptions {
  /** mqtt://host:port of the broker under test (the gateway, Mosquitto or a bare aedes). */
  mqttUrl: string;
  /** The devices that connect; the run spreads them over the workers. */
  devices: FleetDevice[];
  /** Child processes that hold the connections and publish. */
  workers: number;
  /** All devices connect, evenly spread over this time. */
  rampSeconds: number;
  /** The measured phase after the ramp. */
  durationSeconds: number;
  /**
   * Messages per second across the fleet during the steady phase, spread over the devices in the realistic mix
   * (wearables' vitals on the telemetry channel, heartbeats on status, camera events), or 'max': closed loop, every
   * worker keeps `maxInflight` messages outstanding per connection and sends the next as soon as one is acknowledged.
   */
  rate: number | 'max';
  /** QoS of the steady traffic: 1 so that the PUBACK marks end-to-end acceptance (the gateway admits before PUBACK). */
  qos: 0 | 1;
  /** Outstanding QoS 1 messages per connection in 'max' mode. */
  maxInflight?: number;
  /**
   * Scheduling priority of the worker processes (0 normal … 19 lowest). A benchmark on one shared machine lowers
   * the generator's, so the broker under test gets the cores first, as if the devices were elsewhere.
   */
  niceness?: number;
  /**
   * SOS presses at known times: `count` presses spread evenly over the steady phase, each from a different
   * call button or wearable (so each raises its own alert), always QoS 1 on the events channel.
   */
  sos?: { count: number } | null;
  /** Once a second, from the parent process. */
  onProgress?: (progress: LoadProgress) => void;
  /** As each SOS press is published (the benchmark matches it with the desk's alert.raised). */
  onSos?: (press: SosPress) => void;
}

export interface SosPress {
  deviceId: string;
  msgId: string;
  /** When the PUBLISH was handed to the socket. */
  sentAt: number;
  /** When its PUBACK arrived (undefined if it never did). */
  ackedAt?: number;
}

export interface LoadProgress {
  phase: 'connecting' | 'steady' | 'draining' | 'done';
  elapsedSeconds: number;
  connected: number;
  sent: number;
  acked: number;
  errors: number;
}

export interface LoadReport {
  devices: number;
  connected: number;
  connectFailures: number;
  /** Seconds from the first CONNECT to the last CONNACK. */
  connectSeconds: number;
  /** Steady phase only. */
  steadySeconds: number;
  sent: number;
  acked: number;
  ackedPerSecond: number;
  errors: number;
  sosPresses: SosPress[];
}
