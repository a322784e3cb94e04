import type { BaselineFigures, StepResult } from './bench.types.js';

// The per-step tables (the ladder, and SOS latency against load), as rows of cells: printed at the end of the run and
// written into the Markdown report.

const MB = 2 ** 20;
const int = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US'));
const fixed = (n: number | null | undefined, digits: number) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));
/** A share of the saturation rate: "25 %", "12.5 %". */
export const percent = (share: number): string => `${Number((share * 100).toFixed(1))} %`;

export const STEP_COLUMNS = [
  'devices',
  'connected',
  'connect s',
  'RSS idle MB',
  'RSS conn. MB',
  'KB/device',
  'peak RSS MB',
  'ingest msg/s',
  'CPU µs/msg',
  'gw cores',
  'machine busy',
  'latency load msg/s',
  'SOS p50 ms',
  'p99 ms',
  'p99.9 ms',
  'max ms',
  'SOS lost',
  'rejected',
  'ingest failures',
] as const;

export function stepRow(step: StepResult): string[] {
  const { connect, saturation, latency, counters } = step;
  const summary = latency?.latency ?? null;
  return [
    int(step.devices),
    int(connect?.connected),
    fixed(connect?.connectSeconds, 1),
    int(connect ? connect.rssIdleBytes / MB : null),
    int(connect ? connect.rssConnectedBytes / MB : null),
    fixed(connect?.bytesPerDevice === null || connect?.bytesPerDevice === undefined ? null : connect.bytesPerDevice / 1024, 1),
    int(step.peakRssBytes === null ? null : step.peakRssBytes / MB),
    int(saturation?.ackedPerSecond),
    fixed(saturation?.cpuMicrosPerMessage, 0),
    fixed(saturation?.gatewayCores, 2),
    saturation ? `${Math.round(saturation.machineBusy * 100)} %` : '–',
    int(latency?.rate),
    fixed(summary?.p50Ms, 2),
    fixed(summary?.p99Ms, 2),
    fixed(summary?.p999Ms, 2),
    fixed(summary?.maxMs, 2),
    latency ? `${latency.lost} / ${latency.presses}` : '–',
    int(counters?.rejected),
    int(counters?.ingestFailures),
  ];
}

/** One row per latency phase: how the alarm's latency, to the desk and back to the device, grows with the load offered beside it. */
export const LATENCY_CURVE_COLUMNS = [
  'devices',
  'share',
  'offered msg/s',
  'acked msg/s',
  'gw cores',
  'machine busy',
  'SOS p50 ms',
  'p99 ms',
  'p99.9 ms',
  'max ms',
  'SOS lost',
  'alarm_received p50 ms',
  'p99 ms',
  'max ms',
  'no alarm_received',
] as const;

export function latencyCurveRows(step: StepResult): string[][] {
  return step.latencyCurve.map((phase) => [
    int(step.devices),
    percent(phase.share),
    int(phase.rate),
    int(phase.ackedPerSecond),
    fixed(phase.gatewayCores, 2),
    `${Math.round(phase.machineBusy * 100)} %`,
    fixed(phase.latency?.p50Ms, 2),
    fixed(phase.latency?.p99Ms, 2),
    fixed(phase.latency?.p999Ms, 2),
    fixed(phase.latency?.maxMs, 2),
    `${phase.lost} / ${phase.presses}`,
    // PUBLISH → alarm_received at the device: not measured in results written before it (nor by a bare broker).
    fixed(phase.feedback?.latency?.p50Ms, 2),
    fixed(phase.feedback?.latency?.p99Ms, 2),
    fixed(phase.feedback?.latency?.maxMs, 2),
    phase.feedback ? `${phase.feedback.waiting} / ${phase.feedback.presses}` : '–',
  ]);
}

/** "rate" is what reached the subscriber for a broker, what was acknowledged (ingested) for the gateway. */
export const BASELINE_COLUMNS = ['server', 'devices', 'connected', 'rate msg/s', 'publisher acks/s', 'CPU µs/msg', 'cores', 'peak RSS MB', 'gateway ÷ this'] as const;

export function baselineRows(baselines: BaselineFigures, gatewayStep: StepResult | undefined): string[][] {
  const rows: string[][] = [];
  for (const [name, outcome, ratio] of [
    ['mosquitto', baselines.mosquitto, baselines.ratioToMosquitto],
    ['aedes (forwarding)', baselines.aedes, baselines.ratioToAedes],
  ] as const) {
    if (!outcome) continue;
    if ('skipped' in outcome) rows.push([name, int(baselines.devices), 'skipped', outcome.skipped.split('\n')[0]!, '', '', '', '', '']);
    else if ('failed' in outcome) rows.push([name, int(baselines.devices), 'failed', outcome.failed.split('\n')[0]!, '', '', '', '', '']);
    else {
      const r = outcome.result;
      rows.push([
        `${name} ${r.version}`,
        int(r.devices),
        int(r.connected),
        int(r.forwardedPerSecond),
        int(r.publisherAckedPerSecond),
        fixed(r.brokerCpuMicrosPerMessage, 1),
        fixed(r.brokerCores, 2),
        int(r.brokerPeakRssBytes / MB),
        fixed(ratio, 2),
      ]);
    }
  }
  const ours = gatewayStep?.saturation;
  if (ours) {
    rows.push([
      'gateway (ingest, same step)',
      int(gatewayStep.devices),
      int(ours.connected),
      int(ours.ackedPerSecond),
      int(ours.ackedPerSecond),
      fixed(ours.cpuMicrosPerMessage, 1),
      fixed(ours.gatewayCores, 2),
      int(gatewayStep.peakRssBytes === null ? null : gatewayStep.peakRssBytes / MB),
      '1.00',
    ]);
  }
  return rows;
}

/** Columns padded to their widest cell, for the terminal. */
export function textTable(header: readonly string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Numbers right-aligned after the first column, unless the columns are text (`numeric` false). */
export function markdownTable(header: readonly string[], rows: string[][], numeric = true): string {
  const escape = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 || !numeric ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
  ].join('\n');
}
