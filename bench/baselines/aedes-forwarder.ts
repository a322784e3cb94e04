import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { trackChild } from '../child-cleanup.js';
import { ROOT } from '../gateway-process.js';
import { freePort } from '../net.js';
import { tailOutput } from '../output-tail.js';
import type { BrokerUnderTest } from './broker-under-test.js';
import { waitForPort } from './wait-for-port.js';

// The aedes-forwarding baseline: a bare aedes 1.x (bench/baselines/aedes-broker.ts) in its own process, measured the
// same way as Mosquitto. It shows what routing device messages through an aedes subscriber would cost, the design
// the gateway avoids (DESIGN.md, decision 1).

function aedesVersion(): string {
  const pkg = JSON.parse(readFileSync(`${ROOT}node_modules/aedes/package.json`, 'utf8')) as { version: string };
  return pkg.version;
}

export async function startAedesForwarder(): Promise<BrokerUnderTest> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/baselines/aedes-broker.ts', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  const output = tailOutput([child.stdout, child.stderr]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, () => child.exitCode === null && child.signalCode === null, output);
  return {
    name: 'aedes',
    version: aedesVersion(),
    mqttUrl: `mqtt://127.0.0.1:${port}`,
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
