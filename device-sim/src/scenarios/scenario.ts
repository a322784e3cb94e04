import type { AlertType, Priority, TaskKind, TaskReason } from '../../../schemas/index.js';
import type { GatewayClient } from '../gateway-client.js';
import type { HomeDevice } from '../home-provisioning.js';
import type { SimDevice } from '../sim-device.js';

// What a scenario is, what it needs and what it promises. A scenario provisions its own elder and devices through
// the REST API, plays a script over MQTT and says what the duty desk should end up seeing, so a test can assert it
// and the demo can show it.

export const SCENARIO_NAMES = [
  'fall-at-night',
  'old-firmware-sos',
  'heart-rate-climbs-and-recovers',
  'smoke-in-kitchen',
  'battery-dies',
  'camera-fall-room-203',
  'wanders-off',
  'stays-in-bathroom',
  'wanders-at-night',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioContext {
  /** A logged-in REST client of the gateway. */
  client: GatewayClient;
  /** mqtt://host:port of the gateway's broker. */
  mqttUrl: string;
  /**
   * Seconds instead of minutes and hours: the elder's thresholdOverrides shorten the durations the script depends on
   * (sustain times, bed return, bathroom stay) and, for night rules, move the night window around the current time.
   * Off: the real thresholds and real pauses (a heart-rate episode takes minutes, a bathroom stay hours).
   */
  fast: boolean;
  /** Told each step as it happens, in plain words; scenarios never write to the console themselves. */
  onStep?: (text: string) => void;
  /** Start of the ids the scenario registers devices under; a random part keeps runs apart. Default "sc". */
  idPrefix?: string;
  /**
   * The gateway's grace between a dropped connection and "offline" (its OFFLINE_GRACE_SECONDS, which a scenario
   * cannot change); only used to say how long to wait for an offline alert. Default 90 000, the gateway's default.
   */
  offlineGraceMs?: number;
  /** The gateway's local time zone as minutes east of UTC; China +480 (the default). */
  utcOffsetMinutes?: number;
  /** The region (a community) the scenario's elder belongs to; without it the elder is the caller's region's. */
  regionId?: string;
  /** Aborts the script between steps; the scenario closes its devices and rejects. */
  signal?: AbortSignal;
}

/** How the desk should show an alert once the scenario has played. */
export interface ExpectedAlert {
  type: AlertType;
  priority: Priority;
  /** The device the alert is about (for deadlines that fire later: the device whose message armed them). */
  deviceId: string;
  /** 'raised': open and nobody acted (nobody acknowledges in a scenario); 'cleared': the gateway closed it itself. */
  status: 'raised' | 'cleared';
  /**
   * How long after the scenario resolved the alert may take to appear: 0 when its message's PUBACK already
   * guaranteed it (acknowledge after commit), else the remaining deadline plus slack for the scheduler.
   */
  withinMs: number;
}

export interface ExpectedTask {
  kind: TaskKind;
  reason: TaskReason;
  deviceId: string | null;
  status: 'open';
  withinMs: number;
}

export interface ExpectedDevice {
  deviceId: string;
  online: boolean;
  /** The last battery level reported, where the scenario reported one. */
  battery?: number;
  withinMs: number;
}

export interface ScenarioExpectation {
  /** Every alert the scenario's elder should have, no more: a test may check that nothing else was raised. */
  alerts: ExpectedAlert[];
  /** Every task for the scenario's elder, no more. */
  tasks: ExpectedTask[];
  /** Device states worth checking; devices not listed are simply online. */
  devices: ExpectedDevice[];
}

export interface ScenarioResult {
  name: ScenarioName;
  elderId: string;
  deviceIds: string[];
  expected: ScenarioExpectation;
  /** The scenario's devices, still connected (except one that dropped on purpose), for a test that sends more. */
  devices: readonly SimDevice[];
  /** Kind, id, secret and room of every device registered, for whoever wants to connect them again later. */
  registered: readonly HomeDevice[];
  /**
   * Disconnects the devices cleanly. The gateway counts any end of a connection as the device going away: after its
   * offline grace each closed device gets a device_offline alert (P3) and a maintenance task. Close when done
   * looking, or keep the devices sending heartbeats (as the demo does).
   */
  close(): Promise<void>;
}

export interface Scenario {
  name: ScenarioName;
  /** One line for people: what happens and what the desk should see. */
  summary: string;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}
