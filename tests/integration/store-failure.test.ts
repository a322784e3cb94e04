import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WsEvent } from '../../schemas/index.js';
import { connectLive } from '../support/live-client.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { registerHome } from '../support/registered-button.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The store cannot write: alarms are refused at the PUBACK (the device keeps and resends them), and the desk is told
// at once, not left looking at a calm screen. The fault is real: a second connection holds SQLite's write lock.

type StoreStatus = Extract<WsEvent, { type: 'store.status' }>;
const isStoreStatus = (failing: boolean) => (e: WsEvent): e is StoreStatus => e.type === 'store.status' && e.failing === failing;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

describe('when the store cannot write', () => {
  it('when an SOS cannot be stored, then it is not acknowledged, the desk and /readyz say the store fails, and the resent SOS is one alert once it writes again', { timeout: 40_000 }, async () => {
    const home = await registerHome(gw);
    const desk = await connectLive(gw.httpUrl, gw.adminToken);
    const device = await mqtt.connectAsync(gw.mqttUrl, { clientId: home.deviceId, username: home.deviceId, password: home.secret, clean: false, reconnectPeriod: 300 });
    const locker = new Database(join(gw.dataDir, 'gateway.sqlite'));
    locker.pragma('busy_timeout = 0');
    locker.prepare('BEGIN IMMEDIATE').run();

    let acknowledged = false;
    const published = device
      .publishAsync(`devices/${home.deviceId}/events`, JSON.stringify({ msgId: 'sos-store-down', ts: Date.now(), type: 'sos' }), { qos: 1 })
      .then(() => (acknowledged = true));

    const told = await desk.waitFor(isStoreStatus(true), 15_000);
    expect(Date.parse(told.since)).toBeGreaterThan(0);
    expect(acknowledged).toBe(false);
    const ready = await fetch(`${gw.httpUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { store: 'writes_failing' } });

    // A desk that connects now hears it right after its snapshot.
    const lateDesk = await connectLive(gw.httpUrl, gw.adminToken);
    await lateDesk.waitFor(isStoreStatus(true), 5_000);
    expect(lateDesk.events[0]?.type).toBe('snapshot');

    locker.prepare('COMMIT').run();
    locker.close();
    await published; // MQTT.js resends the unacknowledged SOS after the gateway closed the connection
    await desk.waitFor(isStoreStatus(false), 10_000);
    const raised = await desk.waitFor((e) => e.type === 'alert.raised' && e.alert.deviceId === home.deviceId, 10_000);
    expect(raised.type).toBe('alert.raised');
    expect((await fetch(`${gw.httpUrl}/readyz`)).status).toBe(200);
    const alerts = (await gw.api.listAlerts('open')).filter((a) => a.deviceId === home.deviceId);
    expect(alerts.map((a) => a.count)).toEqual([1]);
    await device.endAsync();
    desk.close();
    lateDesk.close();
  });
});

describe.skipIf(postgresMissing())('when PostgreSQL is gone', () => {
  let postgres: PostgresCluster;
  let pgw: TestGateway;
  beforeAll(async () => {
    postgres = await startPostgres();
    pgw = await startTestGateway({ DATABASE_URL: await postgres.newDatabase() });
  });
  afterAll(async () => {
    await pgw?.close();
    await postgres?.stop();
  });

  it('when PostgreSQL goes down under an SOS, then it is not acknowledged, the desk is told, and once it is back the resent SOS is one alert', { timeout: 60_000 }, async () => {
    const home = await registerHome(pgw);
    const desk = await connectLive(pgw.httpUrl, pgw.adminToken);
    const device = await mqtt.connectAsync(pgw.mqttUrl, { clientId: home.deviceId, username: home.deviceId, password: home.secret, clean: false, reconnectPeriod: 300 });
    await desk.waitFor((e) => e.type === 'snapshot');
    await postgres.pause();

    let acknowledged = false;
    const published = device
      .publishAsync(`devices/${home.deviceId}/events`, JSON.stringify({ msgId: 'sos-postgres-down', ts: Date.now(), type: 'sos' }), { qos: 1 })
      .then(() => (acknowledged = true));
    await desk.waitFor(isStoreStatus(true), 15_000);
    expect(acknowledged).toBe(false);
    expect((await fetch(`${pgw.httpUrl}/readyz`)).status).toBe(503);

    await postgres.resume();
    await published;
    await desk.waitFor(isStoreStatus(false), 15_000);
    await desk.waitFor((e) => e.type === 'alert.raised' && e.alert.deviceId === home.deviceId, 10_000);
    const alerts = (await pgw.api.listAlerts('open')).filter((a) => a.deviceId === home.deviceId);
    expect(alerts.map((a) => a.count)).toEqual([1]);
    await device.endAsync();
    desk.close();
  });
});
