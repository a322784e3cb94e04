import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WsEvent } from '../../schemas/index.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { connectDevice, eventually, registerElder, type TestDevice } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { startVictoriaMetrics, victoriaMetricsMissing, type VictoriaMetrics } from '../support/victoria-metrics.js';

// The whole gateway with INFLUX_URL set, against Debian's VictoriaMetrics (InfluxDB 2 write API): a watch streams
// vitals over real MQTT, the endpoint is stopped in the middle of the stream and started again. Every reading must
// land exactly once or be counted as shed, and SOS alarms raised while it is down must reach the desk as fast as
// before. VictoriaMetrics runs without deduplication here, so a reading written twice would show as two samples.

const READINGS = 1200;

/** A counter or gauge of the gateway's /metrics, summed over the label sets that contain `labels`. */
async function metric(gw: TestGateway, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${gw.httpUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const readiness = async (gw: TestGateway) => {
  const reply = await fetch(`${gw.httpUrl}/readyz`);
  return { status: reply.status, body: (await reply.json()) as { telemetry: Record<string, { status: string }> } };
};

describe.skipIf(victoriaMetricsMissing())('telemetry to InfluxDB through an outage', () => {
  let vm: VictoriaMetrics;
  let gw: TestGateway;
  let live: LiveClient;

  beforeAll(async () => {
    vm = await startVictoriaMetrics();
    gw = await startTestGateway({
      INFLUX_URL: vm.url,
      INFLUX_BATCH_SIZE: '100',
      INFLUX_FLUSH_MS: '50',
      INFLUX_RETRY_MAX_DELAY_MS: '400',
      // One watch streams 1,200 readings as fast as they are acknowledged: far over a real watch's rate.
      DEVICE_MAX_MESSAGES_PER_MINUTE: '100000',
      DEVICE_BURST_MESSAGES: '2000',
    });
    live = await connectLive(gw.httpUrl, gw.adminToken);
  });
  afterAll(async () => {
    live?.close();
    await gw?.close();
    await vm?.dispose();
  });

  /** Presses SOS on the button and resolves with the milliseconds until the desk saw alert.raised. */
  async function sosLatency(button: TestDevice): Promise<number> {
    const pressedAt = performance.now();
    await button.send('events', 'sos');
    await live.waitFor((e: WsEvent) => e.type === 'alert.raised' && e.alert.deviceId === button.id, 5000);
    return performance.now() - pressedAt;
  }

  it('when the endpoint is stopped mid-stream and started again, then every reading lands once or is counted shed, and SOS alarms meanwhile reach the desk as fast as before', async () => {
    const watch = await connectDevice(gw, await registerElder(gw), 'wearable');
    const buttons = [await connectDevice(gw, await registerElder(gw), 'call_button'), await connectDevice(gw, await registerElder(gw), 'call_button')];
    const start = Date.now() - 30 * 60_000;
    const send = (i: number) =>
      watch.client.publishAsync(
        `devices/${watch.id}/telemetry`,
        JSON.stringify({ msgId: randomUUID(), ts: start + i * 1000, type: 'vitals', heartRate: 60 + (i % 30) }),
        { qos: 1 },
      );

    const before = await sosLatency(buttons[0]!);
    for (let i = 0; i < READINGS / 2; i++) await send(i);
    await vm.stop('SIGTERM');
    for (let i = READINGS / 2; i < (READINGS * 3) / 4; i++) await send(i);

    const degraded = await eventually(() => readiness(gw), (r) => r.body.telemetry.influxdb?.status === 'degraded', 10_000);
    expect(degraded.status).toBe(200); // alarms still flow: the gateway stays ready
    const during = await sosLatency(buttons[1]!);
    for (let i = (READINGS * 3) / 4; i < READINGS; i++) await send(i);
    expect(await metric(gw, 'gateway_telemetry_spool_batches', 'sink="influxdb"')).toBeGreaterThan(0);

    await vm.start();
    await eventually(
      async () => (await metric(gw, 'gateway_telemetry_points_written_total', 'sink="influxdb"')) + (await metric(gw, 'gateway_telemetry_points_shed_total', 'sink="influxdb"')),
      (accounted) => accounted === READINGS,
      20_000,
    );
    expect(await metric(gw, 'gateway_telemetry_spool_batches', 'sink="influxdb"')).toBe(0);
    expect((await readiness(gw)).body.telemetry.influxdb?.status).toBe('ok');

    const shed = await metric(gw, 'gateway_telemetry_points_shed_total', 'sink="influxdb"');
    const [series] = await vm.exportSeries(`vitals_heart_rate{device_id="${watch.id}"}`);
    expect(series?.metric).toMatchObject({ device_kind: 'wearable', elder_id: watch.elderId });
    expect(series!.timestamps).toHaveLength(READINGS - shed);
    expect(new Set(series!.timestamps).size).toBe(series!.timestamps.length);
    expect(shed).toBe(0); // a 256 MB spool holds a few hundred readings with room to spare
    const stored = new Map(series!.timestamps.map((t, k) => [t, series!.values[k]]));
    for (const i of [0, READINGS / 2, READINGS - 1]) expect(stored.get(start + i * 1000)).toBe(60 + (i % 30));

    // Alarms did not wait for telemetry. Not a speed measurement (bench/ does that): an alarm held up by the sink
    // would wait for a write's 10 s timeout or a retry's backoff, so a second is a wide, stable line between the two.
    expect(before).toBeLessThan(1000);
    expect(during).toBeLessThan(1000);
  }, 60_000);
});
