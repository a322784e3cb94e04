import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadLetterListReply, DeviceKind } from '../../schemas/index.js';
import { RESEND_WINDOW_MS } from '../../gateway/src/app/ingest/life-safety-salvage.js';
import { scrape } from '../support/metric-reader.js';
import { connectDevice, registerElder, type TestDevice } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Issue 17, item 1: a slightly malformed life-safety event used to be acknowledged and dropped (a counter and a dead
// letter no screen showed); a firmware that sends `ts` in seconds lost every alarm. Over real MQTT into the real
// gateway: each such event must raise its alarm, dated by the gateway's clock where the device's own time cannot be
// trusted, with the defect on the alert, counted, dead-lettered as `salvaged`, and the device flagged for
// maintenance; a resend of the same bytes is still one alarm; everything that is not life-safety stays strict.

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ OFFLINE_GRACE_SECONDS: '3600' });
});
afterAll(async () => {
  await gw?.close();
});

async function device(kind: DeviceKind): Promise<TestDevice> {
  return connectDevice(gw, await registerElder(gw), kind);
}

/** Publishes a raw JSON payload at QoS 1; resolves on the PUBACK. */
async function publishRaw(d: TestDevice, channel: 'events' | 'status', payload: Record<string, unknown>): Promise<void> {
  await d.client.publishAsync(`devices/${d.id}/${channel}`, JSON.stringify(payload), { qos: 1 });
}

const openAlertsOf = async (deviceId: string) => (await gw.api.listAlerts('open')).filter((a) => a.deviceId === deviceId);
const maintenanceOf = async (deviceId: string) => (await gw.api.listTasks('open')).filter((t) => t.deviceId === deviceId && t.kind === 'maintenance');
const salvaged = async () => (await scrape(gw.httpUrl)).sum('gateway_mqtt_messages_salvaged_total');

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('a malformed life-safety event raises its alarm anyway', () => {
  const cases: Array<{ what: string; kind: DeviceKind; payload: () => Record<string, unknown>; defect: string }> = [
    { what: 'an SOS whose ts is in seconds', kind: 'call_button', payload: () => ({ msgId: 'sec-1', ts: nowSeconds(), type: 'sos' }), defect: 'ts_seconds' },
    { what: 'an SOS whose ts is 0', kind: 'call_button', payload: () => ({ msgId: 'zero-1', ts: 0, type: 'sos' }), defect: 'ts_implausible' },
    { what: 'an SOS whose ts has no time zone', kind: 'call_button', payload: () => ({ msgId: 'nozone-1', ts: '2026-11-23T18:40:00', type: 'sos' }), defect: 'ts_no_zone' },
    { what: 'an SOS with no ts', kind: 'call_button', payload: () => ({ msgId: 'nots-1', type: 'sos' }), defect: 'ts_missing' },
    { what: 'an SOS whose msgId is 200 characters', kind: 'call_button', payload: () => ({ msgId: 'L'.repeat(200), ts: Date.now(), type: 'sos' }), defect: 'msg_id_invalid' },
    { what: 'an SOS with one extra field', kind: 'call_button', payload: () => ({ msgId: 'extra-1', ts: Date.now(), type: 'sos', battery: 80 }), defect: 'extra_fields' },
    { what: "a watch's fall with ts in seconds", kind: 'wearable', payload: () => ({ msgId: 'fall-1', ts: nowSeconds(), type: 'fall', confidence: 0.9 }), defect: 'ts_seconds' },
    { what: "a watch's SOS with no msgId", kind: 'wearable', payload: () => ({ ts: Date.now(), type: 'sos' }), defect: 'msg_id_missing' },
    { what: 'a smoke alarm with an extra field', kind: 'smoke_detector', payload: () => ({ msgId: 'smoke-1', ts: Date.now(), type: 'smoke', level: 'high' }), defect: 'extra_fields' },
    { what: 'a gas alarm with ppm as text', kind: 'gas_detector', payload: () => ({ msgId: 'gas-1', ts: Date.now(), type: 'gas', ppm: '900' }), defect: 'field_invalid' },
    { what: "a camera's fall without its room", kind: 'camera', payload: () => ({ msgId: 'cam-1', ts: Date.now(), type: 'fall', confidence: 0.95 }), defect: 'field_invalid' },
  ];

  for (const c of cases) {
    it(`when ${c.what} arrives, then its alarm is raised with the defect shown, counted, dead-lettered and the device flagged for maintenance`, async () => {
      const d = await device(c.kind);
      const salvaged0 = await salvaged();
      const before = Date.now();
      await publishRaw(d, 'events', c.payload());
      const after = Date.now();

      const [alert] = await openAlertsOf(d.id);
      expect(alert?.priority).toBe(1);
      expect(String(alert?.context['inputDefects']).split(',')).toContain(c.defect);
      // Dated by the gateway at receipt, whatever the device said.
      expect(Date.parse(alert!.raisedAt)).toBeGreaterThanOrEqual(before - 5);
      expect(Date.parse(alert!.raisedAt)).toBeLessThanOrEqual(after + 5);
      const detail = await gw.api.getAlert(alert!.id);
      expect(detail.timeline[0]?.note).toMatch(/malformed device message/);

      expect((await salvaged()) - salvaged0).toBe(1);
      const letters = await gw.api.request<DeadLetterListReply>('GET', `/api/v1/dead-letters?deviceId=${d.id}`);
      expect(letters.body.items.map((l) => l.reason)).toEqual(['salvaged']);
      expect(letters.body.items[0]?.detail).toContain(c.defect);
      expect((await maintenanceOf(d.id)).map((t) => t.reason)).toEqual(['malformed_messages']);
      const events = await gw.api.deviceEvents(d.id);
      expect(events).toHaveLength(1);
    });
  }

  it('when the same malformed SOS (a 200-character msgId, then no msgId at all) is sent again, then it is still one alarm counted once', async () => {
    const d = await device('call_button');
    const longId = { msgId: 'R'.repeat(200), ts: nowSeconds(), type: 'sos' };
    await publishRaw(d, 'events', longId);
    await publishRaw(d, 'events', longId);
    const noId = JSON.stringify({ ts: 1_700_000_000, type: 'sos' });
    await d.client.publishAsync(`devices/${d.id}/events`, noId, { qos: 1 });
    await d.client.publishAsync(`devices/${d.id}/events`, noId, { qos: 1 });

    const alerts = await openAlertsOf(d.id);
    expect(alerts).toHaveLength(1);
    // The first press raised it, the other message repeated it; neither resend counted.
    expect(alerts[0]?.count).toBe(2);
    const events = await gw.api.deviceEvents(d.id);
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.msgId.startsWith('~'))).toBe(true);
  });

  it('when a firmware that sends only {"type":"sos"} is pressed again after its alarm was resolved, then the new press raises a new alarm (its bytes are the same, it is not a resend)', async () => {
    const d = await device('call_button');
    const bare = JSON.stringify({ type: 'sos' });
    const firstPress = Date.now();
    await d.client.publishAsync(`devices/${d.id}/events`, bare, { qos: 1 });
    const [first] = await openAlertsOf(d.id);
    expect(first).toMatchObject({ type: 'sos', status: 'raised' });
    await gw.api.resolve(first!.id, 'called back, all well');
    // Past the window in which the same bytes are taken for a QoS 1 resend of the same press.
    await new Promise((r) => setTimeout(r, Math.max(0, RESEND_WINDOW_MS + 200 - (Date.now() - firstPress))));
    await d.client.publishAsync(`devices/${d.id}/events`, bare, { qos: 1 });
    const open = await openAlertsOf(d.id);
    expect(open).toHaveLength(1);
    expect(open[0]!.id).not.toBe(first!.id);
    expect(open[0]).toMatchObject({ type: 'sos', status: 'raised', count: 1 });
  });

  it('when an SOS carries an extra field nested 7,000 levels deep, then its alarm is raised, and its event log keeps what was read, not the nesting', async () => {
    const d = await device('call_button');
    const deep = `{"msgId":"deep-1","ts":${Date.now()},"type":"sos","extra":${'['.repeat(7000)}${']'.repeat(7000)}}`;
    await d.client.publishAsync(`devices/${d.id}/events`, deep, { qos: 1 });
    expect((await openAlertsOf(d.id)).map((a) => a.context['inputDefects'])).toEqual(['extra_fields']);
    const events = await gw.api.request<{ items: Array<{ payload: Record<string, unknown> }> }>('GET', `/api/v1/devices/${d.id}/events`);
    expect(events.status).toBe(200);
    expect(Object.keys(events.body.items[0]!.payload).sort()).toEqual(['msgId', 'ts', 'type']);
  });

  it('when a routine message is malformed (a cancel in seconds, a heartbeat with an extra field), then it is still refused, and the device is flagged for maintenance once', async () => {
    const d = await device('call_button');
    const rejected0 = (await scrape(gw.httpUrl)).sum('gateway_mqtt_messages_rejected_total', 'reason="payload_invalid"');
    await publishRaw(d, 'events', { msgId: 'c-1', ts: nowSeconds(), type: 'cancel' });
    await publishRaw(d, 'status', { msgId: 'h-1', ts: Date.now(), type: 'heartbeat', colour: 'red' });
    await publishRaw(d, 'events', { msgId: 's-1', ts: nowSeconds(), type: 'service_request', service: 'meals' });

    expect((await scrape(gw.httpUrl)).sum('gateway_mqtt_messages_rejected_total', 'reason="payload_invalid"') - rejected0).toBe(3);
    expect(await gw.api.listAlerts('all').then((all) => all.filter((a) => a.deviceId === d.id))).toEqual([]);
    expect(await gw.api.deviceEvents(d.id)).toEqual([]);
    expect((await maintenanceOf(d.id)).map((t) => t.reason)).toEqual(['malformed_messages']);
    const letters = await gw.api.request<DeadLetterListReply>('GET', `/api/v1/dead-letters?deviceId=${d.id}`);
    expect(letters.body.items.map((l) => l.reason)).toEqual(['payload_invalid', 'payload_invalid', 'payload_invalid']);
  });

  it("when a device sends a life-safety type that is not of its kind (a smoke detector's sos), then it is refused: only a device's own alarms are salvaged", async () => {
    const d = await device('smoke_detector');
    await publishRaw(d, 'events', { msgId: 'x-1', ts: nowSeconds(), type: 'sos' });
    expect(await openAlertsOf(d.id)).toEqual([]);
    const letters = await gw.api.request<DeadLetterListReply>('GET', `/api/v1/dead-letters?deviceId=${d.id}`);
    expect(letters.body.items.map((l) => l.reason)).toEqual(['payload_invalid']);
  });

  it('when a valid SOS arrives after the salvaged ones, then it is applied as always, with no defect on its alert', async () => {
    const d = await device('call_button');
    await d.send('events', 'sos');
    const [alert] = await openAlertsOf(d.id);
    expect(alert?.context['inputDefects']).toBeUndefined();
    expect(await maintenanceOf(d.id)).toEqual([]);
  });
});
