import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { WsEvent } from '../../schemas/index.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { scrape } from '../support/metric-reader.js';
import { connectDevice, registerElder, type TestDevice } from '../support/mqtt-device.js';
import { tableRows } from '../support/store-fingerprint.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Issue 17, item 10: life-safety events were exempt from the rate limit with no ceiling. One button sent 3,301 SOS a
// second, every one a committed alert update with its own event and message rows: the store grew 29 MB in 15 s and
// other elders' SOS slowed from p99 12 ms to 102 ms. A bounded load test over real MQTT with the defaults (120 a
// minute, burst 60): a button floods SOS as fast as the gateway takes them (200 in flight, reconnecting 50 ms after
// every cut, as a stuck key on real firmware would; in a worker thread) while ten other elders press SOS twice a
// second each. The
// flooder's first press must be committed before its PUBACK, its repeats merged without rows, the device throttled
// and flagged for maintenance; the store must barely grow; the others' SOS must keep their latency and reach the desk.
// Figures are printed for docs/reliability.md.

const FLOOD_MS = 10_000;
const BASELINE_MS = 4_000;
const OTHERS = 10;
const OTHER_PRESS_EVERY_MS = 500;
const IN_FLIGHT = 200;

let gw: TestGateway;
let desk: LiveClient;

beforeAll(async () => {
  gw = await startTestGateway({ OFFLINE_GRACE_SECONDS: '3600' });
  desk = await connectLive(gw.httpUrl, gw.adminToken);
});
afterAll(async () => {
  desk?.close();
  await gw?.close();
});

const storeBytes = (): number =>
  ['gateway.sqlite', 'gateway.sqlite-wal', 'gateway.sqlite-shm'].reduce((sum, f) => {
    try {
      return sum + statSync(join(gw.dataDir, f)).size;
    } catch {
      return sum;
    }
  }, 0);

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Each of `buttons` presses SOS every `everyMs` until `until`; the PUBLISH → PUBACK time of each press. */
async function pressRegularly(buttons: readonly TestDevice[], everyMs: number, until: number): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    buttons.map(async (b, n) => {
      await new Promise((r) => setTimeout(r, (n * everyMs) / buttons.length));
      while (Date.now() < until) {
        const started = performance.now();
        await b.send('events', 'sos');
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (performance.now() - started))));
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

/**
 * A button stuck down, in a worker thread of its own (a device is not the gateway's process; on one event loop the
 * flooder's own work would be charged to the others' latency): SOS after SOS, `IN_FLIGHT` unacknowledged at a time,
 * reconnecting 50 ms after every cut. Plain JavaScript, as the worker loads it without the test's transform.
 */
const STUCK_BUTTON = `
const mqtt = require('mqtt');
const { randomUUID } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const { url, id, secret, inFlightMax, firstMsgId } = workerData;
const client = mqtt.connect(url, { clientId: id, username: id, password: secret, reconnectPeriod: 50, keepalive: 60 });
let inFlight = 0, sent = 0, acked = 0, cuts = 0, firstAcked = false, running = true;
client.on('close', () => { cuts += 1; inFlight = 0; });
client.on('error', () => {});
function pump() {
  while (running && client.connected && inFlight < inFlightMax) {
    inFlight += 1;
    const first = sent === 0;
    const msgId = first ? firstMsgId : 'stuck-' + sent + '-' + randomUUID().slice(0, 8);
    sent += 1;
    client.publish('devices/' + id + '/events', JSON.stringify({ msgId, ts: Date.now(), type: 'sos' }), { qos: 1 }, (err) => {
      inFlight = Math.max(0, inFlight - 1);
      if (err) return;
      acked += 1;
      if (first) firstAcked = true;
    });
  }
  if (running) setImmediate(pump);
}
client.once('connect', () => { parentPort.postMessage({ connected: true }); pump(); });
parentPort.on('message', () => {
  running = false;
  client.end(true, () => parentPort.postMessage({ sent, acked, cuts: cuts - 1, firstAcked }));
});
`;

interface StuckStats {
  sent: number;
  acked: number;
  cuts: number;
  firstAcked: boolean;
}

async function stuckButton(elderId: string) {
  const registered = await gw.api.createDevice({ elderId, kind: 'call_button' });
  const firstMsgId = `first-${randomUUID()}`;
  const worker = new Worker(STUCK_BUTTON, {
    eval: true,
    workerData: { url: gw.mqttUrl, id: registered.id, secret: registered.secret, inFlightMax: IN_FLIGHT, firstMsgId },
  });
  onTestFinished(async () => {
    await worker.terminate();
  });
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    id: registered.id,
    firstMsgId,
    /** Stops pressing, closes the connection and says what it sent. */
    stop: () =>
      new Promise<StuckStats>((resolve) => {
        worker.once('message', (stats: StuckStats) => resolve(stats));
        worker.postMessage('stop');
      }),
  };
}

type AlertRaised = Extract<WsEvent, { type: 'alert.raised' }>;
const isRaisedFor = (deviceId: string) => (e: WsEvent): e is AlertRaised => e.type === 'alert.raised' && e.alert.deviceId === deviceId;

describe('a button stuck on SOS', () => {
  it('when one button floods SOS for 10 s while ten other elders press SOS, then its first press is committed, its repeats add no rows, it is throttled and flagged, the store barely grows, and the others keep their latency and reach the desk', async () => {
    const others = await Promise.all(Array.from({ length: OTHERS }, async () => connectDevice(gw, await registerElder(gw), 'call_button')));
    const othersRaised = others.map((o) => desk.waitFor(isRaisedFor(o.id), 30_000));

    // The others alone: their latency without the flood.
    const baseline = await pressRegularly(others, OTHER_PRESS_EVERY_MS, Date.now() + BASELINE_MS);
    await Promise.all(othersRaised);

    const m0 = await scrape(gw.httpUrl);
    const bytes0 = storeBytes();
    const flooderElder = await registerElder(gw);
    const flooder = await stuckButton(flooderElder);
    const floodStarted = Date.now();
    // A new elder's first press in the middle of the flood: PUBLISH → the desk's alert.raised.
    const newcomer = await connectDevice(gw, await registerElder(gw), 'call_button');
    const newcomerOnDesk = (async () => {
      await new Promise((r) => setTimeout(r, FLOOD_MS / 2));
      const pressed = performance.now();
      const raised = desk.waitFor(isRaisedFor(newcomer.id), 10_000);
      await newcomer.send('events', 'sos');
      await raised;
      return performance.now() - pressed;
    })();
    const underFlood = await pressRegularly(others, OTHER_PRESS_EVERY_MS, floodStarted + FLOOD_MS);
    const newcomerMs = await newcomerOnDesk;
    const { sent, acked, cuts, firstAcked } = await flooder.stop();
    const floodSeconds = (Date.now() - floodStarted) / 1000;
    const grownBytes = storeBytes() - bytes0;
    const m1 = await scrape(gw.httpUrl);
    const delta = (name: string, labels?: string) => m1.sum(name, labels) - m0.sum(name, labels);

    const flooderEvents = tableRows<{ msg_id: string }>(gw.dataDir, 'SELECT msg_id FROM device_events WHERE device_id = ? ORDER BY seq', flooder.id);
    const flooderMessages = tableRows(gw.dataDir, 'SELECT msg_id FROM processed_messages WHERE device_id = ?', flooder.id).length;
    const flooderTimeline = tableRows(gw.dataDir, 'SELECT t.seq FROM alert_timeline t JOIN alerts a ON a.id = t.alert_id WHERE a.device_id = ?', flooder.id).length;
    const merged = delta('gateway_mqtt_life_safety_merged_total');
    const received = delta('gateway_mqtt_messages_received_total', 'channel="events"');
    const p = (xs: number[], q: number) => percentile(xs, q).toFixed(1);
    console.info(
      `[sos-flood] ${floodSeconds.toFixed(1)} s of a stuck SOS button (${IN_FLIGHT} in flight, reconnecting after 50 ms) beside ${OTHERS} elders pressing SOS every ${OTHER_PRESS_EVERY_MS} ms: ` +
        `flooder sent ${sent} (${Math.round(sent / floodSeconds)}/s), ${acked} acknowledged, cut off ${cuts} times; gateway received ${received} events; ` +
        `${merged} merged without a write; flooder rows: ${flooderEvents.length} events, ${flooderMessages} message ids, ${flooderTimeline} timeline entries; ` +
        `store grew ${(grownBytes / 1e6).toFixed(2)} MB; others' SOS PUBLISH→PUBACK p50/p99/max: alone ${p(baseline, 50)}/${p(baseline, 99)}/${p(baseline, 100)} ms (${baseline.length} presses), ` +
        `under the flood ${p(underFlood, 50)}/${p(underFlood, 99)}/${p(underFlood, 100)} ms (${underFlood.length} presses); a new elder's SOS mid-flood on the desk in ${newcomerMs.toFixed(0)} ms`,
    );

    // The first press: committed, one alert, its event kept.
    const flooderAlerts = (await gw.api.listAlerts('open')).filter((a) => a.deviceId === flooder.id);
    expect(flooderAlerts).toHaveLength(1);
    expect(flooderEvents[0]?.msg_id).toBe(flooder.firstMsgId);
    expect(firstAcked).toBe(true);
    // Repeats: rows only for what the bucket allows (the burst of 60 and 2 a second), none for the merged ones.
    const allowed = 60 + Math.ceil(2 * floodSeconds) + 2;
    expect(flooderEvents.length).toBeLessThanOrEqual(allowed);
    expect(flooderMessages).toBeLessThanOrEqual(allowed);
    expect(merged).toBeGreaterThan(0);
    // Throttled like any flood, and flagged for a technician.
    expect(delta('gateway_mqtt_devices_disconnected_total', 'reason="flooding"')).toBeGreaterThan(0);
    const tasks = (await gw.api.listTasks('open')).filter((t) => t.deviceId === flooder.id);
    expect(tasks.map((t) => t.reason)).toEqual(['message_flood']);
    // The store: well under a megabyte for the whole flood (it grew 29 MB in 15 s before).
    expect(grownBytes).toBeLessThan(2_000_000);

    // The others: every press acknowledged, each elder's alarm on the desk, latency kept.
    // Latency on a shared 2-core machine varies with what else runs, so the bounds here are ceilings for "still
    // served"; the figures printed above are the measurement (docs/reliability.md: before the fix about half of the
    // presses made it in time, 71–111 of 200, at p99 0.9–1.8 s).
    expect(underFlood.length).toBeGreaterThanOrEqual(OTHERS * Math.floor(FLOOD_MS / OTHER_PRESS_EVERY_MS) * 0.5);
    expect(percentile(underFlood, 99)).toBeLessThan(2000);
    const othersOpen = (await gw.api.listAlerts('open')).filter((a) => others.some((o) => o.id === a.deviceId));
    expect(othersOpen).toHaveLength(OTHERS);
    expect(newcomerMs).toBeLessThan(3000);
  }, 60_000);

  it('when the desk resolved the alarm of a button that keeps flooding, then its next press raises a new alarm: a merge never swallows a press on a closed alert', async () => {
    // A bucket that does not refill while the test runs (1 a minute), so every press past the burst is over the rate.
    const slow = await startTestGateway({ OFFLINE_GRACE_SECONDS: '3600', DEVICE_MAX_MESSAGES_PER_MINUTE: '1', DEVICE_BURST_MESSAGES: '10' });
    onTestFinished(() => slow.close());
    const button = await connectDevice(slow, await registerElder(slow), 'call_button');
    for (let i = 0; i < 15; i++) await button.send('events', 'sos');
    const m0 = await scrape(slow.httpUrl);
    const [first] = (await slow.api.listAlerts('open')).filter((a) => a.deviceId === button.id);
    expect(first?.count).toBe(10);
    expect(m0.sum('gateway_mqtt_life_safety_merged_total')).toBe(5);
    expect((await slow.api.resolve(first!.id, 'stuck key')).status).toBe(200);

    expect(button.client.connected).toBe(true);
    await button.send('events', 'sos');
    const open = (await slow.api.listAlerts('open')).filter((a) => a.deviceId === button.id);
    expect(open).toHaveLength(1);
    expect(open[0]?.id).not.toBe(first!.id);
    const m1 = await scrape(slow.httpUrl);
    expect(m1.sum('gateway_mqtt_rate_limit_exempt_total') - m0.sum('gateway_mqtt_rate_limit_exempt_total')).toBe(1);
    expect(m1.sum('gateway_mqtt_life_safety_merged_total')).toBe(5);
  }, 30_000);
});
