import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openStore } from '../../gateway/src/adapters/db/open-store.js';
import { loadConfig } from '../../gateway/src/config.js';
import { eventually, registerElder } from '../support/mqtt-device.js';
import { mosquittoMissing, startMosquitto, writeMosquittoFiles, type RunningMosquitto } from '../support/mosquitto.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// One gateway consuming from an external Mosquitto (MQTT_URL) with its embedded SQLite store: the smallest external
// broker set-up. The broker restarts under it (an upgrade, a crash): the gateway's consumers must reconnect by
// themselves and go on taking alarms, including those the broker kept for them while it was down.

const GATEWAY = { username: 'gateway', password: 'gateway-password-for-tests-0123456789' };

describe.skipIf(mosquittoMissing())('external broker, one instance', () => {
  let broker: RunningMosquitto;
  let gw: TestGateway;
  const devices: MqttClient[] = [];

  beforeAll(async () => {
    broker = await startMosquitto({ devices: [], gatewayUsername: GATEWAY.username, gatewayPassword: GATEWAY.password });
    gw = await startTestGateway({ MQTT_URL: broker.url, MQTT_PASSWORD: GATEWAY.password, GATEWAY_INSTANCE_ID: 'solo', MQTT_CONSUMERS: '2' });
  });
  afterAll(async () => {
    await Promise.allSettled(devices.map((d) => d.endAsync(true)));
    await gw?.close();
    await broker?.stop();
  });

  async function registeredButton(): Promise<{ id: string; client: MqttClient }> {
    const elderId = await registerElder(gw);
    const device = await gw.api.createDevice({ elderId, kind: 'call_button' });
    const store = await openStore(loadConfig({ DATA_DIR: gw.dataDir }));
    await writeMosquittoFiles(broker, { devices: await store.listDevices(), gatewayUsername: GATEWAY.username, gatewayPassword: GATEWAY.password });
    await store.close();
    broker.reload();
    const client = await eventually(
      () => mqtt.connectAsync(broker.url, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 500, clean: false }).catch(() => null),
      (c) => c !== null,
      5000,
    );
    devices.push(client!);
    return { id: device.id, client: client! };
  }

  const sos = (d: { id: string; client: MqttClient }, msgId: string) =>
    d.client.publishAsync(`devices/${d.id}/events`, JSON.stringify({ msgId, ts: Date.now(), type: 'sos' }), { qos: 1 });
  const alertsOf = async (deviceId: string) => (await gw.api.listAlerts('all')).filter((a) => a.deviceId === deviceId);

  it('when a button presses SOS through Mosquitto, then the gateway raises the alert', async () => {
    const button = await registeredButton();
    await sos(button, 'first');
    await eventually(() => alertsOf(button.id), (alerts) => alerts.length === 1, 5000);
  });

  it('when Mosquitto restarts, then the consumers reconnect by themselves, readiness comes back, and SOS presses before and after are alerts', { timeout: 40_000 }, async () => {
    const before = await registeredButton();
    const after = await registeredButton();
    await broker.restart('graceful');
    await eventually(async () => (await fetch(`${gw.httpUrl}/readyz`)).status, (status) => status === 200, 15_000);
    await sos(before, 'after-restart-1');
    await sos(after, 'after-restart-2');
    await eventually(async () => [...(await alertsOf(before.id)), ...(await alertsOf(after.id))], (alerts) => alerts.length === 2, 10_000);
  });
});
