import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadingsReply } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectDevice, eventually, registerElder, type TestDevice } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Readings over real MQTT into the recent window, read back through the history API over real HTTP: values and
// device times exactly as sent, filters, scoping, bad queries, and the sink's metrics and readiness report.

let gw: TestGateway;
let network: CareNetwork;

beforeAll(async () => {
  gw = await startTestGateway();
  network = await setUpCareNetwork(gw);
});
afterAll(async () => {
  await network?.close();
  await gw?.close();
});

/** Publishes a reading with the device time `ts`, at QoS 1 so it has been taken when this resolves. */
async function sendAt(device: TestDevice, channel: 'telemetry' | 'status', type: string, ts: number, fields: Record<string, unknown>) {
  await device.client.publishAsync(`devices/${device.id}/${channel}`, JSON.stringify({ msgId: randomUUID(), ts, type, ...fields }), { qos: 1 });
}

const readings = (path: string, api = gw.api) => api.request<ReadingsReply>('GET', path);
const seriesOf = (reply: ReadingsReply, deviceId: string, metric: string) => reply.series.find((s) => s.deviceId === deviceId && s.metric === metric);

describe('telemetry history API', () => {
  it('when a watch and a bed sensor send readings, then the device and the elder readings return them with their values and device times', async () => {
    const elderId = await registerElder(gw);
    const watch = await connectDevice(gw, elderId, 'wearable');
    const bed = await connectDevice(gw, elderId, 'bed_sensor');
    const t0 = Date.now() - 5 * 60_000;
    await sendAt(watch, 'telemetry', 'vitals', t0, { heartRate: 72, spo2: 97 });
    await sendAt(watch, 'telemetry', 'vitals', t0 + 10_000, { heartRate: 75, skinTemperature: 36.5 });
    await sendAt(watch, 'telemetry', 'position', t0 + 15_000, { lat: 34.26, lon: 108.95, accuracy: 15 });
    await sendAt(bed, 'telemetry', 'bed_vitals', t0 + 20_000, { heartRate: 61, breathingRate: 14 });
    await sendAt(watch, 'status', 'heartbeat', t0 + 30_000, { battery: 64 });

    const device = await eventually(() => readings(`/api/v1/devices/${watch.id}/readings`), (r) => r.status === 200 && r.body.series.length === 7);
    expect(seriesOf(device.body, watch.id, 'heartRate')).toEqual({
      deviceId: watch.id,
      deviceKind: 'wearable',
      metric: 'heartRate',
      unit: 'bpm',
      points: [
        { t: t0, v: 72 },
        { t: t0 + 10_000, v: 75 },
      ],
    });
    expect(seriesOf(device.body, watch.id, 'battery')?.points).toEqual([{ t: t0 + 30_000, v: 64 }]);
    expect(seriesOf(device.body, watch.id, 'lat')?.points).toEqual([{ t: t0 + 15_000, v: 34.26 }]);

    const elder = await readings(`/api/v1/elders/${elderId}/readings`);
    expect(elder.status).toBe(200);
    expect(seriesOf(elder.body, bed.id, 'breathingRate')).toMatchObject({ deviceKind: 'bed_sensor', unit: '/min', points: [{ t: t0 + 20_000, v: 14 }] });
    expect(seriesOf(elder.body, bed.id, 'heartRate')?.points).toEqual([{ t: t0 + 20_000, v: 61 }]);
    expect(seriesOf(elder.body, watch.id, 'heartRate')?.points).toHaveLength(2);
  });

  it('when a metric and a time range are asked for, then only those points come back', async () => {
    const elderId = await registerElder(gw);
    const watch = await connectDevice(gw, elderId, 'wearable');
    const t0 = Date.now() - 10 * 60_000;
    for (let i = 0; i < 5; i++) await sendAt(watch, 'telemetry', 'vitals', t0 + i * 60_000, { heartRate: 70 + i, spo2: 95 });
    const from = new Date(t0 + 60_000).toISOString();
    const to = new Date(t0 + 3 * 60_000).toISOString();

    const reply = await eventually(
      () => readings(`/api/v1/devices/${watch.id}/readings?metric=heartRate&from=${from}&to=${to}`),
      (r) => r.status === 200 && (r.body.series[0]?.points.length ?? 0) === 3,
    );
    expect(reply.body).toEqual({ from, to, series: [expect.objectContaining({ metric: 'heartRate', points: [71, 72, 73].map((v, i) => ({ t: t0 + (i + 1) * 60_000, v })) })] });
  });

  it('when the query is bad or the device unknown, then the reply is a 4xx with a stable code', async () => {
    const elderId = await registerElder(gw);
    const watch = await connectDevice(gw, elderId, 'wearable');
    const later = new Date().toISOString();
    const earlier = new Date(Date.now() - 60_000).toISOString();

    expect(await readings(`/api/v1/devices/${watch.id}/readings?from=${later}&to=${earlier}`)).toMatchObject({ status: 400, body: { error: { code: 'READINGS_RANGE_INVALID' } } });
    expect(await readings(`/api/v1/devices/${watch.id}/readings?metric=bloodPressure`)).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    expect(await readings(`/api/v1/devices/${watch.id}/readings?from=yesterday`)).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    expect(await readings('/api/v1/devices/wearable-unknown/readings')).toMatchObject({ status: 404, body: { error: { code: 'DEVICE_NOT_FOUND' } } });
    expect(await readings('/api/v1/elders/nobody/readings')).toMatchObject({ status: 404, body: { error: { code: 'ELDER_NOT_FOUND' } } });
    expect((await gw.api.request('GET', `/api/v1/devices/${watch.id}/readings`, undefined, null)).status).toBe(401);
  });

  it("when a desk outside the elder's region or a responder asks, then the reply is 403, while the elder's own town desk sees the readings", async () => {
    const watch = await connectDevice(gw, network.elderA.id, 'wearable');
    await sendAt(watch, 'telemetry', 'vitals', Date.now() - 1000, { heartRate: 66 });
    await eventually(() => readings(`/api/v1/devices/${watch.id}/readings`), (r) => r.body.series.length === 1);

    const outside = network.responderB.api;
    expect(await readings(`/api/v1/elders/${network.elderA.id}/readings`, outside)).toMatchObject({ status: 403 });
    const ownTownDesk = await readings(`/api/v1/devices/${watch.id}/readings`, network.supervisorA.api);
    expect(ownTownDesk).toMatchObject({ status: 200 });
    expect(await readings(`/api/v1/devices/${watch.id}/readings`, network.responderA.api)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_ROLE' } } });
    const elderB = await readings(`/api/v1/elders/${network.elderB.id}/readings`, network.operatorA.api);
    expect(elderB).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
  });

  it('when readings were taken, then /metrics counts them per sink and /readyz reports the sinks without failing', async () => {
    const elderId = await registerElder(gw);
    const watch = await connectDevice(gw, elderId, 'wearable');
    await sendAt(watch, 'telemetry', 'vitals', Date.now(), { heartRate: 70 });

    const metrics = await eventually(
      async () => (await fetch(`${gw.httpUrl}/metrics`)).text(),
      (text) => /gateway_telemetry_points_written_total\{sink="recent_window"\} [1-9]/.test(text),
    );
    expect(metrics).toContain('gateway_telemetry_points_shed_total');
    const ready = await fetch(`${gw.httpUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', telemetry: { recent_window: { status: 'ok' } } });
  });
});
