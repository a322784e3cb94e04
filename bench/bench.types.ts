import type { FdLimit } from './fd-limit.js';
import type { GatewayCounters } from './gateway-metrics.js';
import type { LatencySummary } from './latency-histogram.js';
import type { MachineInfo } from './machine-info.js';
import type { ForwardingResult } from './baselines/forwarding-baseline.js';

// The shape of a benchmark's results file (bench/results/<date>-<host>.json), also what the table, the Markdown
// report and the chart are made from.

export interface ConnectFigures {
  devices: number;
  connected: number;
  connectFailures: number;
  /** From the first CONNECT to the last CONNACK. */
  connectSeconds: number;
  /** Gateway resident memory before any device connected, and with all of them connected at a quiet rate. */
  rssIdleBytes: number;
  rssConnectedBytes: number;
  /** (connected − idle) ÷ connected devices. */
  bytesPerDevice: number | null;
}

export interface SaturationFigures {
  connected: number;
  /** Messages acknowledged (PUBACK: validated, ruled, stored) per second in the steady phase. */
  ackedPerSecond: number;
  sent: number;
  acked: number;
  errors: number;
  steadySeconds: number;
  cpuMicrosPerMessage: number | null;
  /** Gateway CPU in cores during the steady phase. */
  gatewayCores: number | null;
  /** Busy share of the whole machine (gateway + load workers + harness), 0..1. */
  machineBusy: number;
}

export interface LatencyFigures {
  /** The offered background rate, msgs/s. */
  rate: number;
  ackedPerSecond: number;
  presses: number;
  matched: number;
  lost: number;
  unacknowledged: number;
  latency: LatencySummary | null;
  deskReconnects: number;
  /**
   * The same presses from the device's side: PUBLISH → `alarm_received` back on its commands topic
   * (docs/device-protocol.md 2.1). null where it was not measured (results written before it).
   */
  feedback: SosFeedbackFigures | null;
  gatewayCores: number | null;
  /** Busy share of the whole machine during the latency phase, 0..1: scheduling delay shows in the tail. */
  machineBusy: number;
}

/** SOS PUBLISH → alarm_received at the device that pressed, over one latency phase's presses. */
export interface SosFeedbackFigures {
  presses: number;
  /** Presses answered by an alarm_received. */
  received: number;
  /** Presses with no alarm_received when the phase stopped waiting for it (desk-latency.ts LOST_AFTER_MS). */
  waiting: number;
  /** Of the answered presses only. */
  latency: LatencySummary | null;
}

/** One latency phase of a step and the share of the step's saturation rate it was offered. */
export interface LatencyAtShare extends LatencyFigures {
  /** As asked in BENCH_LATENCY_SHARES; `rate` is the saturation rate × this, rounded. */
  share: number;
}

export interface StepResult {
  devices: number;
  connect: ConnectFigures | null;
  saturation: SaturationFigures | null;
  /** The latency phase at TARGET_LATENCY_SHARE (bench/targets.ts), where the issue sets its latency targets; null if not run. */
  latency: LatencyFigures | null;
  /** Every latency phase, lowest share first, the one at the target share included. Results written before it: []. */
  latencyCurve: LatencyAtShare[];
  /** Gateway counters at the end of the step (its process starts fresh for each step). */
  counters: GatewayCounters | null;
  /** Highest resident memory of the gateway during the step (VmHWM). */
  peakRssBytes: number | null;
  /** What went wrong, in order; a step with errors still records what it measured. */
  errors: string[];
}

export type BaselineOutcome = { result: ForwardingResult } | { skipped: string } | { failed: string };

export interface BaselineFigures {
  devices: number;
  mosquitto: BaselineOutcome | null;
  aedes: BaselineOutcome | null;
  /** The gateway's saturation rate at the same step ÷ each broker's forwarding rate. */
  ratioToMosquitto: number | null;
  ratioToAedes: number | null;
}

export interface TargetOutcome {
  target: string;
  measured: string;
  /** null: not measured in this run. */
  pass: boolean | null;
}

/** What every results file (this one and the cluster run's) says about its run: when, where, what was set. */
export interface RunRecord {
  version: 1;
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  commit: string;
  config: Record<string, unknown>;
  fileLimit: FdLimit;
  notes: string[];
}

/** The devices a run registered over REST, or reused from the fleet cache. */
export interface FleetRecord {
  devices: number;
  provisionSeconds: number | null;
  reused: boolean;
}

export interface BenchResults extends RunRecord {
  format: 'eldercare-bench';
  fleet: FleetRecord;
  steps: StepResult[];
  baselines: BaselineFigures;
  targets: TargetOutcome[];
}
