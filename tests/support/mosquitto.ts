import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MOSQUITTO_FILES, renderMosquittoConfig, type MosquittoConfigInput, type MosquittoFiles } from '../../gateway/src/adapters/mqtt/mosquitto-config.js';
import { mosquittoPasswordHash } from '../../gateway/src/app/secrets.js';
import { freePort } from './free-port.js';
import { serviceProcess } from './service-process.js';
import { binaryMissing } from './system-binaries.js';

// A real Mosquitto (Debian's 2.0.11) for the external broker mode's tests, run on the files renderMosquittoConfig
// makes. They are written into a fresh temp directory, which is also Mosquitto's working directory: render them with
// relative paths (`configDir: '.'`, `dataDir: '.'`) and the password file, the ACL file and the persistence file
// all live there. Or give the registry (devices, the gateway's login) and the files are rendered here, that way,
// on a free port; writeMosquittoFiles renders them again for a running broker, which reload() then reads.
//
// Run as root, Mosquitto switches to the `mosquitto` account, which could not write its persistence file into our
// temp directory. The test's copy of mosquitto.conf therefore ends with `user root`, which keeps the account it was
// started with (as any other user, the line changes nothing). Mosquitto then logs "should not be run as root"; the
// production file (scripts/mosquitto-config.ts) has no such line.

export const MOSQUITTO = '/usr/sbin/mosquitto';
export const mosquittoMissing = (): boolean => binaryMissing(MOSQUITTO, 'apt-get install mosquitto');

export interface MosquittoFilesToRun {
  mosquittoConf: string;
  passwordFile: string;
  aclFile: string;
}

/** What `npm run mosquitto:config` reads: the registry's devices and the gateway's login. */
export interface MosquittoRegistry {
  devices: MosquittoConfigInput['devices'];
  gatewayUsername: string;
  gatewayPassword: string;
}

export interface MosquittoOptions {
  /** Lines added to the end of mosquitto.conf, e.g. `log_type all` while debugging a test. */
  extraConf?: string[];
}

export interface RunningMosquitto {
  url: string;
  port: number;
  /** The temp directory with mosquitto.conf, passwords, acl and mosquitto.db. */
  dir: string;
  /** Graceful stop (SIGTERM, Mosquitto saves its state first), then removes the directory. The test's cleanup. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing saved. The directory stays until stop(). */
  kill(): void;
  /** SIGHUP: Mosquitto reads the password and ACL files again (write new ones into `dir` first). */
  reload(): void;
  /** Stops it gracefully (SIGTERM) or as a crash (SIGKILL) and starts it again on the same port and directory. */
  restart(how: 'graceful' | 'crash'): Promise<void>;
  /** What Mosquitto has logged, for assertions and error messages. */
  log(): string;
}

/** The files for a broker on `port` whose directory holds them (paths relative to it). */
export function renderForTest(registry: MosquittoRegistry, port: number): MosquittoFiles {
  return renderMosquittoConfig({
    devices: registry.devices,
    gateway: { username: registry.gatewayUsername, passwordHash: mosquittoPasswordHash(registry.gatewayPassword) },
    port,
    configDir: '.',
    dataDir: '.',
  });
}

/** Writes the password and ACL files for the registry into a running broker's directory; then call reload(). */
export async function writeMosquittoFiles(broker: RunningMosquitto, registry: MosquittoRegistry): Promise<MosquittoFiles> {
  const files = renderForTest(registry, broker.port);
  await writeFile(join(broker.dir, MOSQUITTO_FILES.passwords), files.passwordFile);
  await writeFile(join(broker.dir, MOSQUITTO_FILES.acl), files.aclFile);
  return files;
}

export async function startMosquitto(input: MosquittoFilesToRun | MosquittoRegistry, options: MosquittoOptions = {}): Promise<RunningMosquitto> {
  const files = 'mosquittoConf' in input ? input : renderForTest(input, await freePort());
  const port = listenerPort(files.mosquittoConf);
  const dir = await mkdtemp(join(tmpdir(), 'mosquitto-'));
  const conf = [files.mosquittoConf.trimEnd(), '', '# Added by tests/support/mosquitto.ts', 'user root', ...(options.extraConf ?? []), ''].join('\n');
  await writeFile(join(dir, MOSQUITTO_FILES.conf), conf);
  await writeFile(join(dir, MOSQUITTO_FILES.passwords), files.passwordFile);
  await writeFile(join(dir, MOSQUITTO_FILES.acl), files.aclFile);

  const broker = serviceProcess({
    name: 'mosquitto',
    command: MOSQUITTO,
    args: ['-c', MOSQUITTO_FILES.conf],
    cwd: dir,
    keepChars: 64_000,
    ready: () => accepts(port),
    notReady: `not listening on ${port}`,
    readyMs: 10_000,
    pollMs: 25,
  });
  const start = broker.start;

  async function halt(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const proc = broker.child();
    if (!proc) return;
    proc.kill(signal);
    const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await broker.exited();
    clearTimeout(killer);
  }

  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      await halt('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
    kill() {
      broker.child()?.kill('SIGKILL');
    },
    reload() {
      const child = broker.child();
      if (!child) throw new Error('mosquitto is not running');
      child.kill('SIGHUP');
    },
    async restart(how) {
      await halt(how === 'graceful' ? 'SIGTERM' : 'SIGKILL');
      await start();
    },
    log: broker.output,
  };
}

function listenerPort(conf: string): number {
  const match = /^listener\s+(\d+)/m.exec(conf);
  if (!match?.[1]) throw new Error('mosquitto.conf has no `listener <port>` line');
  return Number(match[1]);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
