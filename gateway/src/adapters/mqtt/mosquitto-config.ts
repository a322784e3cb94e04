import { DEVICE_CHANNELS, deviceCommandsTopic, deviceTopic, isValidDeviceId } from '../../../../schemas/index.js';
import type { DeviceRecord } from '../../app/ports/store/devices.port.js';

// External broker mode (docs/external-broker.md): the Mosquitto 2.0 files that let an external broker do what the
// embedded aedes does in device-access.ts. Devices log in with client id = username = device id and their secret,
// publish only under devices/{id}/{events|telemetry|status} and read only devices/{id}/commands; the gateway
// instances log in as one user and consume the device topics through MQTT 5 shared subscriptions.
// Pure: `npm run mosquitto:config` (scripts/mosquitto-config.ts) reads the registry and writes the files.
//
// What Mosquitto 2.0.11 does with these files, measured in tests/integration/mosquitto-config.test.ts:
// - a wrong secret is refused with CONNACK 5 (MQTT 3.1.1) or 0x87 (MQTT 5);
// - a publish outside the device's own topics is dropped; the device gets a PUBACK all the same (0x87 with
//   MQTT 5, a plain PUBACK with 3.1.1) and stays connected;
// - SUBSCRIBE is never refused: the ACL file plugin grants every subscription and checks read access per message,
//   on the message's own topic (devices/<id>/events), also for `$share/<group>/...` subscriptions;
// - the client id is not tied to the username: see docs/external-broker.md, "Client ids".

export const MOSQUITTO_FILES = { conf: 'mosquitto.conf', passwords: 'passwords', acl: 'acl' } as const;

export interface MosquittoConfigInput {
  /** A retired device (retiredAt set) is left out: it must no longer log in (issue 22). */
  devices: ReadonlyArray<Pick<DeviceRecord, 'id' | 'brokerPasswordHash'> & { retiredAt?: number | null }>;
  /** The gateway instances' login; `passwordHash` as `mosquittoPasswordHash` makes it. */
  gateway: { username: string; passwordHash: string };
  port: number;
  /** Where Mosquitto keeps its persistence file, as the broker sees the path. */
  dataDir: string;
  /**
   * Where the password and ACL files are, as the broker sees the path. Default: /mosquitto/config, the layout of the
   * eclipse-mosquitto image. A relative path is resolved from Mosquitto's working directory.
   */
  configDir?: string;
}

export interface MosquittoFiles {
  mosquittoConf: string;
  passwordFile: string;
  aclFile: string;
  /** Devices left out of the password file: registered before their broker hash was kept. They need a new secret. */
  devicesWithoutHash: string[];
}

/** Per client: QoS 1 messages sent and not yet acknowledged, and messages queued behind them (or while away). */
const MAX_INFLIGHT_MESSAGES = 1000;
const MAX_QUEUED_MESSAGES = 100_000;
/** Seconds between saves of the in-memory state (sessions, queued messages); a crash loses what came since. */
const AUTOSAVE_SECONDS = 30;

/** What mosquitto_passwd 2.0 writes (`$7$`, PBKDF2-SHA512) or 1.6 wrote (`$6$`, salted SHA-512). */
const PASSWORD_HASH = /^\$[67]\$(\d+\$)?[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/;
/** A username both files can hold: no separator of either (`:`, white space) and no topic wildcard or level. */
const USERNAME = /^[^\s:#+/]{1,64}$/;

export function renderMosquittoConfig(input: MosquittoConfigInput): MosquittoFiles {
  const { gateway, port } = input;
  if (!USERNAME.test(gateway.username)) throw new Error(`gateway username ${JSON.stringify(gateway.username)} cannot be used in Mosquitto's files`);
  if (!PASSWORD_HASH.test(gateway.passwordHash)) throw new Error('gateway passwordHash is not a Mosquitto password hash ($7$...)');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`port ${port} is not a TCP port`);

  const devices = input.devices.filter((d) => d.retiredAt === undefined || d.retiredAt === null).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const devicesWithoutHash: string[] = [];
  const passwordLines = [`${gateway.username}:${gateway.passwordHash}`];
  for (const device of devices) {
    if (!isValidDeviceId(device.id)) throw new Error(`device id ${JSON.stringify(device.id)} is not a valid device id`);
    // The gateway's login must never be a device's: the device would get the gateway's read access to every device.
    if (device.id === gateway.username) throw new Error(`device ${device.id} has the gateway's MQTT username; choose another MQTT_USERNAME`);
    if (device.brokerPasswordHash === null || !PASSWORD_HASH.test(device.brokerPasswordHash)) {
      devicesWithoutHash.push(device.id);
      continue;
    }
    passwordLines.push(`${device.id}:${device.brokerPasswordHash}`);
  }

  const configDir = withTrailingSlash(input.configDir ?? '/mosquitto/config');
  return {
    mosquittoConf: mosquittoConf(port, configDir, withTrailingSlash(input.dataDir)),
    passwordFile: `${passwordLines.join('\n')}\n`,
    aclFile: aclFile(gateway.username),
    devicesWithoutHash,
  };
}

const withTrailingSlash = (dir: string): string => (dir.endsWith('/') ? dir : `${dir}/`);

function mosquittoConf(port: number, configDir: string, dataDir: string): string {
  return [
    '# Mosquitto 2.0 for the eldercare gateway in external broker mode (docs/external-broker.md).',
    '# Generated by `npm run mosquitto:config` with the password and ACL files beside it; edits are overwritten.',
    '# `kill -HUP <pid>` (docker: `docker compose kill -s HUP mosquitto`) reloads the password and ACL files;',
    '# a change to this file needs a restart.',
    '',
    '# One set of security settings for every listener.',
    'per_listener_settings false',
    '',
    '# Devices speak MQTT 3.1.1 (or 5), the gateway MQTT 5 with shared subscriptions ($share/<group>/...), which',
    '# Mosquitto 2.0 serves without further settings.',
    `listener ${port}`,
    'set_tcp_nodelay true',
    '',
    'allow_anonymous false',
    `password_file ${configDir}${MOSQUITTO_FILES.passwords}`,
    `acl_file ${configDir}${MOSQUITTO_FILES.acl}`,
    '',
    "# Sessions and the QoS 1 messages queued for them (the gateway consumers' persistent sessions) survive a restart:",
    `# saved at a clean shutdown and every ${AUTOSAVE_SECONDS} s. A crash (kill -9, power loss) loses what came since the last save.`,
    'persistence true',
    `persistence_location ${dataDir}`,
    `autosave_interval ${AUTOSAVE_SECONDS}`,
    '',
    '# Per client. The gateway consumers are few and take all device traffic: let the broker keep many messages in',
    '# flight to each and queue a burst (an SOS storm, a gateway restart) rather than drop it.',
    `max_inflight_messages ${MAX_INFLIGHT_MESSAGES}`,
    `max_queued_messages ${MAX_QUEUED_MESSAGES}`,
    '',
    "# stderr: Mosquitto 2.0.11 block-buffers stdout into a pipe (docker's log), so lines would come late.",
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    '',
  ].join('\n');
}

function aclFile(gatewayUsername: string): string {
  // %u is the username, which is the device id. Read access is checked per message on the message's topic, so the
  // gateway's `$share/<group>/devices/+/events` subscription receives exactly what `devices/+/events` allows.
  const devicePatterns = [
    ...DEVICE_CHANNELS.map((channel) => `pattern write ${deviceTopic('%u', channel)}`),
    `pattern read ${deviceCommandsTopic('%u')}`,
  ];
  const gatewayRules = [
    ...DEVICE_CHANNELS.map((channel) => `topic read ${deviceTopic('+', channel)}`),
    `topic write ${deviceCommandsTopic('+')}`,
  ];
  return [
    '# Generated by `npm run mosquitto:config` (docs/external-broker.md). Anything not allowed here is denied.',
    '',
    '# Every device: its own topics only (client id = username = device id).',
    ...devicePatterns,
    '',
    '# The gateway instances: every device topic, through shared subscriptions; commands to any device.',
    `user ${gatewayUsername}`,
    ...gatewayRules,
    '',
  ].join('\n');
}
