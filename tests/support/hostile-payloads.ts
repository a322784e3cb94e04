import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { salvageLifeSafetyEvent } from '../../gateway/src/app/ingest/life-safety-salvage.js';
import { DEVICE_KINDS, MESSAGE_SCHEMAS, type DeviceChannel, type DeviceKind } from '../../schemas/index.js';

// Generators of hostile input for the property and fuzz tests: a valid example of every device message, mutations
// that break it (wrong types, missing and extra keys, NUL, lone surrogates, huge and deep values), raw bytes, and the
// reason the gateway must give for each (docs/device-protocol.md, section 7: the checks in their order).

const TS = Date.UTC(2026, 10, 23, 10, 40);

/** One valid payload of every type each kind may send on each channel. */
export const VALID_DEVICE_MESSAGES: Record<DeviceKind, Partial<Record<DeviceChannel, Array<Record<string, unknown>>>>> = (() => {
  const status = [
    { type: 'heartbeat', battery: 80, firmware: 'cb-2.3.1' },
    { type: 'test', battery: 80 },
    { type: 'battery', battery: 15 },
    { type: 'offline' },
  ];
  const withEnvelope = (list: Array<Record<string, unknown>>): Array<Record<string, unknown>> => list.map((m, i) => ({ msgId: `valid-${i}`, ts: TS, ...m }));
  const kinds: Record<DeviceKind, { events: Array<Record<string, unknown>>; telemetry?: Array<Record<string, unknown>> }> = {
    call_button: { events: [{ type: 'sos' }, { type: 'cancel' }, { type: 'service_request', service: 'meals' }] },
    wearable: {
      events: [{ type: 'sos' }, { type: 'fall', confidence: 0.9 }, { type: 'worn' }, { type: 'removed' }, { type: 'geofence_exit', fence: 'home' }, { type: 'geofence_enter' }],
      telemetry: [{ type: 'vitals', heartRate: 72, spo2: 97, skinTemperature: 36.4, steps: 1200 }, { type: 'position', lat: 30.27, lon: 120.15, accuracy: 12 }],
    },
    camera: {
      events: ['fall', 'bed_exit', 'no_motion', 'prolonged_stay', 'wandering', 'intrusion'].map((type) => ({ type, room: '203', zone: 'bedside', confidence: 0.9, snapshotRef: 'nvr://cam/1' })),
    },
    smoke_detector: { events: [{ type: 'smoke' }, { type: 'smoke_clear' }] },
    gas_detector: { events: [{ type: 'gas', ppm: 900 }, { type: 'gas_clear' }] },
    water_leak_sensor: { events: [{ type: 'water_leak' }, { type: 'water_clear' }] },
    door_sensor: { events: [{ type: 'door_open' }, { type: 'door_closed' }] },
    motion_sensor: { events: [{ type: 'motion' }] },
    bed_sensor: { events: [{ type: 'in_bed' }, { type: 'out_of_bed' }], telemetry: [{ type: 'bed_vitals', heartRate: 61, breathingRate: 14 }] },
  };
  const out = {} as Record<DeviceKind, Partial<Record<DeviceChannel, Array<Record<string, unknown>>>>>;
  for (const kind of DEVICE_KINDS) {
    const k = kinds[kind];
    out[kind] = { events: withEnvelope(k.events), status: withEnvelope(status), ...(k.telemetry ? { telemetry: withEnvelope(k.telemetry) } : {}) };
  }
  return out;
})();

/** Values that break types, ranges, lengths and encodings: what a buggy or hostile sender puts in a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'sos\u0000',
    '\ud800',
    '\udfff\ud800',
    '\u202etxet',
    '\uFEFF',
    'x'.repeat(5000),
    "'; DROP TABLE alerts; --",
    '<script>alert(1)</script>',
    '2026-13-45T25:61:61Z',
    '2026-11-23T10:40:00',
    '1999-12-31T23:59:59Z',
    '9999-01-01T00:00:00Z',
    'NaN',
    '__proto__',
  ),
  fc.constantFrom(-1, -0, 0.5, 1e308, -1e308, 2 ** 53 + 1, 946684799999, 4102444800001, Number.MAX_SAFE_INTEGER, 301, 101),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

type Mutation = { op: 'set'; key: string; value: unknown } | { op: 'delete'; key: string } | { op: 'add'; key: string; value: unknown };

const keyOf = (base: Record<string, unknown>) => fc.constantFrom(...new Set([...Object.keys(base), 'msgId', 'ts', 'type']));

/** A valid object with one to three mutations applied; may still be valid (the caller asks the schema). */
export function mutated(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant('set' as const), key: keyOf(base), value: hostileValue }),
    fc.record({ op: fc.constant('delete' as const), key: keyOf(base) }),
    fc.record({
      op: fc.constant('add' as const),
      key: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '\u0000')),
      value: hostileValue,
    }),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    const copy: Record<string, unknown> = { ...base };
    for (const m of mutations) {
      // defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it, not the prototype.
      if (m.op === 'delete') delete copy[m.key];
      else Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    }
    return copy;
  });
}

/** `[[[...]]]` nested `levels` deep, inside an otherwise valid-looking message. */
export function deeplyNested(levels: number, closed = true): string {
  return `{"msgId":"deep","ts":${TS},"type":"sos","extra":${'['.repeat(levels)}${closed ? ']'.repeat(levels) : ''}}`;
}

export interface HostilePayload {
  family: string;
  bytes: Buffer;
}

/** Hostile payloads for a device of `kind` on `channel`, of every family. */
export function hostileDevicePayload(kind: DeviceKind, channel: DeviceChannel, maxPayloadBytes: number): fc.Arbitrary<HostilePayload> {
  const bases = VALID_DEVICE_MESSAGES[kind][channel] ?? VALID_DEVICE_MESSAGES.wearable.telemetry!;
  const base = fc.constantFrom(...bases);
  const text = (family: string) => (s: string) => ({ family, bytes: Buffer.from(s, 'utf8') });
  return fc.oneof(
    { arbitrary: base.chain((b) => mutated(b)).map((o) => text('mutated message')(JSON.stringify(o))), weight: 6 },
    { arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => ({ family: 'random bytes', bytes: Buffer.from(b) })), weight: 2 },
    { arbitrary: fc.jsonValue().map((v) => text('arbitrary JSON')(JSON.stringify(v) ?? 'null')), weight: 2 },
    {
      // A byte that is never valid UTF-8 (0xC0, 0xF5-0xFF), or a UTF-8-encoded surrogate (ED A0 80), inside valid JSON.
      arbitrary: fc
        .tuple(base, fc.nat(), fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]))
        .map(([b, at, bad]) => {
          const json = Buffer.from(JSON.stringify(b));
          const cut = at % json.length;
          return { family: 'invalid UTF-8', bytes: Buffer.concat([json.subarray(0, cut), Buffer.from(bad), json.subarray(cut)]) };
        }),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(base, fc.nat(), fc.constantFrom('\u0000', '"', '{', '}', ',', '\\', '\uFEFF', ' ')).map(([b, at, c]) => {
        const json = JSON.stringify(b);
        const cut = at % json.length;
        return text('broken JSON')(json.slice(0, cut) + c + json.slice(cut));
      }),
      weight: 1,
    },
    { arbitrary: fc.integer({ min: 100, max: Math.floor(maxPayloadBytes / 2) - 80 }).map((n) => text('deep nesting')(deeplyNested(n))), weight: 1 },
    { arbitrary: fc.constantFrom(100_000, 1_000).map((n) => text('deep nesting, unclosed')(deeplyNested(n, false))), weight: 1 },
    { arbitrary: fc.constant(text('deep nesting, 100,000 levels')(deeplyNested(100_000))), weight: 1 },
    {
      arbitrary: fc.tuple(base, fc.integer({ min: maxPayloadBytes + 1, max: maxPayloadBytes * 4 })).map(([b, size]) => {
        const json = JSON.stringify({ ...b, pad: '' });
        return text('oversized')(json.replace('"pad":""', `"pad":"${'x'.repeat(Math.max(0, size - json.length))}"`));
      }),
      weight: 1,
    },
    { arbitrary: fc.constantFrom('', 'null', '[]', '"sos"', '1e400', 'true', '{}', '{"__proto__":{"polluted":1}}').map(text('edge JSON')), weight: 1 },
  );
}

export type ExpectedOutcome = 'payload_too_large' | 'payload_not_utf8' | 'payload_not_json' | 'channel_not_for_kind' | 'payload_invalid' | 'salvaged' | 'valid';

/** What the gateway must answer, by the checks of docs/device-protocol.md section 7 in their order. */
export function expectedOutcome(kind: DeviceKind, channel: DeviceChannel, bytes: Buffer, maxPayloadBytes: number): ExpectedOutcome {
  if (bytes.length > maxPayloadBytes) return 'payload_too_large';
  if (!isUtf8(bytes)) return 'payload_not_utf8';
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'payload_not_json';
  }
  const schema = MESSAGE_SCHEMAS[kind][channel];
  if (!schema) return 'channel_not_for_kind';
  if (schema.safeParse(json).success) return 'valid';
  // A life-safety event of the device's own kind is salvaged, its alarm raised (docs/device-protocol.md, 7.2).
  const text = bytes.toString('utf8');
  return channel === 'events' && salvageLifeSafetyEvent(kind, json, text, Date.now()) !== null ? 'salvaged' : 'payload_invalid';
}
