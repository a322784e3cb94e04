import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHome } from '../support/registered-button.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// When the store cannot commit, the device must not get a PUBACK: it keeps the message and sends it again.
// The fault is real: a second connection holds SQLite's write lock, so the gateway's commit fails with SQLITE_BUSY.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

describe('acknowledge after commit', () => {
  it('when the store cannot commit an SOS, then no PUBACK is sent, and the resent message raises exactly one alert once the store is back', { timeout: 30_000 }, async () => {
    const home = await registerHome(gw);
    const device = await mqtt.connectAsync(gw.mqttUrl, {
      clientId: home.deviceId,
      username: home.deviceId,
      password: home.secret,
      clean: false,
      reconnectPeriod: 300,
    });
    const locker = new Database(join(gw.dataDir, 'gateway.sqlite'));
    locker.pragma('busy_timeout = 0');
    locker.prepare('BEGIN IMMEDIATE').run();

    let acknowledged = false;
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
    const published = device
      .publishAsync(`devices/${home.deviceId}/events`, JSON.stringify({ msgId: 'sos-during-outage', ts: Date.now(), type: 'sos' }), { qos: 1 })
      .then(() => (acknowledged = true));

    await closed; // the gateway closed the connection instead of acknowledging
    expect(acknowledged).toBe(false);
    expect((await gw.api.listAlerts('all')).filter((a) => a.deviceId === home.deviceId)).toHaveLength(0);
    const metrics = await (await fetch(`${gw.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/gateway_ingest_failures_total [1-9]/);

    locker.prepare('COMMIT').run();
    locker.close();
    await published; // MQTT.js resends the unacknowledged message after reconnecting
    await device.endAsync();
    const alerts = (await gw.api.listAlerts('open')).filter((a) => a.deviceId === home.deviceId);
    expect(alerts.map((a) => a.count)).toEqual([1]);
  });
});
