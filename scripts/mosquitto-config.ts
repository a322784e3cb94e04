import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../gateway/src/adapters/db/open-store.js';
import { MOSQUITTO_FILES, renderMosquittoConfig } from '../gateway/src/adapters/mqtt/mosquitto-config.js';
import { mosquittoPasswordHash } from '../gateway/src/app/secrets.js';
import { loadConfig } from '../gateway/src/config.js';

// `npm run mosquitto:config [-- --out DIR]`: the external broker's files (docs/external-broker.md) from the device
// registry: mosquitto.conf, passwords and acl in DIR (default ./mosquitto, which docker-compose.yml mounts).
// Reads the store the gateway uses (DATABASE_URL, else DATA_DIR's SQLite file), the gateway's MQTT login from
// MQTT_USERNAME and MQTT_PASSWORD. Run it again after registering devices, then send Mosquitto SIGHUP.

const USAGE = `usage: npm run mosquitto:config -- [--out DIR] [--port PORT] [--config-dir PATH] [--data-dir PATH]
  --out DIR          where to write mosquitto.conf, passwords and acl (default ./mosquitto)
  --port PORT        Mosquitto's listener (default 1883)
  --config-dir PATH  where Mosquitto will find passwords and acl (default /mosquitto/config, the eclipse-mosquitto image)
  --data-dir PATH    where Mosquitto keeps its persistence file (default /mosquitto/data)
environment: MQTT_PASSWORD (required, at least 16 characters), MQTT_USERNAME (default gateway),
             DATABASE_URL or DATA_DIR (the gateway's store)`;

/** The password file also holds the gateway's hash, with Mosquitto's 101 iterations: only a long password is safe. */
const MIN_GATEWAY_PASSWORD = 16;

function fail(message: string): never {
  process.stderr.write(`mosquitto:config: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: './mosquitto' },
      port: { type: 'string', default: '1883' },
      'config-dir': { type: 'string', default: '/mosquitto/config' },
      'data-dir': { type: 'string', default: '/mosquitto/data' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const password = process.env.MQTT_PASSWORD;
  if (!password) fail(`MQTT_PASSWORD is not set: it is the password the gateway instances log in to Mosquitto with.\n${USAGE}`);
  if (password.length < MIN_GATEWAY_PASSWORD) {
    fail(`MQTT_PASSWORD is shorter than ${MIN_GATEWAY_PASSWORD} characters; use a random one, e.g. \`openssl rand -base64 32\``);
  }
  const config = loadConfig();
  const outDir = resolve(values.out);

  process.stdout.write(`reading devices from ${config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : join(config.DATA_DIR, 'gateway.sqlite')}\n`);
  const store = await openStore(config);
  // Every device, the retired ones too: renderMosquittoConfig leaves those out of the password file, so a retired
  // device can no longer log in to Mosquitto either once the files are written again and Mosquitto reloads (issue 22).
  const devices = await store.listDevices().finally(() => store.close());

  const files = renderMosquittoConfig({
    devices,
    gateway: { username: config.MQTT_USERNAME, passwordHash: mosquittoPasswordHash(password) },
    port: Number(values.port),
    configDir: values['config-dir'],
    dataDir: values['data-dir'],
  });

  mkdirSync(outDir, { recursive: true });
  // Readable by the broker's own account (uid 1883 in the container). The password file holds only PBKDF2 hashes of
  // 32-byte random device secrets and of the gateway's long password; keep the folder itself away from other users.
  const written: Array<[string, string]> = [
    [MOSQUITTO_FILES.conf, files.mosquittoConf],
    [MOSQUITTO_FILES.passwords, files.passwordFile],
    [MOSQUITTO_FILES.acl, files.aclFile],
  ];
  for (const [name, content] of written) {
    const path = join(outDir, name);
    writeFileSync(path, content);
    chmodSync(path, 0o644);
  }

  const admitted = devices.length - files.devicesWithoutHash.length;
  process.stdout.write(
    [
      `wrote ${written.map(([name]) => join(outDir, name)).join(', ')}`,
      `  ${admitted} of ${devices.length} devices can log in to Mosquitto; the gateway logs in as "${config.MQTT_USERNAME}"`,
      `  Mosquitto listens on ${values.port}, reads ${values['config-dir']}/{${MOSQUITTO_FILES.passwords},${MOSQUITTO_FILES.acl}}, persists into ${values['data-dir']}`,
      '',
    ].join('\n'),
  );
  if (files.devicesWithoutHash.length > 0) {
    process.stdout.write(
      [
        `${files.devicesWithoutHash.length} devices need a new secret: they were registered before the broker hash was kept,`,
        'and the gateway stores only a hash of their secret, so they cannot log in to Mosquitto until they are given one:',
        ...files.devicesWithoutHash.map((id) => `  ${id}`),
        '',
      ].join('\n'),
    );
  }
  process.stdout.write(
    [
      'A running Mosquitto reads the password and ACL files again on SIGHUP (no connection is dropped):',
      '  docker compose kill -s HUP mosquitto      or      kill -HUP $(pidof mosquitto)',
      'A change to mosquitto.conf (listener, persistence, limits) needs a restart.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
