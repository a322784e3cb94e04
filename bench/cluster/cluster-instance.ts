import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatewayProcess } from '../../tests/support/gateway-process.js';
import { trackChild } from '../child-cleanup.js';
import { BENCH_ADMIN } from '../fleet-cache.js';
import { freePort } from '../net.js';

// One gateway instance of the scale-out topology as its own process (npm start's entry point, through the tests'
// gateway-process helper): PostgreSQL for the store, Mosquitto for the devices, consuming through shared
// subscriptions. Benchmark settings as bench/gateway-process.ts has them for the single box.

export interface ClusterInstanceOptions {
  name: string;
  databaseUrl: string;
  mqttUrl: string;
  mqttUsername: string;
  mqttPassword: string;
  consumers: number;
}

export interface ClusterInstance {
  name: string;
  pid: number;
  httpUrl: string;
  output(): string;
  exited(): boolean;
  /** SIGTERM and the gateway's graceful close; SIGKILL after 30 s. Removes its data dir. */
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 30_000;

/**
 * The limits for devices and clients that send too much, lifted as bench/gateway-process.ts lifts them for the single
 * box: the fleet is registered from one address, and the load's devices send far above a real device's allowance.
 */
export const LIFTED_LIMITS: Readonly<Record<string, string>> = {
  RATE_LIMIT_WRITE_PER_MINUTE: String(1_000_000),
  DEVICE_MAX_MESSAGES_PER_MINUTE: String(1_000_000),
  DEVICE_BURST_MESSAGES: String(1_000_000),
};

export async function startClusterInstance(options: ClusterInstanceOptions): Promise<ClusterInstance> {
  // Nothing is kept here with PostgreSQL and no InfluxDB, but the gateway wants a data dir of its own.
  const dataDir = mkdtempSync(join(tmpdir(), `bench-cluster-${options.name}-`));
  const ports = { http: await freePort(), mqtt: await freePort() };
  const gateway = await startGatewayProcess(dataDir, ports, {
    DATABASE_URL: options.databaseUrl,
    MQTT_URL: options.mqttUrl,
    MQTT_USERNAME: options.mqttUsername,
    MQTT_PASSWORD: options.mqttPassword,
    MQTT_CONSUMERS: String(options.consumers),
    GATEWAY_INSTANCE_ID: options.name,
    GATEWAY_ADMIN_USER: BENCH_ADMIN.username,
    GATEWAY_ADMIN_PASSWORD: BENCH_ADMIN.password,
    LOG_LEVEL: 'warn',
    // As on the single box: devices leaving between phases must raise no offline alerts or tasks.
    OFFLINE_GRACE_SECONDS: String(7 * 24 * 3600),
    ...LIFTED_LIMITS,
  }).catch((err: Error) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`gateway instance ${options.name}: ${err.message}`);
  });
  trackChild(gateway.child);
  return {
    name: options.name,
    pid: gateway.child.pid!,
    httpUrl: gateway.httpUrl,
    output: gateway.output,
    exited: () => gateway.child.exitCode !== null || gateway.child.signalCode !== null,
    async stop() {
      const { child } = gateway;
      if (child.exitCode === null && child.signalCode === null) {
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await gateway.kill('SIGTERM');
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
