import { readFileSync } from 'node:fs';
import { ROOT } from '../gateway-process.js';
import { freePort } from '../net.js';
import type { BrokerUnderTest } from './broker-under-test.js';
import { startBrokerProcess } from './broker-process.js';

// The aedes-forwarding baseline: a bare aedes 1.x (bench/baselines/aedes-broker.ts) in its own process, measured the
// same way as Mosquitto. It shows what routing device messages through an aedes subscriber would cost, the design
// the gateway avoids (docs/decisions/0001-in-process-broker.md).

function aedesVersion(): string {
  const pkg = JSON.parse(readFileSync(`${ROOT}node_modules/aedes/package.json`, 'utf8')) as { version: string };
  return pkg.version;
}

export async function startAedesForwarder(): Promise<BrokerUnderTest> {
  const port = await freePort();
  return startBrokerProcess({ name: 'aedes', version: aedesVersion(), port }, process.execPath, ['--import', 'tsx', 'bench/baselines/aedes-broker.ts', String(port)], ROOT);
}
