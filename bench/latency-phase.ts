import type { LoadOptions } from '../device-sim/src/load/load.types.js';
import type { LatencyAtShare } from './bench.types.js';
import { resolveAlerts, type DeskLatencyRecorder } from './desk-latency.js';
import { errorSamples, type RunLoad } from './load-driver.js';
import { steadyFigures, trackLoadPhases } from './load-phases.js';
import { percent } from './results-table.js';

// One latency phase of a ladder step: the devices send at a share of the step's saturation rate while SOS presses
// go out at known times, and the desk notes when each alert.raised arrives. A step runs one per BENCH_LATENCY_SHARES
// entry, on the same gateway, so each phase leaves the alerts it raised resolved for the next.

export interface LatencyPhaseContext {
  runLoad: RunLoad;
  /** What every phase of the step shares: gateway, devices, workers, ramp. */
  base: Pick<LoadOptions, 'mqttUrl' | 'devices' | 'workers' | 'niceness' | 'rampSeconds'>;
  gateway: { pid: number; httpUrl: string };
  desk: DeskLatencyRecorder;
  /** The desk's session, to resolve the alerts it saw. */
  deskToken: string;
  steadySeconds: number;
  sosPresses: number;
  /** The step's sustained ingest at saturation, msgs/s. */
  saturationRate: number;
  /** "10,000 devices · <phase>". */
  label: (phase: string) => string;
  print: (line: string) => void;
}

export interface LatencyPhaseOutcome {
  figures: LatencyAtShare;
  /** What went wrong, each starting with the phase's name. */
  errors: string[];
}

export async function runLatencyPhase(ctx: LatencyPhaseContext, share: number): Promise<LatencyPhaseOutcome> {
  const { desk } = ctx;
  const rate = Math.max(1, Math.round(ctx.saturationRate * share));
  const name = `latency at ${rate.toLocaleString('en-US')}/s (${percent(share)})`;
  desk.reset();
  const phases = trackLoadPhases({ label: ctx.label(name), pid: ctx.gateway.pid, processName: 'gateway', print: ctx.print });
  const report = await ctx.runLoad({
    ...ctx.base,
    durationSeconds: ctx.steadySeconds,
    rate,
    qos: 1,
    sos: { count: ctx.sosPresses },
    onProgress: phases.onProgress,
    onSos: desk.onSos,
  });
  const sos = await desk.result();
  const steady = steadyFigures(phases);
  const errors: string[] = [];
  if (report.errors > 0) errors.push(`${name}: ${report.errors} errors (${errorSamples(report).join('; ')})`);
  if (sos.lost > 0) errors.push(`${name}: ${sos.lost} of ${sos.presses} SOS presses never reached the desk`);
  if (sos.presses < ctx.sosPresses) errors.push(`${name}: ${sos.presses} SOS presses made of ${ctx.sosPresses} asked`);
  const unresolved = await resolveAlerts(ctx.gateway.httpUrl, ctx.deskToken, desk.raisedAlertIds());
  if (unresolved.length > 0) errors.push(`${name}: ${unresolved.length} SOS alerts not resolved afterwards (${unresolved[0]})`);
  return {
    figures: {
      share,
      rate,
      ackedPerSecond: report.ackedPerSecond,
      presses: sos.presses,
      matched: sos.matched,
      lost: sos.lost,
      unacknowledged: sos.unacknowledged,
      latency: sos.latency,
      deskReconnects: sos.reconnects,
      gatewayCores: steady?.processCores ?? null,
      machineBusy: steady?.machineBusy ?? 0,
    },
    errors,
  };
}
