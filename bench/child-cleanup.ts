import type { ChildProcess } from 'node:child_process';

// Every process the benchmark starts (gateway, Mosquitto, bare aedes) is registered here, so that a crash or a
// Ctrl+C of the harness never leaves a broker holding 20,000 sockets behind.

const children = new Set<ChildProcess>();

export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

function killAll(signal: NodeJS.Signals): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

// 'exit' handlers run synchronously only: SIGKILL is the one signal that needs no waiting.
process.once('exit', () => killAll('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping child processes\n`);
    killAll('SIGTERM');
    setTimeout(() => process.exit(130), 2000).unref();
  });
}
