import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { MOSQUITTO } from '../../tests/support/mosquitto.js';

// The versions of the services the scale-out figures were measured with.

export async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

export function mosquittoVersion(): string {
  try {
    // `mosquitto -h` prints its usage with the version in the first line and exits with status 3.
    execFileSync(MOSQUITTO, ['-h'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    const match = /mosquitto version (\S+)/.exec(String((err as { stdout?: string }).stdout ?? ''));
    if (match?.[1]) return match[1];
  }
  return 'unknown';
}
