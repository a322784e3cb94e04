import type { BenchResults, StepResult, TargetOutcome } from './bench.types.js';

// The issue's targets (issue 7), judged from what this run measured. A target whose figures are missing is reported
// as not measured, never as passed.

const MB = 2 ** 20;

/**
 * The issue sets its latency targets "at half the sustained maximum": the latency phase at this share of the step's
 * saturation rate is the one judged, and the one the ladder table shows. BENCH_LATENCY_SHARES may add others.
 */
export const TARGET_LATENCY_SHARE = 0.5;

function step(steps: StepResult[], devices: number): StepResult | undefined {
  return steps.find((s) => s.devices === devices);
}

/**
 * "Cost grows linearly with load": the cost per device or per message at any step is at most 1.5× the smallest
 * step's. A per-unit cost that falls as the load grows (a fixed overhead spread over more devices) passes; one that
 * climbs does not.
 */
const FLAT_GROWTH = 1.5;
function growth(values: (number | null | undefined)[]): { values: number[]; growth: number } | null {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
  if (known.length < 2) return null;
  return { values: known, growth: Math.max(...known) / known[0]! };
}

export function judgeTargets(results: Pick<BenchResults, 'steps' | 'baselines'>): TargetOutcome[] {
  const { steps, baselines } = results;
  const outcomes: TargetOutcome[] = [];

  const ratio = baselines.ratioToMosquitto;
  outcomes.push({
    target: 'sustained end-to-end ingest ≥ Mosquitto forwarding rate in the same run (ratio ≥ 1.0)',
    measured: ratio === null ? 'not measured' : `ratio ${ratio.toFixed(2)} at ${baselines.devices.toLocaleString('en-US')} devices`,
    pass: ratio === null ? null : ratio >= 1,
  });

  const step10k = step(steps, 10_000);
  const at10k = step10k?.latency;
  const summary = at10k?.latency ?? null;
  // A 10,000 step whose latency phases left out the target share says so, rather than a bare "not measured".
  const unmeasured =
    step10k && !at10k && step10k.latencyCurve.length > 0
      ? `not measured (no latency phase at ${TARGET_LATENCY_SHARE * 100} % of saturation in BENCH_LATENCY_SHARES)`
      : 'not measured';
  outcomes.push({
    target: 'SOS → desk p99 ≤ 20 ms at half the sustained maximum, 10,000 devices',
    measured: summary ? `p99 ${summary.p99Ms.toFixed(1)} ms (${at10k!.matched} presses, ${at10k!.lost} lost)` : unmeasured,
    pass: summary ? summary.p99Ms <= 20 && at10k!.lost === 0 : null,
  });
  outcomes.push({
    target: 'SOS → desk p99.9 ≤ 50 ms, same run',
    measured: summary ? `p99.9 ${summary.p999Ms.toFixed(1)} ms` : unmeasured,
    pass: summary ? summary.p999Ms <= 50 && at10k!.lost === 0 : null,
  });

  // Judged on the memory of the devices connected (connect phase); the peak under saturation, with every connection
  // holding BENCH_MAX_INFLIGHT unacknowledged messages, is shown beside it.
  const at20k = step(steps, 20_000);
  const connect = at20k?.connect ?? null;
  const peak = at20k?.peakRssBytes ?? null;
  outcomes.push({
    target: '20,000 concurrent authenticated devices with resident memory ≤ 1 GB',
    measured: connect
      ? `${connect.connected.toLocaleString('en-US')} of 20,000 connected (${connect.connectFailures} failed); ` +
        `RSS ${Math.round(connect.rssConnectedBytes / MB)} MB with all connected, peak ${peak === null ? '?' : Math.round(peak / MB)} MB under saturation`
      : 'not measured',
    pass: connect ? connect.connected >= 20_000 && connect.rssConnectedBytes <= 1024 * MB : null,
  });

  const memory = growth(steps.map((s) => s.connect?.bytesPerDevice));
  outcomes.push({
    target: `memory per device does not grow with load (every step ≤ ${FLAT_GROWTH}× the smallest step's)`,
    measured: memory ? `${memory.values.map((v) => `${(v / 1024).toFixed(1)} KB`).join(', ')} (at most ${memory.growth.toFixed(2)}×)` : 'not measured',
    pass: memory ? memory.growth <= FLAT_GROWTH : null,
  });
  const cpu = growth(steps.map((s) => s.saturation?.cpuMicrosPerMessage));
  outcomes.push({
    target: `CPU per message does not grow with load (every step ≤ ${FLAT_GROWTH}× the smallest step's)`,
    measured: cpu ? `${cpu.values.map((v) => `${v.toFixed(0)} µs`).join(', ')} (at most ${cpu.growth.toFixed(2)}×)` : 'not measured',
    pass: cpu ? cpu.growth <= FLAT_GROWTH : null,
  });
  return outcomes;
}
