import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { emptyWorkerStats } from './load-connections.js';
import type { ParentMessage, WorkerMessage, WorkerStats } from './load-protocol.js';

// The parent's side of one load worker: forks it, keeps its latest counters, and lets the runner wait for the
// worker's phase reports. A worker that exits before its final report, or reports a failure, fails the run.

const WORKER_FILE = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
/** The repository root: `--import tsx` is resolved from the working directory. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type PhaseReport = 'ready' | 'settled' | 'drained' | 'final';

export class WorkerHandle {
  stats: WorkerStats = emptyWorkerStats();
  /** The highest RSS the worker reported. */
  peakRssBytes = 0;
  failedDeviceIds: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly seen = new Set<PhaseReport>();
  private readonly waiters = new Map<PhaseReport, Array<() => void>>();
  /** Set once told to stop: from then on its exit is expected, with or without the final report. */
  private stopped = false;

  constructor(
    readonly index: number,
    onMessage: (message: WorkerMessage, worker: WorkerHandle) => void,
    onFailure: (err: Error) => void,
    niceness = 0,
  ) {
    // Node 20 runs TypeScript through tsx's loader; the parent's own execArgv (vitest's, tsx's CLI) is not passed on.
    this.child = fork(WORKER_FILE, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    if (niceness !== 0 && this.child.pid !== undefined) setPriority(this.child.pid, niceness);
    // 'close' comes after the IPC channel has delivered everything, so a final report is never taken for an early exit.
    this.exited = new Promise((resolve) => this.child.once('close', (code) => resolve(code)));
    this.child.on('error', (err) => onFailure(new Error(`load worker ${index}: ${err.message}`)));
    this.child.on('close', (code, signal) => {
      if (!this.stopped && !this.seen.has('final')) onFailure(new Error(`load worker ${index} exited early (${signal ?? `code ${code}`})`));
    });
    this.child.on('message', (message: WorkerMessage) => {
      if (message.type === 'failed') {
        onFailure(new Error(`load worker ${index} failed: ${message.message}`));
        return;
      }
      if ('stats' in message) {
        this.stats = message.stats;
        this.peakRssBytes = Math.max(this.peakRssBytes, message.stats.rssBytes);
      }
      if (message.type === 'settled') this.failedDeviceIds = message.failedDeviceIds;
      if (message.type === 'ready' || message.type === 'settled' || message.type === 'drained' || message.type === 'final') {
        this.seen.add(message.type);
        for (const resolve of this.waiters.get(message.type) ?? []) resolve();
        this.waiters.delete(message.type);
      }
      onMessage(message, this);
    });
  }

  send(message: ParentMessage): void {
    if (this.child.connected) this.child.send(message);
  }

  /** Tells the worker to disconnect its devices and exit. */
  stop(): void {
    this.stopped = true;
    this.send({ type: 'stop' });
  }

  /** Resolves once the worker has sent this report (at once if it already has). */
  reported(type: PhaseReport): Promise<void> {
    if (this.seen.has(type)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(type, [...(this.waiters.get(type) ?? []), resolve]));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}
