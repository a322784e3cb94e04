import { ROOT } from './gateway-process.js';
import { gitCommit, machineInfo, type MachineInfo } from './machine-info.js';

// The opening of a benchmark run (`npm run bench`, `npm run bench:cluster`): its clock, the machine and the commit,
// announced on stdout, with a warning when something else keeps the machine busy.

export interface RunStart {
  startedAt: string;
  machine: MachineInfo;
  commit: string;
  /** Writes a line to stdout behind the seconds since the start. */
  print: (line: string) => void;
}

/** `name` prefixes the announcement: `bench: <cpu>, 2 cores, ...`. */
export function startRun(name: string): RunStart {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const print = (line: string) => process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const machine = machineInfo();
  const commit = gitCommit(ROOT);
  print(`${name}: ${machine.cpuModel}, ${machine.cores} cores, ${(machine.ramBytes / 2 ** 30).toFixed(1)} GB, Node ${machine.node}, commit ${commit}`);
  if (machine.loadAverageAtStart > 0.5) {
    print(`${name}: WARNING load average ${machine.loadAverageAtStart.toFixed(2)}: something else is busy; the figures will be low`);
  }
  return { startedAt, machine, commit, print };
}
