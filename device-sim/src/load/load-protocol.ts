import type { FleetDevice } from './load.types.js';

// The messages between the load runner (parent) and its workers (child processes), over the fork IPC channel.
// The parent drives the phases, so every worker ramps, measures and stops on the same clock:
//   worker: ready → parent: connect → worker: settled → parent: steady → worker: drained → parent: stop → worker: final
// Stats go up once a second throughout. Times are `performance.timeOrigin + performance.now()` (see load.types.ts).

export interface ConnectCommand {
  type: 'connect';
  mqttUrl: string;
  /** This worker's devices: the fleet's devices workerIndex, workerIndex + workers, ... */
  devices: FleetDevice[];
  workerIndex: number;
  workers: number;
  /** Devices in the whole fleet, to place this worker's devices on the shared ramp. */
  fleetSize: number;
  rampStartAt: number;
  rampMs: number;
}

/** One SOS press: this device publishes `sos` with this msgId at this time. */
export interface SosOrder {
  deviceId: string;
  msgId: string;
  at: number;
}

export interface SteadyCommand {
  type: 'steady';
  startAt: number;
  endAt: number;
  /** Messages per second for this worker, or 'max' (closed loop). */
  rate: number | 'max';
  qos: 0 | 1;
  maxInflight: number;
  /** Unique per run, in every msgId: a fleet reused for another run never repeats an event's msgId. */
  runTag: string;
  sos: SosOrder[];
}

export interface StopCommand {
  type: 'stop';
}

export type ParentMessage = ConnectCommand | SteadyCommand | StopCommand;

/** Cumulative counters of one worker. */
export interface WorkerStats {
  /** Connections up right now. */
  connected: number;
  /** Devices whose connection was tried. */
  attempted: number;
  /** Devices that never got a CONNACK (refused, timed out, socket error). */
  connectFailures: number;
  sent: number;
  /** PUBACKs (QoS 1), or writes to the socket done (QoS 0). */
  acked: number;
  /** Acks that arrived during the steady phase. */
  steadyAcked: number;
  /** QoS 1 publishes still waiting for their PUBACK. */
  outstanding: number;
  /** Failed connections, dropped connections and failed publishes. */
  errors: number;
  /** When the first CONNECT was sent and the last CONNACK came; null before. */
  firstConnectAt: number | null;
  lastConnackAt: number | null;
  rssBytes: number;
  /** A few distinct error messages, for the report when something goes wrong. */
  errorSamples: string[];
}

export interface ReadyReport {
  type: 'ready';
}

export interface StatsReport {
  type: 'stats';
  stats: WorkerStats;
}

/** Every device of the worker has its CONNACK or has failed. */
export interface SettledReport {
  type: 'settled';
  stats: WorkerStats;
  failedDeviceIds: string[];
}

/** The steady phase is over and no publish is waiting for its PUBACK any more. */
export interface DrainedReport {
  type: 'drained';
  stats: WorkerStats;
}

/** An SOS press was published (ackedAt absent), or its PUBACK came (ackedAt set). */
export interface SosReport {
  type: 'sos';
  deviceId: string;
  msgId: string;
  sentAt: number;
  ackedAt?: number;
}

/** An SOS press could not be published (its device was not connected). */
export interface SosFailedReport {
  type: 'sos-failed';
  deviceId: string;
  msgId: string;
  reason: string;
}

export interface FinalReport {
  type: 'final';
  stats: WorkerStats;
}

export interface FailedReport {
  type: 'failed';
  message: string;
}

export type WorkerMessage =
  | ReadyReport
  | StatsReport
  | SettledReport
  | DrainedReport
  | SosReport
  | SosFailedReport
  | FinalReport
  | FailedReport;

/** The shared clock of the runner and its workers (load.types.ts): wall time with sub-millisecond precision. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();
