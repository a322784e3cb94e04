import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// The processes of the scale-out topology that the test support starts without telling their ids: Mosquitto (found
// by its working directory, the broker's temp dir) and the PostgreSQL server (its postmaster found by the port on
// its command line, then every process it forked: one backend per connection, checkpointer, WAL writer, ...).
// Read from /proc, like bench/process-sampler.ts.

function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Reads a /proc file of a process that may be gone by now: undefined then. */
function procFile(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

const commandName = (pid: number) => procFile(pid, 'comm')?.trim();
const commandLine = (pid: number) => procFile(pid, 'cmdline')?.split('\0') ?? [];
const parentOf = (pid: number) => {
  const stat = procFile(pid, 'stat');
  // After the parenthesised command name: state, then the parent's id.
  return stat === undefined ? undefined : Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};

export function findMosquittoPid(brokerDir: string): number | null {
  for (const pid of pids()) {
    if (commandName(pid) !== 'mosquitto') continue;
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) === brokerDir) return pid;
    } catch {
      // gone, or not ours to read
    }
  }
  return null;
}

/** The postmaster listening on `port` (tests/support/postgres.ts passes `-p <port>` on its command line). */
export function findPostmasterPid(port: number): number | null {
  for (const pid of pids()) {
    if (commandName(pid) !== 'postgres') continue;
    const args = commandLine(pid);
    const at = args.indexOf('-p');
    if (at >= 0 && args[at + 1] === String(port)) return pid;
  }
  return null;
}

export interface GroupSample {
  /**
   * User + system CPU seconds of the group: the root's own, its live children's, and its ended children's (which the
   * kernel adds to the root's cutime and cstime once it has waited for them), so the sum never goes back.
   */
  cpuSeconds: number;
  /**
   * Proportional set size summed over the group (shared pages counted once, split between the processes that map
   * them): PostgreSQL's shared buffers would be counted once per backend by a sum of RSS.
   */
  pssBytes: number;
  processes: number;
}

/** Linux reports times in USER_HZ ticks, 100 on every mainstream architecture (as bench/process-sampler.ts). */
const CLK_TCK = 100;

/** utime, stime, cutime, cstime in seconds: fields 14–17 of /proc/<pid>/stat. */
function cpuTimes(pid: number): { own: number; endedChildren: number } | undefined {
  const stat = procFile(pid, 'stat');
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return { own: (fields[11]! + fields[12]!) / CLK_TCK, endedChildren: (fields[13]! + fields[14]!) / CLK_TCK };
}

function pssBytes(pid: number): number {
  const match = /^Pss:\s+(\d+) kB/m.exec(procFile(pid, 'smaps_rollup') ?? '');
  return match ? Number(match[1]) * 1024 : 0;
}

/** A process and its children (one level: PostgreSQL's backends are all children of the postmaster). */
export function sampleProcessGroup(rootPid: number): GroupSample {
  const root = cpuTimes(rootPid);
  if (root === undefined) throw new Error(`process ${rootPid} is gone`);
  let cpuSeconds = root.own + root.endedChildren;
  let pss = pssBytes(rootPid);
  let processes = 1;
  for (const pid of pids()) {
    if (pid === rootPid || parentOf(pid) !== rootPid) continue;
    const times = cpuTimes(pid);
    if (times === undefined) continue; // ended meanwhile: its time moves to the root's cutime
    cpuSeconds += times.own;
    pss += pssBytes(pid);
    processes += 1;
  }
  return { cpuSeconds, pssBytes: pss, processes };
}
