import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_ADMIN } from './test-gateway.js';

// The gateway as a separate OS process (npm start's entry point), for tests that kill it.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface GatewayProcess {
  httpUrl: string;
  mqttUrl: string;
  child: ChildProcess;
  output: () => string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export async function startGatewayProcess(
  dataDir: string,
  ports: { http: number; mqtt: number },
  /** More configuration, e.g. DATABASE_URL and MQTT_URL for an instance of several. */
  env: Record<string, string> = {},
  /**
   * How long it may take to become ready (an instance that first takes its broker sessions back takes longer). A wait,
   * not a speed check: tsx compiles the gateway's ~500 modules at start, which took over 20 s on the 2-core machine
   * with the whole suite running beside it (a chaos test restarts the gateway ten times).
   */
  readyTimeoutMs = 60_000,
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      HTTP_PORT: String(ports.http),
      MQTT_PORT: String(ports.mqtt),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      GATEWAY_ADMIN_USER: TEST_ADMIN.username,
      GATEWAY_ADMIN_PASSWORD: TEST_ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const httpUrl = `http://127.0.0.1:${ports.http}`;

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited early:\n${output}`);
    const ready = await fetch(`${httpUrl}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`gateway not ready in ${readyTimeoutMs / 1000} s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    httpUrl,
    mqttUrl: `mqtt://127.0.0.1:${ports.mqtt}`,
    child,
    output: () => output,
    async kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}
