import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GATEWAY_NODE_FLAGS } from '../gateway/src/node-flags.js';
import { trackChild } from './child-cleanup.js';
import { freePort, sleep } from './net.js';
import { tailOutput } from './output-tail.js';

// The gateway under test as its own OS process, started the way `npm start` starts it, so that its memory and CPU
// are its own and not the harness's. Same idea as tests/support/gateway-process.ts, with benchmark settings.

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface GatewayStartOptions {
  dataDir: string;
  adminUser: string;
  adminPassword: string;
  /**
   * When set, the gateway runs with --cpu-prof and writes its profiles into this directory when it exits: one per
   * thread (tsx's module loader runs in a thread of its own), named CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
   */
  cpuProfileDir?: string;
  /** More environment, last; an empty value stands for the gateway's own default (config.ts). */
  env?: Record<string, string>;
}

export interface GatewayProcess {
  pid: number;
  httpUrl: string;
  mqttUrl: string;
  output(): string;
  /** SIGTERM, then wait for the graceful close (the gateway itself gives up after 10 s); SIGKILL after 30 s. */
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayStartOptions): Promise<GatewayProcess> {
  mkdirSync(options.dataDir, { recursive: true });
  const [httpPort, mqttPort] = [await freePort(), await freePort()];
  const profileArgs = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  const child: ChildProcess = spawn(process.execPath, [...GATEWAY_NODE_FLAGS, ...profileArgs, '--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      HTTP_PORT: String(httpPort),
      MQTT_PORT: String(mqttPort),
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      GATEWAY_ADMIN_USER: options.adminUser,
      GATEWAY_ADMIN_PASSWORD: options.adminPassword,
      // The load disconnects every device between the phases of a step: that must raise no offline alerts or tasks,
      // whose commits would be measured as ingest cost.
      OFFLINE_GRACE_SECONDS: String(7 * 24 * 3600),
      // The fleet (up to 20,000 devices and their elders) is registered through the API from one address.
      RATE_LIMIT_WRITE_PER_MINUTE: String(1_000_000),
      // The load's devices each send at their own steady rate; the flood limit is tested elsewhere.
      DEVICE_MAX_MESSAGES_PER_MINUTE: String(1_000_000),
      DEVICE_BURST_MESSAGES: String(1_000_000),
      // The load generator is one address standing in for thousands of homes, and connects them in a ramp: the caps
      // on connections not yet logged in per address (and in all) are for hostile peers (bench:hostile tests them).
      MQTT_MAX_PENDING_PER_ADDRESS: String(1_000_000),
      MQTT_MAX_PENDING_CONNECTIONS: String(1_000_000),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  const output = tailOutput([child.stdout, child.stderr]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const httpUrl = `http://127.0.0.1:${httpPort}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`gateway exited early:\n${output()}`);
    if (await fetch(`${httpUrl}/readyz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway not ready within 60 s:\n${output()}`);
    }
    await sleep(100);
  }

  return {
    pid: child.pid!,
    httpUrl,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
