import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgStore } from '../../gateway/src/adapters/db/pg/store.js';
import { listenToCommands } from '../support/device-commands.js';
import { eventually } from '../support/mqtt-device.js';
import { mosquittoMissing, startMosquitto, writeMosquittoFiles, type RunningMosquitto } from '../support/mosquitto.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { scrape } from '../support/metric-reader.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Feedback to the caller with two instances on one PostgreSQL and one Mosquitto (docs/scale-out.md): the instance
// that committed a change sends its feedback, so the device hears each step once although both instances see the
// change (the other one only through the cluster link, for its desks).

const GATEWAY = { username: 'gateway', password: 'gateway-password-for-tests-0123456789' };
const skip = postgresMissing() || mosquittoMissing();
if (skip) console.warn('device-feedback-scale-out: PostgreSQL or mosquitto is not installed; skipped (scripts/install-test-services.sh)');

describe.skipIf(skip)('feedback to the caller, two instances', () => {
  let postgres: PostgresCluster;
  let broker: RunningMosquitto;
  const gateways: TestGateway[] = [];
  let device: MqttClient | undefined;
  let databaseUrl: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await postgres.newDatabase();
    broker = await startMosquitto({ devices: [], gatewayUsername: GATEWAY.username, gatewayPassword: GATEWAY.password });
    for (const name of ['a', 'b']) {
      gateways.push(await startTestGateway({ DATABASE_URL: databaseUrl, MQTT_URL: broker.url, MQTT_PASSWORD: GATEWAY.password, GATEWAY_INSTANCE_ID: name }));
    }
  }, 60_000);
  afterAll(async () => {
    await device?.endAsync(true);
    for (const gw of gateways.reverse()) await gw.close();
    await broker?.stop();
    await postgres?.stop();
  });

  it('when a button presses SOS through one instance and the alert is acknowledged and resolved on the other, then the button hears each step exactly once', { timeout: 40_000 }, async () => {
    const [a, b] = gateways as [TestGateway, TestGateway];
    const elder = await a.api.createElder({ name: '测试老人甲', address: '城关镇幸福社区1号', riskCategory: 'alone' });
    const registered = await a.api.createDevice({ elderId: elder.id, kind: 'call_button' });
    const pg = await createPgStore(databaseUrl);
    await writeMosquittoFiles(broker, { devices: await pg.listDevices(), gatewayUsername: GATEWAY.username, gatewayPassword: GATEWAY.password });
    await pg.close();
    broker.reload();
    device = (await eventually(
      () => mqtt.connectAsync(broker.url, { clientId: registered.id, username: registered.id, password: registered.secret, reconnectPeriod: 0 }).catch(() => null),
      (c) => c !== null,
      5000,
    ))!;
    const inbox = await listenToCommands(device, registered.id);

    await device.publishAsync(`devices/${registered.id}/events`, JSON.stringify({ msgId: 'so-1', ts: Date.now(), type: 'sos' }), { qos: 1 });
    const received = await inbox.waitFor((c) => c.type === 'alarm_received', 10_000);
    // Acknowledged and resolved through b, whichever instance took the press.
    expect((await b.api.ack(received.alertId!)).status).toBe(200);
    await inbox.waitFor((c) => c.type === 'alarm_acknowledged', 10_000);
    expect((await b.api.resolve(received.alertId!, '电话确认')).status).toBe(200);
    await inbox.waitFor((c) => c.type === 'alarm_closed', 10_000);
    // Anything sent twice would have arrived by now, beside the later steps.
    await new Promise((r) => setTimeout(r, 500));
    expect(inbox.received.map((c) => c.type)).toEqual(['alarm_received', 'alarm_acknowledged', 'alarm_closed']);
    const sent = await Promise.all(gateways.map(async (gw) => (await scrape(gw.httpUrl)).sum('gateway_device_feedback_total', 'outcome="sent"')));
    expect(sent[0]! + sent[1]!).toBe(3);
  });
});
