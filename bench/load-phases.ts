import type { LoadProgress } from '../device-sim/src/load/load.types.js';
import { machineBusyShare, sampleMachineCpu, sampleProcess, type MachineCpuSample, type ProcessSample } from './process-sampler.js';

// Follows one runLoad call through its once-a-second progress reports: prints a progress line, samples the process
// under test (memory, CPU) at each report, and remembers the first and last report of the steady phase, so that CPU
// per message is CPU time over acknowledged messages between the same two instants.

export interface PhaseMark {
  elapsedSeconds: number;
  acked: number;
  connected: number;
  /** The optional extra counter at this instant (the baselines' subscriber: messages forwarded to it). */
  counted: number;
  process: ProcessSample | null;
  machine: MachineCpuSample;
}

export interface LoadPhases {
  onProgress(progress: LoadProgress): void;
  /** First and last report of the steady phase; null if it had fewer than two reports. */
  steady(): { first: PhaseMark; last: PhaseMark } | null;
  /** The last report (after the run: everything was connected, or not). */
  last(): PhaseMark | null;
  /** Highest resident memory seen at a report. */
  peakRssBytes(): number;
}

export interface SteadyFigures {
  seconds: number;
  ackedPerSecond: number;
  /** CPU seconds of the process under test per acknowledged message, in microseconds. */
  cpuMicrosPerMessage: number | null;
  /** CPU of the process under test in cores (1.0 = one core busy all the time). */
  processCores: number | null;
  /** Busy share of all the machine's cores, 0..1: near 1 means the machine, not the broker, set the limit. */
  machineBusy: number;
  /** The extra counter's rate over the same window. */
  countedPerSecond: number;
}

export function steadyFigures(phases: LoadPhases): SteadyFigures | null {
  const window = phases.steady();
  if (!window) return null;
  const { first, last } = window;
  const seconds = last.elapsedSeconds - first.elapsedSeconds;
  const acked = last.acked - first.acked;
  const cpu = first.process && last.process ? last.process.cpuSeconds - first.process.cpuSeconds : null;
  return {
    seconds,
    ackedPerSecond: seconds > 0 ? acked / seconds : 0,
    cpuMicrosPerMessage: cpu !== null && acked > 0 ? (cpu / acked) * 1e6 : null,
    processCores: cpu !== null && seconds > 0 ? cpu / seconds : null,
    machineBusy: machineBusyShare(first.machine, last.machine),
    countedPerSecond: seconds > 0 ? (last.counted - first.counted) / seconds : 0,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export interface TrackOptions {
  /** Starts each progress line, e.g. "10,000 devices · saturation". */
  label: string;
  /** The process under test (gateway or broker) and what to call it. */
  pid: number | null;
  processName: string;
  print: (line: string) => void;
  counter?: () => number;
}

export function trackLoadPhases({ label, pid, processName, print, counter }: TrackOptions): LoadPhases {
  let first: PhaseMark | null = null;
  let lastSteady: PhaseMark | null = null;
  let previous: PhaseMark | null = null;
  let peak = 0;
  return {
    onProgress(progress) {
      let processSample: ProcessSample | null = null;
      try {
        processSample = pid === null ? null : sampleProcess(pid);
      } catch {
        // the process is gone; the run will report the consequences
      }
      const mark: PhaseMark = {
        elapsedSeconds: progress.elapsedSeconds,
        acked: progress.acked,
        connected: progress.connected,
        counted: counter ? counter() : 0,
        process: processSample,
        machine: sampleMachineCpu(),
      };
      if (processSample) peak = Math.max(peak, processSample.rssBytes);
      if (progress.phase === 'steady') {
        first ??= mark;
        lastSteady = mark;
      }
      const dt = previous ? mark.elapsedSeconds - previous.elapsedSeconds : 0;
      const rate = previous && dt > 0 ? (mark.acked - previous.acked) / dt : 0;
      const cores = previous?.process && processSample && dt > 0 ? (processSample.cpuSeconds - previous.process.cpuSeconds) / dt : null;
      const busy = previous ? machineBusyShare(previous.machine, mark.machine) : 0;
      const forwarded = counter && previous && dt > 0 ? (mark.counted - previous.counted) / dt : null;
      previous = mark;
      print(
        `${label} · ${progress.phase.padEnd(10)} ${progress.elapsedSeconds.toFixed(0).padStart(4)} s · connected ${fmt(progress.connected)}` +
          ` · acked ${fmt(rate)}/s (${fmt(progress.acked)}) · errors ${progress.errors}` +
          (forwarded === null ? '' : ` · forwarded ${fmt(forwarded)}/s`) +
          (processSample ? ` · ${processName} ${cores === null ? '-' : cores.toFixed(2)} cores, rss ${fmt(processSample.rssBytes / 2 ** 20)} MB` : '') +
          ` · machine ${(busy * 100).toFixed(0)} % busy`,
      );
    },
    steady: () => (first && lastSteady && lastSteady !== first ? { first, last: lastSteady } : null),
    last: () => previous,
    peakRssBytes: () => peak,
  };
}
