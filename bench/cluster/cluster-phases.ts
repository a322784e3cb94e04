import type { LoadProgress } from '../../device-sim/src/load/load.types.js';
import { machineBusyShare, sampleMachineCpu, type MachineCpuSample } from '../process-sampler.js';
import type { ScaleOutSteadyFigures } from './cluster.types.js';
import { readInstanceCounts, type CountedInstance, type InstanceCounts } from './instance-counts.js';
import type { BacklogMonitor } from './mosquitto-backlog.js';

// bench/load-phases.ts for the scale-out topology: follows one runLoad call through its once-a-second reports, and at
// each reads both gateways' counters, samples every process of the topology and prints a progress line with the
// offered rate (Mosquitto's PUBACKs), the ingest rate (the gateways' counters) and the backlog between them.
// The counters come over HTTP: a report that arrives while the previous read is still under way is skipped, so the
// marks stay in order and each holds counters and samples taken at the same moment.

/** A process of the topology, sampled at each mark: CPU seconds so far and memory now. */
export interface TopologyProcess {
  name: string;
  sample(): { cpuSeconds: number; memoryBytes: number };
  /** Peak resident memory since it started (VmHWM), where the kernel keeps one. */
  peakBytes?(): number;
}

export interface ClusterMark {
  /** performance.now() when the counters came back. */
  at: number;
  phase: LoadProgress['phase'];
  elapsedSeconds: number;
  connected: number;
  /** PUBACKs the devices had from Mosquitto so far in this run. */
  acked: number;
  counts: InstanceCounts;
  cpuSeconds: Record<string, number | null>;
  memoryBytes: Record<string, number | null>;
  machine: MachineCpuSample;
  mosquittoStored: number | null;
}

export interface ClusterPhases {
  onProgress(progress: LoadProgress): void;
  /** Waits for a counter read still under way. */
  settled(): Promise<void>;
  steady(): ScaleOutSteadyFigures | null;
  last(): ClusterMark | null;
  /** Highest memory seen per process at a mark. */
  peakMemoryBytes(): Record<string, number>;
}

export interface ClusterTrackOptions {
  label: string;
  instances: CountedInstance[];
  processes: TopologyProcess[];
  backlog: BacklogMonitor | null;
  /** The instances' received total when the run started: what was received since is this run's. */
  receivedAtStart: number;
  print: (line: string) => void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const isGateway = (name: string) => name.startsWith('gateway');

export function trackClusterPhases(options: ClusterTrackOptions): ClusterPhases {
  const { label, instances, processes, backlog, receivedAtStart, print } = options;
  const marks: ClusterMark[] = [];
  const peak: Record<string, number> = {};
  let reading: Promise<void> | null = null;

  const sampleProcesses = () => {
    const cpuSeconds: Record<string, number | null> = {};
    const memoryBytes: Record<string, number | null> = {};
    for (const p of processes) {
      try {
        const s = p.sample();
        cpuSeconds[p.name] = s.cpuSeconds;
        memoryBytes[p.name] = s.memoryBytes;
        peak[p.name] = Math.max(peak[p.name] ?? 0, s.memoryBytes);
      } catch {
        // gone: the step reports what its output says
        cpuSeconds[p.name] = null;
        memoryBytes[p.name] = null;
      }
    }
    return { cpuSeconds, memoryBytes };
  };

  const record = async (progress: LoadProgress): Promise<void> => {
    const counts = await readInstanceCounts(instances);
    const mark: ClusterMark = {
      at: performance.now(),
      phase: progress.phase,
      elapsedSeconds: progress.elapsedSeconds,
      connected: progress.connected,
      acked: progress.acked,
      counts,
      ...sampleProcesses(),
      machine: sampleMachineCpu(),
      mosquittoStored: backlog?.latest().stored ?? null,
    };
    const previous = marks[marks.length - 1];
    marks.push(mark);
    const dt = previous ? (mark.at - previous.at) / 1000 : 0;
    const rate = (pick: (m: ClusterMark) => number) => (previous && dt > 0 ? (pick(mark) - pick(previous)) / dt : 0);
    const cores = processes
      .map((p) => {
        const now = mark.cpuSeconds[p.name];
        const before = previous?.cpuSeconds[p.name];
        return `${p.name.replace('gateway ', '')} ${now == null || before == null || dt <= 0 ? '-' : ((now - before) / dt).toFixed(2)}`;
      })
      .join(' ');
    print(
      `${label} · ${progress.phase.padEnd(10)} ${progress.elapsedSeconds.toFixed(0).padStart(4)} s · connected ${fmt(progress.connected)}` +
        ` · offered ${fmt(rate((m) => m.acked))}/s · ingested ${fmt(rate((m) => m.counts.accepted))}/s` +
        ` · backlog ${fmt(backlogOf(mark, receivedAtStart))}${mark.mosquittoStored === null ? '' : ` (stored ${fmt(mark.mosquittoStored)})`}` +
        ` · errors ${progress.errors} · cores ${cores}` +
        (previous ? ` · machine ${(machineBusyShare(previous.machine, mark.machine) * 100).toFixed(0)} % busy` : ''),
    );
  };

  return {
    onProgress(progress) {
      if (reading) return;
      reading = record(progress)
        .catch((err: Error) => print(`${label} · counters not read: ${err.message}`))
        .finally(() => (reading = null));
    },
    settled: async () => {
      await reading;
    },
    steady() {
      const steady = marks.filter((m) => m.phase === 'steady');
      const first = steady[0];
      const last = steady[steady.length - 1];
      return first && last && last !== first ? steadyFigures(first, last, receivedAtStart) : null;
    },
    last: () => marks[marks.length - 1] ?? null,
    peakMemoryBytes: () => ({ ...peak }),
  };
}

/** Acknowledged by Mosquitto in this run, not yet received by a gateway. */
function backlogOf(mark: ClusterMark, receivedAtStart: number): number {
  return Math.max(0, mark.acked - (mark.counts.received - receivedAtStart));
}

function steadyFigures(first: ClusterMark, last: ClusterMark, receivedAtStart: number): ScaleOutSteadyFigures {
  const seconds = (last.at - first.at) / 1000;
  const accepted = last.counts.accepted - first.counts.accepted;
  const cores: Record<string, number | null> = {};
  let gatewayCpu: number | null = 0;
  let topologyCpu: number | null = 0;
  for (const name of Object.keys(last.cpuSeconds)) {
    const to = last.cpuSeconds[name];
    const from = first.cpuSeconds[name];
    const cpu = to == null || from == null ? null : to - from;
    cores[name] = cpu === null ? null : cpu / seconds;
    topologyCpu = cpu === null || topologyCpu === null ? null : topologyCpu + cpu;
    if (isGateway(name)) gatewayCpu = cpu === null || gatewayCpu === null ? null : gatewayCpu + cpu;
  }
  const perMessage = (cpu: number | null) => (cpu !== null && accepted > 0 ? (cpu / accepted) * 1e6 : null);
  const ingestPerSecondByInstance: Record<string, number> = {};
  for (const [name, count] of Object.entries(last.counts.acceptedByInstance)) {
    ingestPerSecondByInstance[name] = (count - (first.counts.acceptedByInstance[name] ?? 0)) / seconds;
  }
  return {
    seconds,
    offeredPerSecond: (last.acked - first.acked) / seconds,
    ingestPerSecond: accepted / seconds,
    ingestPerSecondByInstance,
    backlogAtEnd: backlogOf(last, receivedAtStart),
    mosquittoStoredAtEnd: last.mosquittoStored,
    gatewayCpuMicrosPerMessage: perMessage(gatewayCpu),
    topologyCpuMicrosPerMessage: perMessage(topologyCpu),
    cores,
    machineBusy: machineBusyShare(first.machine, last.machine),
  };
}
