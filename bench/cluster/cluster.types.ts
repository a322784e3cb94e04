import type { FleetRecord, RunRecord, StepResult } from '../bench.types.js';
import type { DeskLatencyResult } from '../desk-latency.js';
import type { GatewayCounters } from '../gateway-metrics.js';

// The shape of bench/results/<date>-<host>-cluster.json: per step of the ladder, the single box and the scale-out
// topology measured with the same devices, generator and phases in the same run.

/** Per process of the topology ('gateway a', 'gateway b', 'mosquitto', 'postgres'); null where it was not sampled. */
export type PerProcess<T> = Record<string, T>;

export interface ScaleOutConnectFigures {
  connected: number;
  connectFailures: number;
  /** From the first CONNECT to the last CONNACK, Mosquitto authenticating every device from its password file. */
  connectSeconds: number;
  /** Mosquitto holds the device sockets here: its resident memory before and with all devices connected. */
  mosquittoRssIdleBytes: number | null;
  mosquittoRssConnectedBytes: number | null;
  mosquittoBytesPerDevice: number | null;
}

/** The figures of one phase's steady window, measured at the gateways (their /metrics) and from /proc. */
export interface ScaleOutSteadyFigures {
  seconds: number;
  /** What the devices had acknowledged per second: Mosquitto's PUBACKs, which come before any gateway saw the message. */
  offeredPerSecond: number;
  /** Messages the gateways accepted per second (received − rejected − duplicates, both instances summed). */
  ingestPerSecond: number;
  ingestPerSecondByInstance: Record<string, number>;
  /** Messages Mosquitto had acknowledged that no gateway had received yet, at the end of the steady window. */
  backlogAtEnd: number;
  /** Mosquitto's own count of messages in its store at the end of the window ($SYS), when it had reported one. */
  mosquittoStoredAtEnd: number | null;
  /** CPU time per accepted message: of the two gateways, and of gateways + Mosquitto + PostgreSQL. */
  gatewayCpuMicrosPerMessage: number | null;
  topologyCpuMicrosPerMessage: number | null;
  cores: PerProcess<number | null>;
  machineBusy: number;
}

export interface DrainFigures {
  /** Seconds after the load stopped until the gateways had received every message Mosquitto acknowledged. */
  seconds: number;
  drained: boolean;
  /** The wait ended because nothing arrived any more, not at its deadline: the gateways had stopped consuming. */
  stalled: boolean;
  /** Messages still not received when the wait ended (0 when drained). */
  remaining: number;
  /**
   * Of those, thrown away with everything Mosquitto held (the gateways restarted on an emptied broker), so that the
   * next phase starts from an empty broker.
   */
  purged: number;
  /** Messages received per second while draining: the gateways' rate with the load generator idle. */
  perSecond: number | null;
}

export interface ScaleOutSaturationFigures extends ScaleOutSteadyFigures {
  connected: number;
  /** Publishes the devices had no PUBACK for, timeouts, dropped sockets. */
  errors: number;
  drain: DrainFigures | null;
}

export interface ScaleOutLatencyFigures {
  /** The offered background rate, msgs/s: the step's scale-out ingest × TARGET_LATENCY_SHARE (bench/targets.ts). */
  rate: number;
  steady: ScaleOutSteadyFigures | null;
  /** SOS → alert.raised at a desk websocket on each instance (each sees every alert, raised where it was ingested). */
  desks: Record<string, DeskLatencyResult>;
  drain: DrainFigures | null;
}

export interface ScaleOutStepResult {
  devices: number;
  instances: string[];
  consumersPerInstance: number;
  /** The step's fleet registered over instance a's REST API into a fresh database. */
  provisionSeconds: number | null;
  connect: ScaleOutConnectFigures | null;
  saturation: ScaleOutSaturationFigures | null;
  latency: ScaleOutLatencyFigures | null;
  /** Each instance's counters at the end of the step. */
  counters: Record<string, GatewayCounters | null>;
  /** Peak resident memory (VmHWM) of the gateways and Mosquitto; PostgreSQL: highest proportional set size sampled. */
  peakMemoryBytes: PerProcess<number | null>;
  /** Messages Mosquitto dropped (queue limits) during the step, from $SYS. */
  mosquittoDropped: number | null;
  errors: string[];
}

export interface ClusterStep {
  devices: number;
  singleBox: StepResult;
  scaleOut: ScaleOutStepResult;
}

export interface ClusterBenchResults extends RunRecord {
  format: 'eldercare-bench-cluster';
  versions: { postgres: string; mosquitto: string };
  singleBoxFleet: FleetRecord;
  steps: ClusterStep[];
}
