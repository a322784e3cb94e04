import type { DeviceKind } from '../../schemas/index.js';

// How often each simulated device kind speaks and what it reports about itself: heartbeat intervals, which kinds
// send the periodic test signal, which run on mains power, their firmware strings.

/** Seconds between heartbeats per kind: battery devices less often than mains-powered ones. */
export const HEARTBEAT_SECONDS_BY_KIND: Record<DeviceKind, number> = {
  call_button: 60,
  wearable: 60,
  camera: 60,
  bed_sensor: 60,
  smoke_detector: 120,
  gas_detector: 120,
  water_leak_sensor: 120,
  door_sensor: 120,
  motion_sensor: 120,
};
/** Telecare kinds that prove the path with a periodic test signal (about daily; the gateway expects one in 25 h). */
export const TEST_SIGNAL_KINDS: ReadonlySet<DeviceKind> = new Set<DeviceKind>(['call_button', 'smoke_detector', 'gas_detector']);
export const TEST_SIGNAL_EVERY_MS = 24 * 3600_000;
/** Mains-powered: their heartbeats carry no battery level. */
export const MAINS_POWERED: ReadonlySet<DeviceKind> = new Set<DeviceKind>(['camera']);
/** The model each simulated kind reports in its heartbeat. */
export const MODEL: Record<DeviceKind, string> = {
  call_button: 'SIM-CB100',
  wearable: 'SIM-W5',
  camera: 'SIM-IPC4',
  bed_sensor: 'SIM-BED1',
  smoke_detector: 'SIM-SD1',
  gas_detector: 'SIM-GD1',
  water_leak_sensor: 'SIM-WL1',
  door_sensor: 'SIM-DR1',
  motion_sensor: 'SIM-PIR1',
};
export const FIRMWARE: Record<DeviceKind, string> = {
  call_button: 'cb-2.3.1',
  wearable: 'wt-5.0.8',
  camera: 'ipc-4.2.1',
  bed_sensor: 'bed-1.7.0',
  smoke_detector: 'sd-1.2.4',
  gas_detector: 'gd-1.1.9',
  water_leak_sensor: 'wl-1.0.3',
  door_sensor: 'dr-1.0.6',
  motion_sensor: 'pir-1.4.0',
};

