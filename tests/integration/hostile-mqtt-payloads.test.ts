import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_CHANNELS, DEVICE_KINDS, type DeviceChannel, type DeviceKind } from '../../schemas/index.js';
import { deeplyNested, expectedOutcome, hostileDevicePayload, type ExpectedOutcome } from '../support/hostile-payloads.js';
import { scrape } from '../support/metric-reader.js';
import { connectDevice, registerElder, type TestDevice } from '../support/mqtt-device.js';
import { storeFingerprint, tableRows, type StoreFingerprint } from '../support/store-fingerprint.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Hostile payloads from authenticated devices of every kind on every channel, over real MQTT into the real gateway:
// random bytes, invalid UTF-8, broken and edge JSON, mutated messages with wrong types, missing and extra keys, NUL
// and lone surrogates, 100,000-level nesting, payloads up to 1 MB. Each must be acknowledged (the device stays
// connected), refused with the reason docs/device-protocol.md gives, counted once under that reason, dead-lettered
// once, and change nothing else but the device's maintenance visit (malformed_messages). The exception is a
// life-safety event of the device's own kind that only its envelope or an extra field spoils: it is salvaged, its
// alarm raised and dead-lettered as `salvaged` (section 7.2). The rate limit is raised out of the way: this is about
// parsing, not flooding.

const MAX_PAYLOAD = 16 * 1024;
const RUNS = 2000;

let gw: TestGateway;
const devices = new Map<DeviceKind, TestDevice>();

beforeAll(async () => {
  gw = await startTestGateway({ DEVICE_MAX_MESSAGES_PER_MINUTE: '1000000', DEVICE_BURST_MESSAGES: '1000000', OFFLINE_GRACE_SECONDS: '3600' });
  for (const kind of DEVICE_KINDS) devices.set(kind, await connectDevice(gw, await registerElder(gw), kind, { closeAfterTest: false }));
});
afterAll(async () => {
  for (const d of devices.values()) await d.client.endAsync(true);
  await gw?.close();
});

type Reason = Exclude<ExpectedOutcome, 'valid'>;
const REASONS: readonly Reason[] = ['payload_too_large', 'payload_not_utf8', 'payload_not_json', 'channel_not_for_kind', 'payload_invalid'];

/** Rejections by reason, as /metrics counts them. */
async function rejections(): Promise<Record<Reason, number>> {
  const m = await scrape(gw.httpUrl);
  return Object.fromEntries(REASONS.map((r) => [r, m.sum('gateway_mqtt_messages_rejected_total', `reason="${r}"`)])) as Record<Reason, number>;
}

const deadLetters = () => tableRows<{ reason: string; device_id: string; topic: string }>(gw.dataDir, 'SELECT reason, device_id, topic FROM dead_letters ORDER BY seq');

/**
 * The store without what a rejection may write (dead letters, the device's maintenance visit and its audit line),
 * what a salvaged alarm writes (checked on their own) and what connections write (sessions).
 */
const SALVAGE_TABLES = ['alerts', 'alert_timeline', 'device_events', 'processed_messages', 'deadlines', 'notification_outbox', 'rule_states'];
const fingerprint = (): StoreFingerprint => storeFingerprint(gw.dataDir, ['dead_letters', 'sessions', 'tasks', 'audit_log', ...SALVAGE_TABLES]);
const maintenanceTasks = () => tableRows<{ kind: string; reason: string; device_id: string }>(gw.dataDir, 'SELECT kind, reason, device_id FROM tasks');

async function publish(kind: DeviceKind, channel: DeviceChannel, bytes: Buffer): Promise<void> {
  const device = devices.get(kind)!;
  await device.client.publishAsync(`devices/${device.id}/${channel}`, bytes, { qos: 1 });
}

describe('hostile payloads from authenticated devices', () => {
  it(`when ${RUNS} hostile payloads arrive from every kind on every channel, then each is acknowledged, refused with its reason (or, a life-safety event of the device's own kind, salvaged), counted and dead-lettered exactly once, and nothing else changes`, async () => {
    const rejected0 = await rejections();
    const letters0 = deadLetters().length;
    const before = fingerprint();
    const salvaged0 = (await scrape(gw.httpUrl)).sum('gateway_mqtt_messages_salvaged_total');
    const sent: Array<{ family: string; expected: Reason | 'salvaged'; kind: DeviceKind }> = [];

    const kindChannel = fc.tuple(fc.constantFrom(...DEVICE_KINDS), fc.constantFrom(...DEVICE_CHANNELS));
    await fc.assert(
      fc.asyncProperty(
        kindChannel.chain(([kind, channel]) => hostileDevicePayload(kind, channel, MAX_PAYLOAD).map((p) => ({ kind, channel, ...p }))),
        async ({ kind, channel, family, bytes }) => {
          const expected = expectedOutcome(kind, channel, bytes, MAX_PAYLOAD);
          fc.pre(expected !== 'valid'); // a mutation that happened to stay valid is not hostile
          await publish(kind, channel, bytes); // resolves on the PUBACK: the device was answered and is still connected
          sent.push({ family, expected: expected as Reason | 'salvaged', kind });
        },
      ),
      { numRuns: RUNS, maxSkipsPerRun: 10 },
    );

    const rejected1 = await rejections();
    const byReason = Object.fromEntries(REASONS.map((r) => [r, sent.filter((s) => s.expected === r).length]));
    expect(Object.fromEntries(REASONS.map((r) => [r, rejected1[r] - rejected0[r]]))).toEqual(byReason);
    const letters = deadLetters().slice(letters0);
    expect(letters.map((l) => l.reason)).toEqual(sent.map((s) => s.expected));
    expect(fingerprint()).toEqual(before);
    // What was refused opened one maintenance visit per device that sent it, and nothing else.
    const tasks = maintenanceTasks();
    expect(tasks.every((t) => t.kind === 'maintenance' && t.reason === 'malformed_messages')).toBe(true);
    expect(new Set(tasks.map((t) => t.device_id)).size).toBe(tasks.length);
    // What was salvaged raised life-safety alarms, and only from devices that sent such events.
    const salvaged = sent.filter((s) => s.expected === 'salvaged');
    expect((await scrape(gw.httpUrl)).sum('gateway_mqtt_messages_salvaged_total') - salvaged0).toBe(salvaged.length);
    const salvagingDevices = new Set(salvaged.map((s) => devices.get(s.kind)!.id));
    const alerts = await gw.api.listAlerts('all');
    expect(alerts.every((a) => a.priority === 1 && salvagingDevices.has(a.deviceId ?? '') && typeof a.context['inputDefects'] === 'string')).toBe(true);
    if (salvaged.length > 0) expect(alerts.length).toBeGreaterThan(0);
    for (const d of devices.values()) expect(d.client.connected).toBe(true);

    const byFamily = new Map<string, number>();
    for (const s of sent) byFamily.set(s.family, (byFamily.get(s.family) ?? 0) + 1);
    console.info(
      `[hostile-mqtt] ${sent.length} hostile payloads over MQTT, all acknowledged, ${sent.length - salvaged.length} refused and ${salvaged.length} life-safety events salvaged (${alerts.length} alarms), 0 crashes; by reason ${JSON.stringify(byReason)}; by family ${JSON.stringify(Object.fromEntries(byFamily))}`,
    );
  }, 120_000);

  it('when a payload nests 100,000 levels, or 7,000 levels within the size limit, then it is refused as too large or not JSON, or its SOS is salvaged without the nested field, and the gateway answers the next message at once', async () => {
    const rejected0 = await rejections();
    const salvaged0 = (await scrape(gw.httpUrl)).sum('gateway_mqtt_messages_salvaged_total');
    await publish('call_button', 'events', Buffer.from(deeplyNested(100_000)));
    await publish('call_button', 'events', Buffer.from(deeplyNested(7_000)));
    await publish('call_button', 'events', Buffer.from(deeplyNested(7_000, false)));
    const rejected1 = await rejections();
    expect(rejected1.payload_too_large - rejected0.payload_too_large).toBe(1);
    expect(rejected1.payload_invalid - rejected0.payload_invalid).toBe(0);
    expect(rejected1.payload_not_json - rejected0.payload_not_json).toBe(1);
    // An SOS with one (deep) field too many: the alarm counts, the field is ignored.
    expect((await scrape(gw.httpUrl)).sum('gateway_mqtt_messages_salvaged_total') - salvaged0).toBe(1);
  });

  it('when a payload carries "__proto__", then the gateway process has no polluted prototype, and an SOS carrying it is salvaged without it', async () => {
    await publish('call_button', 'events', Buffer.from('{"__proto__":{"polluted":"yes"},"msgId":"p","ts":1795427117000,"type":"sos"}'));
    await publish('call_button', 'events', Buffer.from('{"__proto__":{"polluted":"yes"},"msgId":"q","ts":1795427117000,"type":"cancel"}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const events = await gw.api.deviceEvents(devices.get('call_button')!.id);
    const sos = events.find((e) => e.msgId === 'p');
    expect(sos?.type).toBe('sos');
    expect(events.some((e) => e.msgId === 'q')).toBe(false);
  });

  // Larger packets still (over four times the payload limit) are cut at their header: hostile-mqtt-packets.test.ts.
  it('when a payload of 256 KB arrives, then it is refused as too large and only its first 512 bytes are kept', async () => {
    const letters0 = deadLetters().length;
    await publish('wearable', 'telemetry', Buffer.alloc(256 * 1024, 0x7b));
    const [letter] = tableRows<{ reason: string; payload_excerpt: string }>(gw.dataDir, 'SELECT reason, payload_excerpt FROM dead_letters ORDER BY seq LIMIT 1 OFFSET ?', letters0);
    expect(letter?.reason).toBe('payload_too_large');
    expect(Buffer.from(letter!.payload_excerpt, 'base64')).toHaveLength(512);
  });

  it('when the hostile payloads are over, then a valid SOS from the same button is applied', async () => {
    const button = devices.get('call_button')!;
    const msgId = await button.send('events', 'sos');
    const alerts = (await gw.api.listAlerts('open')).filter((a) => a.deviceId === button.id);
    expect(alerts.map((a) => a.type)).toEqual(['sos']);
    expect((await gw.api.deviceEvents(button.id)).map((e) => e.msgId)).toContain(msgId);
    // Every device's event log still reads back: a salvaged event is kept as read, never with its hostile extras
    // (a 7,000-level array kept raw once made this answer 500).
    for (const d of devices.values()) expect((await gw.api.request('GET', `/api/v1/devices/${d.id}/events?limit=1000`)).status).toBe(200);
  });
});
