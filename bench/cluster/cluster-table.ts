import type { StepResult } from '../bench.types.js';
import type { ScaleOutStepResult } from './cluster.types.js';

// The single box and the scale-out topology side by side, per step: throughput, SOS latency, and each process's
// share of the machine. Rows of cells, printed after each step and written into the Markdown report.

const MB = 2 ** 20;
const int = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US'));
const fixed = (n: number | null | undefined, digits: number) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const percent = (share: number | null | undefined) => (share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`);
const SINGLE = 'single box';
const SCALE_OUT = 'scale-out';

export const THROUGHPUT_COLUMNS = [
  'devices',
  'topology',
  'connected',
  'connect s',
  'KB/device',
  'ingest msg/s',
  'per instance',
  'offered msg/s',
  'backlog',
  'drain s',
  'drain msg/s',
  'purged',
  'gw CPU µs/msg',
  'all CPU µs/msg',
  'machine busy',
  'rejected',
  'ingest failures',
] as const;

export function throughputRows(single: StepResult, scaleOut: ScaleOutStepResult): string[][] {
  const s = single.saturation;
  const one = [
    int(single.devices),
    SINGLE,
    int(single.connect?.connected),
    fixed(single.connect?.connectSeconds, 1),
    fixed(single.connect?.bytesPerDevice == null ? null : single.connect.bytesPerDevice / 1024, 1),
    int(s?.ackedPerSecond),
    '–',
    // The gateway acknowledges after it admitted the message: what was offered is what was taken in.
    int(s?.ackedPerSecond),
    '–',
    '–',
    '–',
    '–',
    fixed(s?.cpuMicrosPerMessage, 0),
    fixed(s?.cpuMicrosPerMessage, 0),
    percent(s?.machineBusy),
    int(single.counters?.rejected),
    int(single.counters?.ingestFailures),
  ];
  const x = scaleOut.saturation;
  const counters = Object.values(scaleOut.counters);
  const sum = (pick: (c: NonNullable<(typeof counters)[number]>) => number) =>
    counters.length > 0 && counters.every((c) => c !== null) ? counters.reduce((total, c) => total + pick(c!), 0) : null;
  const other = [
    int(scaleOut.devices),
    SCALE_OUT,
    int(scaleOut.connect?.connected),
    fixed(scaleOut.connect?.connectSeconds, 1),
    fixed(scaleOut.connect?.mosquittoBytesPerDevice == null ? null : scaleOut.connect.mosquittoBytesPerDevice / 1024, 1),
    int(x?.ingestPerSecond),
    x ? Object.entries(x.ingestPerSecondByInstance).map(([name, rate]) => `${name} ${int(rate)}`).join(' / ') : '–',
    int(x?.offeredPerSecond),
    int(x?.backlogAtEnd),
    fixed(x?.drain?.seconds, 0),
    int(x?.drain?.perSecond),
    int(x?.drain?.purged),
    fixed(x?.gatewayCpuMicrosPerMessage, 0),
    fixed(x?.topologyCpuMicrosPerMessage, 0),
    percent(x?.machineBusy),
    int(sum((c) => c.rejected)),
    int(sum((c) => c.ingestFailures)),
  ];
  return [one, other];
}

export const LATENCY_COLUMNS = ['devices', 'topology', 'desk on', 'load msg/s', 'ingest msg/s', 'presses', 'SOS p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'lost', 'machine busy'] as const;

export function latencyRows(single: StepResult, scaleOut: ScaleOutStepResult): string[][] {
  const rows: string[][] = [];
  const l = single.latency;
  rows.push([
    int(single.devices),
    SINGLE,
    'the gateway',
    int(l?.rate),
    int(l?.ackedPerSecond),
    int(l?.presses),
    fixed(l?.latency?.p50Ms, 2),
    fixed(l?.latency?.p99Ms, 2),
    fixed(l?.latency?.p999Ms, 2),
    fixed(l?.latency?.maxMs, 2),
    l ? `${l.lost} / ${l.presses}` : '–',
    percent(l?.machineBusy),
  ]);
  const x = scaleOut.latency;
  const desks = x ? Object.entries(x.desks) : [];
  if (desks.length === 0) rows.push([int(scaleOut.devices), SCALE_OUT, '–', int(x?.rate), '–', '–', '–', '–', '–', '–', '–', '–']);
  for (const [name, desk] of desks) {
    rows.push([
      int(scaleOut.devices),
      SCALE_OUT,
      `instance ${name}`,
      int(x?.rate),
      int(x?.steady?.ingestPerSecond),
      int(desk.presses),
      fixed(desk.latency?.p50Ms, 2),
      fixed(desk.latency?.p99Ms, 2),
      fixed(desk.latency?.p999Ms, 2),
      fixed(desk.latency?.maxMs, 2),
      `${desk.lost} / ${desk.presses}`,
      percent(x?.steady?.machineBusy),
    ]);
  }
  return rows;
}

export const PROCESS_COLUMNS = ['devices', 'topology', 'process', 'cores at saturation', 'cores at latency load', 'peak memory MB'] as const;

export function processRows(single: StepResult, scaleOut: ScaleOutStepResult): string[][] {
  const rows: string[][] = [
    [
      int(single.devices),
      SINGLE,
      'gateway (aedes + SQLite inside)',
      fixed(single.saturation?.gatewayCores, 2),
      fixed(single.latency?.gatewayCores, 2),
      int(single.peakRssBytes === null ? null : single.peakRssBytes / MB),
    ],
  ];
  const names = new Set([...Object.keys(scaleOut.saturation?.cores ?? {}), ...Object.keys(scaleOut.peakMemoryBytes)]);
  for (const name of names) {
    const peak = scaleOut.peakMemoryBytes[name];
    rows.push([
      int(scaleOut.devices),
      SCALE_OUT,
      name === 'postgres' ? 'postgres (all backends, PSS)' : name,
      fixed(scaleOut.saturation?.cores[name], 2),
      fixed(scaleOut.latency?.steady?.cores[name], 2),
      int(peak == null ? null : peak / MB),
    ]);
  }
  return rows;
}
