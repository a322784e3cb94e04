import { readFileSync } from 'node:fs';

// Resident memory and CPU time of one process, and busy time of the whole machine, read from /proc on demand.
// Reads are synchronous on purpose: /proc files are generated in memory, take microseconds, and a synchronous read
// lets the harness sample at the exact moment a progress report arrives.

/** Linux reports utime/stime in USER_HZ ticks, 100 on every mainstream architecture (getconf CLK_TCK). */
const CLK_TCK = 100;

export interface ProcessSample {
  /** Wall clock, ms. */
  at: number;
  rssBytes: number;
  /** Peak resident memory since the process started (VmHWM). */
  peakRssBytes: number;
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
}

function statusKiB(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

export function sampleProcess(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
  // What follows starts at field 3 (state); utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return {
    at: Date.now(),
    rssBytes: statusKiB(status, 'VmRSS') * 1024,
    peakRssBytes: statusKiB(status, 'VmHWM') * 1024,
    cpuSeconds: ticks / CLK_TCK,
  };
}

export interface MachineCpuSample {
  busyTicks: number;
  totalTicks: number;
}

/** All cores together, from the first line of /proc/stat. */
export function sampleMachineCpu(): MachineCpuSample {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  // idle + iowait are not busy.
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busyTicks: total - idle, totalTicks: total };
}

/** Share of the machine's CPU that was busy between two samples, 0..1. */
export function machineBusyShare(from: MachineCpuSample, to: MachineCpuSample): number {
  const total = to.totalTicks - from.totalTicks;
  return total > 0 ? (to.busyTicks - from.busyTicks) / total : 0;
}
