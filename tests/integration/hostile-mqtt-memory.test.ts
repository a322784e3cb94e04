import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectLive } from '../support/live-client.js';
import { scrape } from '../support/metric-reader.js';
import { connectDevice, registerElder } from '../support/mqtt-device.js';
import { connackCode, connectPacket, field, openRaw, packet, remainingLength, type RawConnection } from '../support/raw-mqtt.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// What a connection may make the broker hold, spoken as raw MQTT over TCP. Before the fixes: a half-open connection
// trickling a large CONNECT held about 285 KB of the gateway's memory (1,000 of them 291 MB, not given back after
// they closed), a silent one stayed 30 s, and nothing bounded how many there were; a device that never sent PUBREL
// could keep 1,000 QoS 2 messages of up to 320 KB per connection, and as many again after each reconnect.
// Now (docs/reliability.md, "Holding connections open"): before login a packet may be MQTT_MAX_CONNECT_BYTES, the
// CONNECT must come within MQTT_CONNECT_TIMEOUT_SECONDS, and pending connections are capped per address and in all
// (the oldest goes); a device may leave MQTT_MAX_QOS2_OUTSTANDING messages and MQTT_MAX_QOS2_OUTSTANDING_BYTES
// awaiting its PUBREL, across reconnects. Figures of the same at scale: `npm run bench:hostile`.

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first bytes of a CONNECT declaring `declared` bytes, and `send` of them: a half-open login. */
function partialConnect(declared: number, send: number): Buffer {
  return Buffer.concat([Buffer.from([0x10]), remainingLength(declared), Buffer.alloc(send, 0x41)]);
}

/** A socket from `localAddress` (any 127.x.y.z reaches the gateway on 127.0.0.1) that sends `bytes` and waits. */
async function holdFrom(mqttUrl: string, localAddress: string, bytes: Buffer): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port: Number(new URL(mqttUrl).port), localAddress });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    socket.once('connect', () => resolve());
    socket.once('close', () => resolve());
  });
  await new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.write(bytes, () => resolve())));
  return socket;
}

describe('before login', () => {
  it('when a peer starts a CONNECT of 300 KB and trickles it, then the connection is cut at the header, counted, before any of it is buffered', async () => {
    gw = await startTestGateway();
    const m0 = await scrape(gw.httpUrl);
    const raw = await openRaw(gw.mqttUrl);
    await raw.write(partialConnect(300_000, 1000));
    expect(await raw.closedWithin(2000)).toBe(true);
    raw.close();
    const m1 = await scrape(gw.httpUrl);
    const tooLarge = (m: typeof m0) => m.sum('gateway_mqtt_protocol_errors_total', 'stage="packet_too_large"');
    expect(tooLarge(m1) - tooLarge(m0)).toBe(1);
  });

  it('when a peer connects and sends nothing, then it is closed once MQTT_CONNECT_TIMEOUT_SECONDS pass', async () => {
    gw = await startTestGateway({ MQTT_CONNECT_TIMEOUT_SECONDS: '1.5' });
    const raw = await openRaw(gw.mqttUrl);
    const openedAt = performance.now();
    expect(await raw.closedWithin(5000)).toBe(true);
    const after = performance.now() - openedAt;
    raw.close();
    expect(after).toBeGreaterThan(1300);
    expect(after).toBeLessThan(3000);
  });

  it('when 100 connections from one address and 150 from ten others hold half a CONNECT, then only the newest 20 per address and 60 in all stay, and a call button still logs in and its SOS reaches the desk', async () => {
    gw = await startTestGateway({ MQTT_MAX_PENDING_PER_ADDRESS: '20', MQTT_MAX_PENDING_CONNECTIONS: '60', MQTT_CONNECT_TIMEOUT_SECONDS: '60' });
    const m0 = await scrape(gw.httpUrl);
    const desk = await connectLive(gw.httpUrl, gw.adminToken);
    const elderId = await registerElder(gw);
    const half = partialConnect(4000, 2000);
    const held: Socket[] = [];
    for (let i = 0; i < 100; i += 1) held.push(await holdFrom(gw.mqttUrl, '127.0.0.1', half));
    await sleep(200);
    const openOf = (list: Socket[]) => list.map((s, i) => (s.destroyed ? -1 : i)).filter((i) => i >= 0);
    expect(openOf(held)).toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));

    const others: Socket[] = [];
    for (let i = 0; i < 150; i += 1) others.push(await holdFrom(gw.mqttUrl, `127.0.0.${10 + (i % 10)}`, half));
    await sleep(200);
    const all = [...held, ...others];
    expect(openOf(all)).toEqual(Array.from({ length: 60 }, (_, i) => 190 + i));
    const m1 = await scrape(gw.httpUrl);
    const closed = (reason: string) => m1.sum('gateway_mqtt_pending_connections_closed_total', `reason="${reason}"`) - m0.sum('gateway_mqtt_pending_connections_closed_total', `reason="${reason}"`);
    expect({ perAddress: closed('per_address_limit'), pending: closed('pending_limit'), gauge: m1.sum('gateway_mqtt_pending_connections') }).toEqual({ perAddress: 80, pending: 110, gauge: 60 });

    const button = await connectDevice(gw, elderId, 'call_button');
    const pressedAt = performance.now();
    await button.send('events', 'sos');
    await desk.waitFor((e) => e.type === 'alert.raised' && e.alert.deviceId === button.id, 5000);
    console.info(`[mqtt-memory] 250 half-open CONNECTs, 60 kept: a call button's SOS reached the desk in ${Math.round(performance.now() - pressedAt)} ms`);
    desk.close();
    for (const socket of all) socket.destroy();
  });
});

/** A QoS 2 PUBLISH [MQTT-3.3.1]. */
function qos2Publish(topic: string, payload: string, messageId: number): Buffer {
  const id = Buffer.alloc(2);
  id.writeUInt16BE(messageId);
  return packet(0x34, Buffer.concat([field(topic), id, Buffer.from(payload)]));
}
const pubrel = (messageId: number) => Buffer.from([0x62, 0x02, messageId >> 8, messageId & 0xff]);

/** The control packets in what the broker sent, as type and packet id (PUBREC 5, PUBCOMP 7). */
function packetsIn(bytes: Buffer): Array<{ type: number; id: number }> {
  const out: Array<{ type: number; id: number }> = [];
  let i = 0;
  while (i + 1 < bytes.length) {
    const type = bytes[i]! >> 4;
    const length = bytes[i + 1]!; // the broker's acknowledgements are all short
    out.push({ type, id: length >= 2 ? bytes.readUInt16BE(i + 2) : 0 });
    i += 2 + length;
  }
  return out;
}

describe('QoS 2 messages left without PUBREL', () => {
  const heartbeat = (n: number) => JSON.stringify({ msgId: `hb-${n}-${Math.random()}`, ts: Date.now(), type: 'heartbeat' });

  async function session(device: { id: string; secret: string }): Promise<RawConnection> {
    const raw = await openRaw(gw!.mqttUrl);
    await raw.write(connectPacket({ clientId: device.id, username: device.id, password: device.secret, cleanSession: false }));
    expect(connackCode(await raw.receivedWithin(4, 2000))).toBe(0);
    return raw;
  }
  // The packets of one socket read are handled concurrently, so their acknowledgements may come in any order.
  const acks = (raw: RawConnection, type: number) =>
    packetsIn(raw.received().subarray(4))
      .filter((p) => p.type === type)
      .map((p) => p.id)
      .sort((a, b) => a - b);

  it('when a device leaves MQTT_MAX_QOS2_OUTSTANDING messages awaiting PUBREL, then its next one closes the connection without PUBREC, also after a reconnect, until PUBRELs free them', async () => {
    gw = await startTestGateway({ MQTT_MAX_QOS2_OUTSTANDING: '8' });
    const m0 = await scrape(gw.httpUrl);
    const device = await gw.api.createDevice({ elderId: await registerElder(gw), kind: 'call_button' });
    const topic = `devices/${device.id}/status`;

    const first = await session(device);
    for (let id = 1; id <= 8; id += 1) await first.write(qos2Publish(topic, heartbeat(id), id));
    await first.receivedWithin(4 + 8 * 4, 2000);
    expect(acks(first, 5)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await first.write(qos2Publish(topic, heartbeat(9), 9));
    expect(await first.closedWithin(2000)).toBe(true);
    expect(acks(first, 5)).not.toContain(9);

    // The session keeps the eight: a new connection starts with them.
    const second = await session(device);
    await second.write(qos2Publish(topic, heartbeat(10), 10));
    expect(await second.closedWithin(2000)).toBe(true);
    expect(acks(second, 5)).toEqual([]);

    const third = await session(device);
    for (let id = 1; id <= 8; id += 1) await third.write(pubrel(id));
    await third.receivedWithin(4 + 8 * 4, 2000);
    expect(acks(third, 7)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await third.write(qos2Publish(topic, heartbeat(11), 11));
    await third.receivedWithin(4 + 9 * 4, 2000);
    expect(acks(third, 5)).toEqual([11]);
    expect(await third.closedWithin(100)).toBe(false);
    third.close();

    const m1 = await scrape(gw.httpUrl);
    const disconnected = (m: typeof m0) => m.sum('gateway_mqtt_devices_disconnected_total', 'reason="qos2_outstanding"');
    expect(disconnected(m1) - disconnected(m0)).toBe(2);
  });

  it('when a device leaves QoS 2 messages of 30 KB without PUBREL, then the one that would pass MQTT_MAX_QOS2_OUTSTANDING_BYTES closes the connection', async () => {
    gw = await startTestGateway({ MQTT_MAX_QOS2_OUTSTANDING_BYTES: String(64 * 1024) });
    const device = await gw.api.createDevice({ elderId: await registerElder(gw), kind: 'call_button' });
    const raw = await session(device);
    const big = 'x'.repeat(30_000);
    for (let id = 1; id <= 3; id += 1) await raw.write(qos2Publish(`devices/${device.id}/status`, big, id));
    expect(await raw.closedWithin(2000)).toBe(true);
    expect(acks(raw, 5)).toEqual([1, 2]);
  });

  it('when a device at its QoS 2 limit presses SOS at QoS 2, then the alarm reaches the desk although the connection is closed', async () => {
    gw = await startTestGateway({ MQTT_MAX_QOS2_OUTSTANDING: '4' });
    const desk = await connectLive(gw.httpUrl, gw.adminToken);
    const device = await gw.api.createDevice({ elderId: await registerElder(gw), kind: 'call_button' });
    const raw = await session(device);
    for (let id = 1; id <= 4; id += 1) await raw.write(qos2Publish(`devices/${device.id}/status`, heartbeat(id), id));
    await raw.receivedWithin(4 + 4 * 4, 2000);
    await raw.write(qos2Publish(`devices/${device.id}/events`, JSON.stringify({ msgId: 'sos-at-limit', ts: Date.now(), type: 'sos' }), 5));
    expect(await raw.closedWithin(2000)).toBe(true);
    await desk.waitFor((e) => e.type === 'alert.raised' && e.alert.deviceId === device.id, 5000);
    desk.close();
  });
});
