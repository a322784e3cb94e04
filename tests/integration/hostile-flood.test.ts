import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRootLogger } from '../../gateway/src/logger.js';
import type { ReadingsReply, WsEvent } from '../../schemas/index.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { scrape } from '../support/metric-reader.js';
import { connectDevice, eventually, registerElder, type TestDevice } from '../support/mqtt-device.js';
import { tableRows } from '../support/store-fingerprint.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// One device floods at 100× the rate a device may average (200 msg/s against DEVICE_MAX_MESSAGES_PER_MINUTE = 120,
// burst 60, the defaults) while 20 others send at their own pace and another elder presses SOS, over real MQTT into
// the real gateway with the desk on the websocket. The flooder must be throttled and then disconnected, its own SOS
// in the middle of the flood must still get through, the others must lose nothing, the SOS must reach the desk at
// once, every refusal must be counted, nothing refused may be dead-lettered, and the log gets one line per device
// and minute, not one per message. Figures are printed for docs/reliability.md.

const FLOOD_PER_SECOND = 200;
const FLOODER_SOS_AT = 90; // past the burst of 60: the flooder is being refused when its elder falls
const OTHERS_SECONDS = 3;

type AlertRaised = Extract<WsEvent, { type: 'alert.raised' }>;
const isRaisedFor = (deviceId: string) => (e: WsEvent): e is AlertRaised => e.type === 'alert.raised' && e.alert.deviceId === deviceId;

let gw: TestGateway;
let desk: LiveClient;
const logLines: Array<{ msg: string; deviceId?: string; module?: string }> = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as (typeof logLines)[number]);
      done();
    },
  });
  gw = await startTestGateway({ OFFLINE_GRACE_SECONDS: '3600' }, {}, createRootLogger('warn', sink));
  desk = await connectLive(gw.httpUrl, gw.adminToken);
});
afterAll(async () => {
  desk?.close();
  await gw?.close();
});

const vitals = (deviceId: string, i: number, ts: number) => ({ topic: `devices/${deviceId}/telemetry`, payload: JSON.stringify({ msgId: `${i}-${randomUUID().slice(0, 8)}`, ts, type: 'vitals', heartRate: 60 + (i % 40) }) });

async function heartRatePoints(deviceId: string): Promise<number> {
  const reply = await gw.api.request<ReadingsReply>('GET', `/api/v1/devices/${deviceId}/readings`);
  return reply.body.series.find((s) => s.metric === 'heartRate')?.points.length ?? 0;
}

/** Sends `perSecond` vitals from `device` until `stop()`; resolves with how many it put on the wire before the close. */
function flood(device: TestDevice, perSecond: number, onMessage: (i: number) => void = () => undefined) {
  const t0 = Date.now();
  let sent = 0;
  let closedAt: number | null = null;
  device.client.once('close', () => (closedAt = Date.now()));
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - t0) * perSecond) / 1000);
    while (sent < due && closedAt === null && device.client.connected) {
      const m = vitals(device.id, sent, t0 + sent);
      onMessage(sent);
      device.client.publish(m.topic, m.payload, { qos: 1 }, () => undefined);
      sent += 1;
    }
  }, 5);
  return {
    startedAt: t0,
    get sent() {
      return sent;
    },
    get closedAt() {
      return closedAt;
    },
    stop: () => clearInterval(timer),
  };
}

describe('a device flooding at 100× its allowance', () => {
  it('when one watch floods while 20 devices send at their own pace and an elder presses SOS, then the flooder is throttled and cut off, its own SOS still gets through, the others lose nothing, and every refusal is counted', async () => {
    const watches = await Promise.all(Array.from({ length: 10 }, async () => connectDevice(gw, await registerElder(gw), 'wearable')));
    const doors = await Promise.all(Array.from({ length: 10 }, async () => connectDevice(gw, await registerElder(gw), 'door_sensor')));
    const button = await connectDevice(gw, await registerElder(gw), 'call_button');
    const flooder = await connectDevice(gw, await registerElder(gw), 'wearable');
    const m0 = await scrape(gw.httpUrl);
    const deadLetters0 = tableRows(gw.dataDir, 'SELECT seq FROM dead_letters').length;

    // Others: one message a second each, each waiting for its PUBACK, for the length of the run.
    const othersSent = new Map<string, string[]>();
    const others = [...watches, ...doors].map(async (d, n) => {
      const sent: string[] = [];
      othersSent.set(d.id, sent);
      for (let i = 0; i < OTHERS_SECONDS; i++) {
        const started = Date.now();
        if (watches.includes(d)) {
          const m = vitals(d.id, i, started - 60_000 + n);
          await d.client.publishAsync(m.topic, m.payload, { qos: 1 });
          sent.push(m.payload);
        } else {
          sent.push(await d.send('events', i % 2 === 0 ? 'door_open' : 'door_closed'));
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
      }
    });

    // The flooder, with its elder's SOS in the middle of the flood.
    let flooderSosSentAt = 0;
    let flooderSosId = '';
    const flooderAlertAt = desk.waitFor(isRaisedFor(flooder.id), 10_000).then(() => performance.now());
    const run = flood(flooder, FLOOD_PER_SECOND, (i) => {
      if (i !== FLOODER_SOS_AT) return;
      flooderSosId = `flooder-sos-${randomUUID()}`;
      flooderSosSentAt = performance.now();
      flooder.client.publish(`devices/${flooder.id}/events`, JSON.stringify({ msgId: flooderSosId, ts: Date.now(), type: 'sos' }), { qos: 1 });
    });

    // Another elder presses SOS while the flood is on.
    await new Promise((r) => setTimeout(r, 400));
    const pressedAt = performance.now();
    await button.send('events', 'sos');
    await desk.waitFor(isRaisedFor(button.id), 5000);
    const sosLatencyMs = performance.now() - pressedAt;

    await eventually(async () => run.closedAt, (closed) => closed !== null, 10_000);
    run.stop();
    const flooderSosLatencyMs = (await flooderAlertAt) - flooderSosSentAt;
    await Promise.all(others);

    // The flooder: throttled, its SOS applied, disconnected once.
    const m1 = await scrape(gw.httpUrl);
    const refused = m1.sum('gateway_mqtt_messages_rejected_total', 'reason="rate_limited"') - m0.sum('gateway_mqtt_messages_rejected_total', 'reason="rate_limited"');
    const received = m1.sum('gateway_mqtt_messages_received_total') - m0.sum('gateway_mqtt_messages_received_total');
    expect(refused).toBeGreaterThan(0);
    expect(m1.sum('gateway_mqtt_devices_disconnected_total', 'reason="flooding"') - m0.sum('gateway_mqtt_devices_disconnected_total', 'reason="flooding"')).toBe(1);
    expect(m1.sum('gateway_mqtt_rate_limit_exempt_total') - m0.sum('gateway_mqtt_rate_limit_exempt_total')).toBe(1);
    const flooderEvents = await gw.api.deviceEvents(flooder.id);
    expect(flooderEvents.map((e) => e.msgId)).toEqual([flooderSosId]);
    const flooderApplied = (await heartRatePoints(flooder.id)) + flooderEvents.length;
    // At most the burst, what refilled meanwhile (2 a second) and the SOS.
    const secondsToCut = (run.closedAt! - run.startedAt) / 1000;
    expect(flooderApplied).toBeLessThanOrEqual(60 + Math.ceil(2 * secondsToCut) + 1);

    // The others: every message acknowledged and applied, none refused.
    for (const w of watches) expect(await heartRatePoints(w.id)).toBe(OTHERS_SECONDS);
    for (const d of doors) expect((await gw.api.deviceEvents(d.id)).map((e) => e.msgId).sort()).toEqual([...othersSent.get(d.id)!].sort());
    for (const d of [...watches, ...doors, button]) expect(d.client.connected).toBe(true);
    expect((await gw.api.listAlerts('open')).map((a) => a.deviceId).sort()).toEqual([button.id, flooder.id].sort());

    // Every message the gateway received was applied or refused and counted; nothing refused was dead-lettered.
    const othersApplied = watches.length * OTHERS_SECONDS + doors.length * OTHERS_SECONDS + 1;
    expect(received).toBe(othersApplied + flooderApplied + refused);
    expect(m1.sum('gateway_mqtt_messages_rejected_total') - m0.sum('gateway_mqtt_messages_rejected_total')).toBe(refused);
    expect(tableRows(gw.dataDir, 'SELECT seq FROM dead_letters').length).toBe(deadLetters0);

    // One log line for the throttling and one for the cut, not one per refused message.
    const flooderLines = logLines.filter((l) => l.deviceId === flooder.id);
    expect(flooderLines.filter((l) => /routine messages refused/.test(l.msg))).toHaveLength(1);
    expect(flooderLines.filter((l) => /^device disconnected/.test(l.msg))).toHaveLength(1);
    // The PUBLISHes refused as the connection is cut are counted as client errors, not logged one by one.
    expect(flooderLines.filter((l) => l.msg === 'client error')).toHaveLength(0);

    expect(sosLatencyMs).toBeLessThan(1000);
    expect(flooderSosLatencyMs).toBeLessThan(1000);
    console.info(
      `[flood] ${FLOOD_PER_SECOND} msg/s from one watch (defaults 120/min, burst 60) beside 20 devices at 1 msg/s: ` +
        `${run.sent} flood messages put on the wire; ${received - othersApplied} of the flooder's messages reached the gateway (vitals, its SOS, perhaps its last will): ${flooderApplied} applied (1 its SOS), ${refused} refused as rate_limited; ` +
        `disconnected ${(secondsToCut * 1000).toFixed(0)} ms after the flood began; another elder's SOS reached the desk in ${sosLatencyMs.toFixed(0)} ms, ` +
        `the flooder's own SOS (sent as its message ${FLOODER_SOS_AT}, while refused) in ${flooderSosLatencyMs.toFixed(0)} ms; others: ${othersApplied - 1} of ${othersApplied - 1} messages applied`,
    );
  }, 60_000);

  it('when a cut-off flooder reconnects at once and floods again, then it is cut off at its first refused message, and counted again', async () => {
    const flooder = await connectDevice(gw, await registerElder(gw), 'wearable');
    const first = flood(flooder, FLOOD_PER_SECOND);
    await eventually(async () => first.closedAt, (c) => c !== null, 10_000);
    first.stop();
    const m0 = await scrape(gw.httpUrl);

    const reconnected = new Promise<void>((resolve) => flooder.client.once('connect', () => resolve()));
    flooder.client.reconnect();
    await reconnected;
    const again = flood(flooder, FLOOD_PER_SECOND);
    await eventually(async () => again.closedAt, (c) => c !== null, 10_000);
    again.stop();
    const m1 = await scrape(gw.httpUrl);

    expect(m1.sum('gateway_mqtt_devices_disconnected_total', 'reason="flooding"') - m0.sum('gateway_mqtt_devices_disconnected_total', 'reason="flooding"')).toBe(1);
    const msToCut = again.closedAt! - again.startedAt;
    console.info(`[flood] a reconnected flooder was cut again ${msToCut} ms after it resumed, after ${again.sent} messages on the wire`);
    expect(msToCut).toBeLessThan(2000);
  }, 30_000);
});
