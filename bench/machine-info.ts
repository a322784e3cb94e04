import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, hostname, loadavg, release, totalmem } from 'node:os';

// What the figures were measured on and with: they mean nothing without it.

export interface MachineInfo {
  hostname: string;
  cpuModel: string;
  cores: number;
  ramBytes: number;
  node: string;
  os: string;
  kernel: string;
  /** 1-minute load average when the run started: above ~0.5 something else was busy and the figures are low. */
  loadAverageAtStart: number;
}

export function machineInfo(): MachineInfo {
  let os = 'unknown';
  try {
    os = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    // not Linux, or no os-release
  }
  const cpuList = cpus();
  return {
    hostname: hostname(),
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    ramBytes: totalmem(),
    node: process.version,
    os,
    kernel: release(),
    loadAverageAtStart: loadavg()[0] ?? 0,
  };
}

/**
 * Short commit, with "-dirty" when the work tree holds changes or new files the commit does not (earlier results
 * under bench/results/ aside): then the figures belong to code nobody can check out.
 */
export function gitCommit(cwd: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', '.', ':!bench/results').length > 0 ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}
