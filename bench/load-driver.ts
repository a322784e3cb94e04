import type { LoadOptions, LoadReport } from '../device-sim/src/load/load.types.js';

// The load generator as the harness uses it: device-sim's runLoad, or anything with its signature (the contract in
// device-sim/src/load/load.types.ts).

export type RunLoad = (options: LoadOptions) => Promise<LoadReport>;

/** Options every run of one benchmark shares; each phase adds its rate, duration, devices and callbacks. */
export interface LoadDefaults {
  workers: number;
  /** Connections opened per second during the ramp. */
  connectPerSecond: number;
  maxInflight: number;
  /** The generator's scheduling priority (LoadOptions.niceness). */
  niceness: number;
}

export function rampSeconds(devices: number, defaults: LoadDefaults): number {
  return Math.max(2, Math.ceil(devices / defaults.connectPerSecond));
}

/** device-sim's runner adds a few distinct worker error messages to its report; other runners may not. */
export function errorSamples(report: LoadReport): string[] {
  const samples = (report as { errorSamples?: unknown }).errorSamples;
  return Array.isArray(samples) ? samples.map(String) : [];
}
