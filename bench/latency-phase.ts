import { planSosPresses, sosCandidates } from '../device-sim/src/load/sos-plan.js';
import type { LoadOptions } from '../device-sim/src/load/load.types.js';
import type { LatencyAtShare } from './bench.types.js';
import { LOST_AFTER_MS, resolveAlerts, type DeskLatencyRecorder } from './desk-latency.js';
import { errorSamples, type RunLoad } from './load-driver.js';
import { steadyFigures, trackLoadPhases } from './load-phases.js';
import { percent } from './results-table.js';
import { connectSosDevices } from './sos/sos-devices.js';

// One latency phase of a ladder step: the devices send at a share of the step's saturation rate while SOS presses
// go out at known times; the desk notes when each alert.raised arrives, and the device that pressed when its
// alarm_received comes back (docs/device-protocol.md 2.1). A step runs one per BENCH_LATENCY_SHARES entry, on the
// same gateway, so each phase leaves the alerts it raised resolved for the next.
//
// The pressing devices are the harness's own clients (sos/sos-devices.ts), subscribed to their commands topic before
// the phase; the load workers hold the rest of the step's devices, so the gateway still holds every connection. They
// press from the first steady-phase progress report (at most a second into it) over the phase less that second.

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
  // Times 0..1 of the phase; the runTag keeps every msgId new on a fleet reused from an earlier run.
  const orders = planSosPresses({ candidates: sosCandidates(ctx.base.devices), count: ctx.sosPresses, startAt: 0, endAt: 1, runTag: `b${Date.now().toString(36)}` });
  const pressing = new Set(orders.map((o) => o.deviceId));
  const { devices: sosDevices, failures } = await connectSosDevices(
    ctx.base.mqttUrl,
    ctx.base.devices.filter((d) => pressing.has(d.id)),
    desk.onSos,
  );
  ctx.print(
    `${ctx.label(name)} · ${pressing.size - failures.length} SOS devices connected from the harness, subscribed to their commands ` +
      `topic (the load workers hold the other ${ctx.base.devices.length - pressing.size})`,
  );
  const phases = trackLoadPhases({ label: ctx.label(name), pid: ctx.gateway.pid, processName: 'gateway', print: ctx.print });
  const spanMs = Math.max(0, ctx.steadySeconds - 1) * 1000;
  let pressesScheduled = false;
  const report = await ctx
    .runLoad({
      ...ctx.base,
      devices: ctx.base.devices.filter((d) => !pressing.has(d.id)),
      durationSeconds: ctx.steadySeconds,
      rate,
      qos: 1,
      sos: null,
      onProgress: (progress) => {
        phases.onProgress(progress);
        if (pressesScheduled || progress.phase !== 'steady') return;
        pressesScheduled = true;
        sosDevices.schedule(orders, performance.timeOrigin + performance.now(), spanMs);
      },
    })
    .catch(async (err: unknown) => {
      await sosDevices.close();
      throw err;
    });
  const [sos, feedback] = await Promise.all([desk.result(), sosDevices.feedback(LOST_AFTER_MS)]);
  const unpressed = sosDevices.unpressed();
  await sosDevices.close();
  const steady = steadyFigures(phases);
  const errors: string[] = [];
  if (report.errors > 0) errors.push(`${name}: ${report.errors} errors (${errorSamples(report).join('; ')})`);
  if (sos.lost > 0) errors.push(`${name}: ${sos.lost} of ${sos.presses} SOS presses never reached the desk`);
  if (feedback.waiting > 0) errors.push(`${name}: ${feedback.waiting} of ${feedback.presses} SOS presses got no alarm_received back`);
  if (sos.presses < ctx.sosPresses) {
    const why = [...failures, ...unpressed];
    errors.push(`${name}: ${sos.presses} SOS presses made of ${ctx.sosPresses} asked${why.length > 0 ? ` (${why.slice(0, 3).join('; ')})` : ''}`);
  }
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
      feedback,
      gatewayCores: steady?.processCores ?? null,
      machineBusy: steady?.machineBusy ?? 0,
    },
    errors,
  };
}
