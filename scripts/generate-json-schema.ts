import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { DEVICE_CHANNELS, DEVICE_KINDS, MESSAGE_SCHEMAS, deviceCommandSchema, type DeviceChannel, type DeviceKind } from '../schemas/index.js';

// JSON Schema for device vendors (docs/decisions/0008-schemas-are-the-contract.md), generated from the zod schemas in schemas/: one file per
// device kind and channel that kind uses, `<kind>.<channel>.schema.json`, from MESSAGE_SCHEMAS.
// `npm run schemas:json` writes schemas/json/; tests/unit/json-schema.test.ts checks that the committed files equal
// what this generates. The schemas describe what a device sends (io: 'input'): `ts` is an epoch-ms integer or an
// ISO 8601 string, before the gateway normalises it.

export const JSON_SCHEMA_DIR = fileURLToPath(new URL('../schemas/json/', import.meta.url));

const TS_NOTE =
  'ts is epoch milliseconds (an integer from 946684800000, 2000-01-01T00:00:00Z, to 4102444799999, the end of 2099) or ' +
  'an ISO 8601 date and time of the years 2000-2099 with seconds and Z or an offset (+08:00 or +0800). ' +
  'msgId is 1-64 characters (code points) without control characters. ' +
  'The patterns are plain ECMA-262 that Python\'s re reads alike; lengths count code points.';

const KIND_LABELS: Record<DeviceKind, string> = {
  call_button: 'an emergency call button',
  wearable: 'a wearable (watch or bracelet)',
  camera: 'a camera with on-board analytics',
  smoke_detector: 'a smoke detector',
  gas_detector: 'a combustible gas detector',
  water_leak_sensor: 'a water leak sensor',
  door_sensor: 'a door contact',
  motion_sensor: 'a motion sensor',
  bed_sensor: 'a bed (mattress) sensor',
};

const QOS_NOTES: Record<DeviceChannel, string> = {
  events: 'QoS 1; the PUBACK comes only after the gateway has stored the message and what it decided',
  telemetry: 'QoS 0 allowed (QoS 1 when every reading matters)',
  status: 'QoS 1; offline is not sent but set as the MQTT last will at CONNECT (QoS 1, retain false)',
};

/**
 * Rules the zod schemas enforce with a refinement, which JSON Schema output cannot carry by itself: the listed
 * fields of a message type of which at least one must be present. Added as `anyOf` of `required`, and named in
 * the description.
 */
const AT_LEAST_ONE_OF: Readonly<Record<string, readonly string[]>> = {
  vitals: ['heartRate', 'spo2', 'skinTemperature', 'steps'],
  bed_vitals: ['heartRate', 'breathingRate'],
};

interface JsonSchemaObject {
  properties?: { type?: { const?: unknown } };
  [key: string]: unknown;
}

/** The `type` values a channel schema accepts, in the schema's order. */
function messageTypes(body: { oneOf?: JsonSchemaObject[] } & JsonSchemaObject): string[] {
  const members = body.oneOf ?? [body];
  return members.map((m) => m.properties?.type?.const).filter((t): t is string => typeof t === 'string');
}

function addAtLeastOneOf(body: { oneOf?: JsonSchemaObject[] } & JsonSchemaObject): void {
  for (const member of body.oneOf ?? [body]) {
    const type = member.properties?.type?.const;
    const fields = typeof type === 'string' ? AT_LEAST_ONE_OF[type] : undefined;
    if (fields) member.anyOf = fields.map((field) => ({ required: [field] }));
  }
}

function describe(kind: DeviceKind, channel: DeviceChannel, types: readonly string[]): string {
  const constraints = types
    .filter((t) => AT_LEAST_ONE_OF[t])
    .map((t) => ` ${t} must carry at least one of ${AT_LEAST_ONE_OF[t]!.join(', ')}.`)
    .join('');
  return (
    `What ${KIND_LABELS[kind]} publishes on devices/{deviceId}/${channel}, ${QOS_NOTES[channel]}. ` +
    `One of: ${types.join(', ')}, told apart by type; fields not listed are rejected.${constraints} ${TS_NOTE}`
  );
}

/** File name → file content, in a fixed order; the same schemas always give the same bytes. */
export function generateJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const kind of DEVICE_KINDS) {
    for (const channel of DEVICE_CHANNELS) {
      const schema = MESSAGE_SCHEMAS[kind][channel];
      if (!schema) continue;
      const { $schema, ...body } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchemaObject & {
        $schema: string;
        oneOf?: JsonSchemaObject[];
      };
      addAtLeastOneOf(body);
      const document = { $schema, title: `${kind} ${channel}`, description: describe(kind, channel, messageTypes(body)), ...body };
      files.set(`${kind}.${channel}.schema.json`, `${JSON.stringify(document, null, 2)}\n`);
    }
  }
  files.set(COMMANDS_FILE, commandsSchemaFile());
  return files;
}

/** What the gateway publishes on devices/{deviceId}/commands, whatever the device's kind. */
export const COMMANDS_FILE = 'device.commands.schema.json';

/** set_thresholds carries at least one threshold (a zod refinement): `minProperties` says it in JSON Schema. */
function addThresholdsMinimum(body: JsonSchemaObject): void {
  for (const member of (body['oneOf'] ?? []) as JsonSchemaObject[]) {
    const properties = member.properties as (JsonSchemaObject['properties'] & { thresholds?: Record<string, unknown> }) | undefined;
    if (properties?.type?.const === 'set_thresholds' && properties.thresholds) properties.thresholds['minProperties'] = 1;
  }
}

function commandsSchemaFile(): string {
  const { $schema, ...body } = z.toJSONSchema(deviceCommandSchema, { io: 'output', target: 'draft-2020-12' }) as JsonSchemaObject & { $schema: string };
  addThresholdsMinimum(body);
  const description =
    'What the gateway publishes on devices/{deviceId}/commands, QoS 1, at least once (the same msgId may come twice: show it once). ' +
    'One of, told apart by type: the feedback on an alarm the device raised (alarm_received, alarm_acknowledged, help_on_the_way, alarm_closed); ' +
    'a command to carry out and answer with a command_result status message (locate, snapshot, set_intervals, set_thresholds, test_mode, play_message, reboot); ' +
    'rejected, the gateway could not take a message the device sent. ' +
    'ts and expiresAt are epoch milliseconds. Unknown types may come in later versions: ignore them. ' +
    'Read docs/device-protocol.md, sections 2.1 to 2.3.';
  return `${JSON.stringify({ $schema, title: 'device commands', description, ...body }, null, 2)}\n`;
}

/** Writes the files and removes stale *.schema.json files that no schema produces any more. */
export function writeJsonSchemas(dir: string = JSON_SCHEMA_DIR): string[] {
  const files = generateJsonSchemas();
  mkdirSync(dir, { recursive: true });
  for (const existing of readdirSync(dir)) {
    if (existing.endsWith('.schema.json') && !files.has(existing)) rmSync(join(dir, existing));
  }
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  return [...files.keys()];
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const written = writeJsonSchemas();
  process.stdout.write(`wrote ${written.length} JSON Schemas to ${JSON_SCHEMA_DIR}: ${written.join(', ')}\n`);
}
