import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEVICE_CHANNELS,
  DEVICE_KINDS,
  deviceTimestampSchema,
  msgIdSchema,
  parseDeviceMessage,
  parseDeviceTopic,
  type DeviceChannel,
  type DeviceKind,
} from '../../../schemas/index.js';
import { deeplyNested, hostileDevicePayload, mutated, VALID_DEVICE_MESSAGES } from '../../support/hostile-payloads.js';

// Property tests of every device payload schema (schemas/devices/*, schemas/message-envelope.ts) through the parser the
// ingest uses: whatever arrives, the parser returns an answer (never throws), a refusal carries one of its two
// stable reasons and a short detail, and what it accepts keeps the envelope's promises. Run counts are the figures
// docs/reliability.md quotes.

const RUNS = 500;
const PAIRS: Array<[DeviceKind, DeviceChannel]> = DEVICE_KINDS.flatMap((kind) => DEVICE_CHANNELS.map((channel): [DeviceKind, DeviceChannel] => [kind, channel]));

/** The parser's answer, checked for shape; returns whether it accepted. */
function answerIsWellFormed(kind: DeviceKind, channel: DeviceChannel, input: unknown): boolean {
  const result = parseDeviceMessage(kind, channel, input);
  if (result.ok) {
    const p = result.message.payload as { msgId: string; ts: number; type: string };
    expect(result.message).toMatchObject({ kind, channel });
    expect(msgIdSchema.safeParse(p.msgId).success).toBe(true);
    expect(Number.isInteger(p.ts) && p.ts >= Date.UTC(2000, 0, 1) && p.ts <= Date.UTC(2100, 0, 1)).toBe(true);
    return true;
  }
  expect(['channel_not_for_kind', 'payload_invalid']).toContain(result.reason);
  expect(typeof result.detail).toBe('string');
  expect(result.detail.length).toBeLessThanOrEqual(300);
  return false;
}

describe('device payload parser under hostile input', () => {
  it.each(PAIRS)(`when a %s gets ${RUNS} arbitrary JS values on %s (null prototypes, sparse arrays, boxed values, big ints), then it answers without throwing and refuses them`, (kind, channel) => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true, maxDepth: 4 }),
        (value) => {
          expect(answerIsWellFormed(kind, channel, value)).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it.each(PAIRS)(`when a %s's valid messages on %s get ${RUNS} random mutations, then every answer is well formed and any accepted one keeps the envelope's promises`, (kind, channel) => {
    const bases = VALID_DEVICE_MESSAGES[kind][channel] ?? VALID_DEVICE_MESSAGES.wearable.telemetry!;
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...bases).chain(mutated), (message) => {
        // Through JSON, as it arrives: undefined fields vanish, NaN becomes null, "__proto__" stays an own key.
        const wire: unknown = JSON.parse(JSON.stringify(message));
        if (!answerIsWellFormed(kind, channel, wire)) refused += 1;
      }),
      { numRuns: RUNS },
    );
    expect(refused).toBeGreaterThan(RUNS / 2);
  });

  it.each(PAIRS)('when a %s gets hostile byte payloads on %s as the ingest reads them, then JSON.parse and the schema never throw past the ingest\'s guard', (kind, channel) => {
    fc.assert(
      fc.property(hostileDevicePayload(kind, channel, 16 * 1024), ({ bytes }) => {
        if (bytes.length > 16 * 1024) return; // refused before parsing: payload_too_large
        let json: unknown;
        try {
          json = JSON.parse(bytes.toString('utf8'));
        } catch {
          return; // payload_not_json
        }
        answerIsWellFormed(kind, channel, json);
      }),
      { numRuns: 300 },
    );
  });

  it('when a payload nests 100,000 arrays deep, then JSON.parse and the schema answer without a stack overflow', () => {
    const json: unknown = JSON.parse(deeplyNested(100_000));
    for (const [kind, channel] of PAIRS) answerIsWellFormed(kind, channel, json);
    expect(parseDeviceMessage('call_button', 'events', json)).toMatchObject({ ok: false, reason: 'payload_invalid' });
  });

  it('when payloads carry "__proto__" and "constructor" keys, then they are refused and no prototype is polluted', () => {
    for (const text of ['{"__proto__":{"polluted":1},"msgId":"m","ts":1795427117000,"type":"sos"}', '{"constructor":{"prototype":{"polluted":1}},"msgId":"m","ts":1795427117000,"type":"sos"}']) {
      expect(parseDeviceMessage('call_button', 'events', JSON.parse(text))).toMatchObject({ ok: false, reason: 'payload_invalid' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('envelope fields under hostile input', () => {
  it(`when msgId is any of ${RUNS * 5} strings, then it is accepted exactly when it has 1 to 64 characters and no control character`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 70 })), (id) => {
        // eslint-disable-next-line no-control-regex
        const expected = id.length >= 1 && id.length <= 64 && !/[\u0000-\u001f\u007f-\u009f]/.test(id);
        expect(msgIdSchema.safeParse(id).success).toBe(expected);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it(`when ts is any of ${RUNS * 5} numbers, then it is accepted exactly when it is a whole millisecond from 2000 to 2100`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer({ min: 0, max: 5e12 }), fc.maxSafeInteger()), (ts) => {
        const expected = Number.isInteger(ts) && ts >= Date.UTC(2000, 0, 1) && ts <= Date.UTC(2100, 0, 1);
        expect(deviceTimestampSchema.safeParse(ts).success).toBe(expected);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it(`when ts is any of ${RUNS} strings, then the parser answers and never yields a time outside 2000 to 2100`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2026-11-23T10:40:00+08:00', '+275760-09-13T00:00:00Z')), (ts) => {
        const parsed = deviceTimestampSchema.safeParse(ts);
        if (parsed.success) expect(parsed.data >= Date.UTC(2000, 0, 1) && parsed.data <= Date.UTC(2100, 0, 1)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it(`when a topic is any of ${RUNS * 5} strings, then it parses only as devices/{a valid id}/{a channel}, exactly`, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 120 }),
          fc.tuple(fc.constantFrom('devices', 'Devices', '', 'devices '), fc.string({ maxLength: 70 }), fc.constantFrom(...DEVICE_CHANNELS, 'commands', 'events/', '', '#')).map((p) => p.join('/')),
        ),
        (topic) => {
          const parsed = parseDeviceTopic(topic);
          if (parsed) expect(topic).toBe(`devices/${parsed.deviceId}/${parsed.channel}`);
          if (parsed) expect(parsed.deviceId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
        },
      ),
      { numRuns: RUNS * 5 },
    );
  });
});
