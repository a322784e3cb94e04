import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';
import { binaryMissing } from './system-binaries.js';

// A throwaway PostgreSQL cluster for the suites of the PostgreSQL store: initdb into a temporary directory, a server
// on a free loopback port with trust authentication and fsync off (nothing here has to survive a crash), removed
// again by stop(). Each test takes a fresh database from newDatabase(), which costs a CREATE DATABASE, not a cluster.
// The benchmark asks for `fsync: true`: its commit figures must include the flush to disk.
// Debian installs the server outside PATH, one directory per major version: the newest is used.

const INSTALL_ROOT = '/usr/lib/postgresql';
const run = promisify(execFile);

function newestBinDir(): string | undefined {
  if (!existsSync(INSTALL_ROOT)) return undefined;
  const versions = readdirSync(INSTALL_ROOT)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(INSTALL_ROOT, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(INSTALL_ROOT, versions[0], 'bin');
}

export const postgresMissing = (): boolean =>
  binaryMissing(join(newestBinDir() ?? join(INSTALL_ROOT, '<version>', 'bin'), 'postgres'), 'apt-get install postgresql');

export interface PostgresCluster {
  /** The cluster's `postgres` database, as superuser `postgres`. */
  readonly url: string;
  /** Creates an empty database and returns its URL. */
  newDatabase(): Promise<string>;
  /** Stops the server (fast: open connections are cut) and removes its directory. */
  stop(): Promise<void>;
  /** Takes the server down (immediate: like a crash or a lost network) and keeps its data, for `resume`. */
  pause(): Promise<void>;
  /** Starts the paused server again on the same port and data. */
  resume(): Promise<void>;
}

/** uid and gid of the Debian package's `postgres` user: PostgreSQL refuses to run as root. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const line = (await readFile('/etc/passwd', 'utf8')).split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root, but there is no postgres system user to run PostgreSQL as');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface PostgresOptions {
  /** Flush commits to disk as a production server does (fsync and full-page writes on). Default false: test speed. */
  fsync?: boolean;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresCluster> {
  const bin = newestBinDir();
  if (!bin) throw new Error(`no PostgreSQL server under ${INSTALL_ROOT} (apt-get install postgresql)`);
  const dir = await mkdtemp(join(tmpdir(), 'postgres-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    await chown(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const pgTool = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { cwd: dir })
      : run(join(bin, tool), args, { cwd: dir });
  const logTail = async () => (await readFile(logFile, 'utf8').catch(() => '(no server log)')).split('\n').slice(-30).join('\n');

  const port = await freePort();
  const durability = options.fsync ? '' : ' -c fsync=off -c full_page_writes=off';
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durability}`;
  try {
    await pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync', '--no-instructions']);
    // The unix socket goes into the cluster's own directory: the system one (/var/run/postgresql) may not exist.
    await pgTool('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '30', 'start']);
  } catch (err) {
    // execFile's message is the command line and its stderr.
    const { stdout, message } = err as { stdout?: string; message: string };
    await pgTool('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => {});
    const detail = [message, stdout, `server log (tail):\n${await logTail()}`].filter(Boolean).join('\n');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start (${bin}):\n${detail}`);
  }

  const urlOf = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const admin = new pg.Pool({ connectionString: urlOf('postgres'), max: 1 });
  admin.on('error', () => {});
  let databases = 0;
  return {
    url: urlOf('postgres'),
    async newDatabase() {
      const name = `test_${++databases}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return urlOf(name);
    },
    async pause() {
      await pgTool('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    },
    async resume() {
      await pgTool('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '30', 'start']);
    },
    async stop() {
      await admin.end();
      await pgTool('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(async (err: Error) => {
        console.warn(`PostgreSQL did not stop cleanly: ${err.message}\n${await logTail()}`);
      });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
