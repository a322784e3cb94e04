import { spawn, type ChildProcess } from 'node:child_process';

// A server a test runs as a child process (Mosquitto, VictoriaMetrics): started, and started again after a stop, on
// the same arguments; the end of its output kept for error messages; waited for until it serves.

export interface ServiceSpec {
  /** For messages: `mosquitto exited while starting`. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  /** How many characters of its output (the last ones) are kept. */
  keepChars: number;
  /** Whether it serves yet: asked every `pollMs` until it does, for at most `readyMs`. */
  ready: () => Promise<boolean>;
  /** How a timeout reads after the name: `not listening on 1883`. */
  notReady: string;
  readyMs: number;
  pollMs: number;
}

export interface ServiceProcess {
  /** Spawns it unless it runs and waits until it serves; throws with its output if it exits or takes too long. */
  start(): Promise<void>;
  /** The running process, to signal it; undefined once it has exited. */
  child(): ChildProcess | undefined;
  /** Resolves when the last process started has exited (at once when none was). */
  exited(): Promise<void>;
  output(): string;
}

export function serviceProcess(spec: ServiceSpec): ServiceProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  async function start(): Promise<void> {
    if (child) return;
    const proc = spawn(spec.command, spec.args, { cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-spec.keepChars));
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void exited.then(() => {
      if (child === proc) child = undefined;
    });
    const until = Date.now() + spec.readyMs;
    for (;;) {
      if (child !== proc) throw new Error(`${spec.name} exited while starting:\n${output}`);
      if (await spec.ready()) return;
      if (Date.now() > until) throw new Error(`${spec.name} ${spec.notReady} within ${spec.readyMs / 1000} s:\n${output}`);
      await new Promise((r) => setTimeout(r, spec.pollMs));
    }
  }

  return { start, child: () => child, exited: () => exited, output: () => output };
}
