import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.js';

// One gateway installation that a chaos test kills and starts again and again: the same data folder and the same
// ports for every life, as a process supervisor (systemd, Docker's restart policy) would restart it.

export interface RestartableGateway {
  readonly dataDir: string;
  readonly httpUrl: string;
  readonly mqttUrl: string;
  /** Whether a life is running now. */
  readonly running: boolean;
  /** Lives started so far, and how many of them ended by SIGKILL. */
  readonly lives: number;
  readonly kills: number;
  /** Starts the next life; resolves with the time (epoch ms) it answered /readyz. */
  start(): Promise<number>;
  /**
   * SIGKILL: no shutdown code runs, as in a crash or an OOM kill. Resolves with the time the signal was sent, once
   * the process is gone. Throws if the life had already ended on its own: a gateway that dies by itself is a finding.
   */
  kill(): Promise<number>;
  /** SIGTERM, the graceful stop; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** What the current (or last) life printed, for failure messages. */
  output(): string;
  /** Kills a running life and deletes the data folder. */
  dispose(): Promise<void>;
}

export async function createRestartableGateway(env: Record<string, string> = {}): Promise<RestartableGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-chaos-'));
  const ports = { http: await freePort(), mqtt: await freePort() };
  let current: GatewayProcess | undefined;
  let lives = 0;
  let kills = 0;

  const alive = () => current !== undefined && current.child.exitCode === null && current.child.signalCode === null;

  return {
    dataDir,
    httpUrl: `http://127.0.0.1:${ports.http}`,
    mqttUrl: `mqtt://127.0.0.1:${ports.mqtt}`,
    get running() {
      return alive();
    },
    get lives() {
      return lives;
    },
    get kills() {
      return kills;
    },
    async start() {
      if (alive()) throw new Error('a life is still running');
      lives += 1;
      current = await startGatewayProcess(dataDir, ports, env);
      return Date.now();
    },
    async kill() {
      const life = current;
      if (!life) throw new Error('no life to kill');
      if (!alive()) throw new Error(`the gateway had already exited (code ${life.child.exitCode}) before the kill:\n${life.output().slice(-4000)}`);
      const at = Date.now();
      const code = await life.kill('SIGKILL');
      // null: ended by the signal. A number means it exited on its own in the moment before the signal.
      if (code !== null) throw new Error(`the gateway exited with ${code} before the kill:\n${life.output().slice(-4000)}`);
      kills += 1;
      return at;
    },
    async stop() {
      if (!current || !alive()) return current?.child.exitCode ?? null;
      return current.kill('SIGTERM');
    },
    output: () => current?.output() ?? '',
    async dispose() {
      if (current && alive()) await current.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
