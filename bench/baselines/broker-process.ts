import { spawn } from 'node:child_process';
import { trackChild } from '../child-cleanup.js';
import { tailOutput } from '../output-tail.js';
import type { BrokerUnderTest } from './broker-under-test.js';
import { waitForPort } from './wait-for-port.js';

// A baseline broker (Mosquitto, a bare aedes) as a child process on `port`: started, waited for until it listens,
// stopped with SIGTERM (SIGKILL after 10 s). Killed with the harness if that dies first (child-cleanup.ts).

export async function startBrokerProcess(
  broker: { name: string; version: string; port: number },
  command: string,
  args: string[],
  cwd?: string,
): Promise<BrokerUnderTest> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
  trackChild(child);
  const output = tailOutput([child.stdout, child.stderr]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(broker.port, () => child.exitCode === null && child.signalCode === null, output);
  return {
    name: broker.name,
    version: broker.version,
    mqttUrl: `mqtt://127.0.0.1:${broker.port}`,
    pid: child.pid!,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
