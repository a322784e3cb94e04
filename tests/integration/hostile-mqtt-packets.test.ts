import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive } from '../support/live-client.js';
import { scrape } from '../support/metric-reader.js';
import { connectDevice, registerElder, type TestDevice } from '../support/mqtt-device.js';
import { connackCode, connectPacket, DISCONNECT, field, openRaw, packet, probe, publishPacket, subscribePacket } from '../support/raw-mqtt.js';
import { storeFingerprint, type StoreFingerprint } from '../support/store-fingerprint.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Raw, malformed and abusive MQTT over TCP against the real gateway: random bytes, truncated and mis-sized packets,
// PUBLISH before CONNECT, 64 KiB client ids, usernames and topics, invalid UTF-8 and NUL. The gateway must refuse
// each without crashing, count the refusals it counts (CONNECT refusals, topic authorisation), store nothing, and
// still carry an SOS to the desk afterwards.

const RANDOM_CONNECTIONS = 400;
const PARALLEL = 25;

let gw: TestGateway;
let elderId: string;
/** A registered call button whose credentials the hostile connections borrow. */
let device: { id: string; secret: string };
let before: StoreFingerprint;

beforeAll(async () => {
  gw = await startTestGateway({ OFFLINE_GRACE_SECONDS: '3600' });
  elderId = await registerElder(gw);
  device = await gw.api.createDevice({ elderId, kind: 'call_button' });
  // Logins write sessions; nothing else may change while only hostile bytes arrive.
  before = storeFingerprint(gw.dataDir, ['sessions']);
});
afterAll(async () => {
  await gw?.close();
});

const sosPayload = (msgId: string) => JSON.stringify({ msgId, ts: Date.now(), type: 'sos' });

/** Opens an authenticated raw session as the borrowed device. */
async function authenticated() {
  const raw = await openRaw(gw.mqttUrl);
  await raw.write(connectPacket({ clientId: device.id, username: device.id, password: device.secret }));
  expect(connackCode(await raw.receivedWithin(4, 2000))).toBe(0);
  return raw;
}

describe('hostile bytes before and instead of CONNECT', () => {
  it(`when ${RANDOM_CONNECTIONS} connections send random bytes, then none is accepted, the gateway stays up and nothing is stored`, async () => {
    const seen = { connections: 0, closedByBroker: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 1, maxLength: 600 }), { minLength: PARALLEL, maxLength: PARALLEL }), async (batch) => {
        const results = await Promise.all(batch.map((bytes) => probe(gw.mqttUrl, Buffer.from(bytes), 100)));
        for (const r of results) {
          seen.connections += 1;
          if (r.closedByBroker) seen.closedByBroker += 1;
          expect(connackCode(r.reply)).not.toBe(0);
        }
      }),
      { numRuns: RANDOM_CONNECTIONS / PARALLEL },
    );
    expect((await fetch(`${gw.httpUrl}/healthz`)).status).toBe(200);
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
    console.info(`[hostile-mqtt] ${seen.connections} random-byte connections: ${seen.closedByBroker} closed by the broker at once, the rest left waiting for more bytes; 0 accepted, 0 crashes`);
  }, 60_000);

  it('when random bytes follow a valid CONNECT prefix (random flags, lengths and fields), then no connection is ever accepted without the secret', async () => {
    const prefix = connectPacket({ clientId: device.id, username: device.id, password: 'not-the-secret' });
    const cutAndTail = fc.tuple(fc.integer({ min: 1, max: prefix.length - 1 }), fc.uint8Array({ minLength: 0, maxLength: 64 }));
    await fc.assert(
      fc.asyncProperty(fc.array(cutAndTail, { minLength: PARALLEL, maxLength: PARALLEL }), async (batch) => {
        const results = await Promise.all(batch.map(([cut, tail]) => probe(gw.mqttUrl, Buffer.concat([prefix.subarray(0, cut), Buffer.from(tail)]), 100)));
        for (const r of results) expect(connackCode(r.reply)).not.toBe(0);
      }),
      { numRuns: 200 / PARALLEL },
    );
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  }, 60_000);

  it('when a PUBLISH of a valid SOS comes before any CONNECT, then the connection is closed and no alert is raised [MQTT-3.1.0-1]', async () => {
    const r = await probe(gw.mqttUrl, publishPacket(`devices/${device.id}/events`, sosPayload('before-connect')));
    expect(r).toMatchObject({ closedByBroker: true });
    expect(r.reply).toHaveLength(0);
    expect(await gw.api.listAlerts('all')).toEqual([]);
  });

  it('when a valid CONNECT is cut short at every byte, then the broker waits or closes but never accepts', async () => {
    const whole = connectPacket({ clientId: device.id, username: device.id, password: device.secret });
    const results = await Promise.all(Array.from({ length: whole.length - 1 }, (_, cut) => probe(gw.mqttUrl, whole.subarray(0, cut + 1), 150)));
    expect(results.map((r) => connackCode(r.reply)).filter((c) => c !== null)).toEqual([]);
  });

  it('when the remaining length is a 5-byte variable integer, or the packet type is reserved, or QoS is 3, then the connection is closed at once', async () => {
    const cases = [
      Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x01]), // [MQTT-1.5.5]: at most 4 bytes
      Buffer.from([0x00, 0x00]), // type 0: reserved
      Buffer.from([0xf0, 0x00]), // type 15: reserved in 3.1.1 (AUTH in 5)
      Buffer.from([0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01]), // PUBLISH with both QoS bits set [MQTT-3.3.1-4]
      connectPacket({ clientId: device.id, username: device.id, password: device.secret, protocolName: 'MQTX' }),
    ];
    for (const bytes of cases) expect(await probe(gw.mqttUrl, bytes, 1000)).toMatchObject({ closedByBroker: true, reply: Buffer.alloc(0) });
  });

  it('when CONNECTs carry 64 KiB client ids, usernames or passwords, then each is cut at its header (larger than MQTT_MAX_CONNECT_BYTES), counted, and never answered', async () => {
    const m0 = await scrape(gw.httpUrl);
    const huge = 'a'.repeat(65_535);
    const connects = [
      connectPacket({ clientId: huge, username: 'u', password: 'p' }),
      connectPacket({ clientId: huge, username: huge, password: 'p' }),
      connectPacket({ clientId: device.id, username: 'u'.repeat(65_535), password: device.secret }),
      connectPacket({ clientId: device.id, username: device.id, password: 'p'.repeat(65_535) }),
    ];
    for (const connect of connects) expect(await probe(gw.mqttUrl, connect, 2000)).toMatchObject({ closedByBroker: true, reply: Buffer.alloc(0) });
    const m1 = await scrape(gw.httpUrl);
    const tooLarge = (m: typeof m0) => m.sum('gateway_mqtt_protocol_errors_total', 'stage="packet_too_large"');
    expect(tooLarge(m1) - tooLarge(m0)).toBe(connects.length);
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  });

  it('when CONNECTs carry invalid UTF-8 or NUL, or the wrong names, then each is refused with its CONNACK code and counted', async () => {
    const m0 = await scrape(gw.httpUrl);
    const cases: Array<{ connect: Buffer; code: number; reason: 'client_id_mismatch' | 'bad_credentials' }> = [
      { connect: connectPacket({ clientId: device.id, username: device.id, password: Buffer.from([0xff, 0xfe, 0x00, 0xc3]) }), code: 4, reason: 'bad_credentials' },
      { connect: connectPacket({ clientId: Buffer.from([0xff, 0xfe, 0x41]), username: Buffer.from([0xff, 0xfe, 0x41]), password: 'p' }), code: 4, reason: 'bad_credentials' },
      { connect: connectPacket({ clientId: `${device.id}\0`, username: `${device.id}\0`, password: device.secret }), code: 4, reason: 'bad_credentials' },
      { connect: connectPacket({ clientId: device.id, username: `${device.id}\0`, password: device.secret }), code: 5, reason: 'client_id_mismatch' },
      { connect: connectPacket({ clientId: device.id }), code: 5, reason: 'client_id_mismatch' },
      { connect: connectPacket({ clientId: device.id, username: device.id }), code: 4, reason: 'bad_credentials' },
    ];
    for (const c of cases) {
      const r = await probe(gw.mqttUrl, c.connect, 2000);
      expect({ code: connackCode(r.reply), closed: r.closedByBroker }).toEqual({ code: c.code, closed: true });
    }
    const m1 = await scrape(gw.httpUrl);
    const delta = (reason: string) =>
      m1.sum('gateway_mqtt_connections_refused_total', `reason="${reason}"`) - m0.sum('gateway_mqtt_connections_refused_total', `reason="${reason}"`);
    expect(delta('client_id_mismatch')).toBe(cases.filter((c) => c.reason === 'client_id_mismatch').length);
    expect(delta('bad_credentials')).toBe(cases.filter((c) => c.reason === 'bad_credentials').length);
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  });

  it('when a peer declares a 256 MB CONNECT, then the connection is closed at the header, counted, and nothing is buffered, accepted or stored', async () => {
    const m0 = await scrape(gw.httpUrl);
    const raw = await openRaw(gw.mqttUrl);
    await raw.write(Buffer.from([0x10, 0xff, 0xff, 0xff, 0x7f])); // remaining length 268,435,455, the protocol's maximum
    expect(await raw.closedWithin(2000)).toBe(true);
    raw.close();
    expect(connackCode(raw.received())).toBeNull();
    const m1 = await scrape(gw.httpUrl);
    const tooLarge = (m: typeof m0) => m.sum('gateway_mqtt_protocol_errors_total', 'stage="packet_too_large"');
    expect(tooLarge(m1) - tooLarge(m0)).toBe(1);
    expect((await fetch(`${gw.httpUrl}/healthz`)).status).toBe(200);
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  });

  it('when a connected device declares a PUBLISH far over the payload limit, then it is cut before the bytes come', async () => {
    const raw = await openRaw(gw.mqttUrl);
    await raw.write(connectPacket({ clientId: device.id, username: device.id, password: device.secret }));
    await raw.receivedWithin(4, 2000);
    expect(connackCode(raw.received())).toBe(0);
    await raw.write(Buffer.from([0x32, 0x80, 0x80, 0x80, 0x20])); // a QoS 1 PUBLISH declaring 64 MB
    expect(await raw.closedWithin(2000)).toBe(true);
    raw.close();
    expect((await fetch(`${gw.httpUrl}/healthz`)).status).toBe(200);
  });
});

describe('hostile packets from an authenticated device', () => {
  it('when it publishes to 64 KiB topics, topics with NUL or invalid UTF-8, or another device\'s topic, then each connection is closed, counted and nothing is stored', async () => {
    const m0 = await scrape(gw.httpUrl);
    const topics: Buffer[] = [
      Buffer.from(`devices/${device.id}/${'e'.repeat(65_000)}`),
      Buffer.from(`devices/${device.id}\0/events`),
      Buffer.from(`devices/${device.id}/events\0`),
      Buffer.concat([Buffer.from(`devices/${device.id}/`), Buffer.from([0xff, 0xfe])]),
      Buffer.from('devices/someone-else/events'),
      Buffer.from(`/devices/${device.id}/events`),
      Buffer.from(`devices/${device.id}/events/`),
      Buffer.from('$SYS/broker/clients'),
    ];
    for (const topic of topics) {
      const raw = await authenticated();
      await raw.write(publishPacket(topic, sosPayload(`t-${Math.random()}`)));
      expect(await raw.closedWithin(2000)).toBe(true);
      raw.close();
    }
    const m1 = await scrape(gw.httpUrl);
    expect(m1.sum('gateway_mqtt_access_denied_total', 'operation="publish"') - m0.sum('gateway_mqtt_access_denied_total', 'operation="publish"')).toBe(topics.length);
    expect(await gw.api.listAlerts('all')).toEqual([]);
  });

  it('when it publishes to a topic of 1,000 levels or with a wildcard, then the broker closes the connection before the gateway sees it', async () => {
    for (const topic of [`devices/${device.id}/events${'/x'.repeat(1000)}`, `devices/${device.id}/#`, 'devices/+/events', '']) {
      const raw = await authenticated();
      await raw.write(publishPacket(topic, sosPayload('levels')));
      expect(await raw.closedWithin(2000)).toBe(true);
      raw.close();
    }
    expect(await gw.api.listAlerts('all')).toEqual([]);
  });

  it('when it sends a second CONNECT, a PUBLISH whose declared length overruns the packet, or random bytes, then the connection is closed or left waiting and nothing is stored', async () => {
    const raw = await authenticated();
    await raw.write(connectPacket({ clientId: device.id, username: device.id, password: device.secret }));
    expect(await raw.closedWithin(2000)).toBe(true); // [MQTT-3.1.0-2]
    raw.close();

    const lying = await authenticated();
    const body = Buffer.concat([field(`devices/${device.id}/events`), Buffer.from([0, 7]), Buffer.from(sosPayload('lying'))]);
    await lying.write(packet(0x32, body, body.length + 1000)); // waits for 1,000 bytes that never come
    await lying.write(DISCONNECT); // ... which it reads as part of the PUBLISH
    await lying.closedWithin(300);
    lying.close();

    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        const session = await authenticated();
        await session.write(Buffer.from(bytes));
        await session.closedWithin(50);
        session.close();
      }),
      { numRuns: 100 },
    );
    expect(await gw.api.listAlerts('all')).toEqual([]);
    expect(await gw.api.deviceEvents(device.id)).toEqual([]);
  }, 60_000);

  it('when it subscribes to every device\'s topics, then SUBACK refuses that filter (0x80), it is counted, and the connection stays up', async () => {
    const m0 = await scrape(gw.httpUrl);
    const raw = await authenticated();
    await raw.write(subscribePacket('devices/#', 9));
    const reply = await raw.receivedWithin(4 + 5, 2000);
    expect(reply.subarray(4).toString('hex')).toBe('9003000980');
    expect(await raw.closedWithin(200)).toBe(false);
    raw.close();
    const m1 = await scrape(gw.httpUrl);
    expect(m1.sum('gateway_mqtt_access_denied_total', 'operation="subscribe"') - m0.sum('gateway_mqtt_access_denied_total', 'operation="subscribe"')).toBe(1);
  });
});

describe('after the hostile traffic', () => {
  let button: TestDevice;

  it('when a real device presses SOS, then the desk sees it at once: nothing hostile broke the alarm path', async () => {
    const desk = await connectLive(gw.httpUrl, gw.adminToken);
    button = await connectDevice(gw, await registerElder(gw), 'call_button');
    const pressedAt = performance.now();
    await button.send('events', 'sos');
    await desk.waitFor((e) => e.type === 'alert.raised' && e.alert.deviceId === button.id, 5000);
    const latencyMs = performance.now() - pressedAt;
    desk.close();
    expect(latencyMs).toBeLessThan(1000);
    const alerts = await gw.api.listAlerts('all');
    expect(alerts.map((a) => a.deviceId)).toEqual([button.id]);
  });
});
