import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import {
  cancelEventSchema,
  deviceEventSchema,
  deviceStatusSchema,
  deviceTelemetrySchema,
  heartbeatStatusSchema,
  offlineStatusSchema,
  sosEventSchema,
  testSignalStatusSchema,
} from '../schemas/index.js';

// JSON Schema for device vendors (DESIGN.md, decision 8), generated from the zod schemas in schemas/.
// `npm run schemas:json` writes schemas/json/*.schema.json; tests/unit/json-schema.test.ts checks that the committed
// files equal what this generates. The schemas describe what a device sends (io: 'input'): `ts` is an epoch-ms
// integer or an ISO 8601 string, before the gateway normalises it.

export const JSON_SCHEMA_DIR = fileURLToPath(new URL('../schemas/json/', import.meta.url));

const TS_NOTE =
  'ts is epoch milliseconds (integer) or ISO 8601 with Z or an offset; the gateway also rejects times before 2000-01-01T00:00:00Z.';

interface Entry {
  file: string;
  title: string;
  description: string;
  schema: z.ZodType;
}

const ENTRIES: readonly Entry[] = [
  {
    file: 'sos.schema.json',
    title: 'sos event',
    description: `Published on devices/{deviceId}/events, QoS 1: the red key was pressed; raises a life-safety alert. ${TS_NOTE}`,
    schema: sosEventSchema,
  },
  {
    file: 'cancel.schema.json',
    title: 'cancel event',
    description: `Published on devices/{deviceId}/events, QoS 1: the elder pressed cancel; within the cancel window the open alert is marked cancelled. ${TS_NOTE}`,
    schema: cancelEventSchema,
  },
  {
    file: 'heartbeat.schema.json',
    title: 'heartbeat status',
    description: `Published on devices/{deviceId}/status: the device is alive; optional battery (0-100 %) and firmware. ${TS_NOTE}`,
    schema: heartbeatStatusSchema,
  },
  {
    file: 'test.schema.json',
    title: 'test signal status',
    description: `Published on devices/{deviceId}/status: periodic test signal proving the path works; optional battery (0-100 %). ${TS_NOTE}`,
    schema: testSignalStatusSchema,
  },
  {
    file: 'offline.schema.json',
    title: 'offline status (last will)',
    description: `Set as the MQTT last will on devices/{deviceId}/status; the broker publishes it when the connection drops without DISCONNECT. ${TS_NOTE}`,
    schema: offlineStatusSchema,
  },
  {
    file: 'events.schema.json',
    title: 'devices/{deviceId}/events',
    description: `Every payload accepted on the events channel, discriminated by type. ${TS_NOTE}`,
    schema: deviceEventSchema,
  },
  {
    file: 'status.schema.json',
    title: 'devices/{deviceId}/status',
    description: `Every payload accepted on the status channel, discriminated by type. ${TS_NOTE}`,
    schema: deviceStatusSchema,
  },
  {
    file: 'telemetry.schema.json',
    title: 'devices/{deviceId}/telemetry',
    description: 'No telemetry kinds are defined yet: every payload on the telemetry channel is rejected (payload_invalid).',
    schema: deviceTelemetrySchema,
  },
];

/** File name → file content, in a fixed order; the same schemas always give the same bytes. */
export function generateJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of ENTRIES) {
    const { $schema, ...body } = z.toJSONSchema(entry.schema, { io: 'input', target: 'draft-2020-12' });
    const document = { $schema, title: entry.title, description: entry.description, ...body };
    files.set(entry.file, `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
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
