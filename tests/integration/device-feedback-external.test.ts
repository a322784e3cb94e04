import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../gateway/src/adapters/db/open-store.js';
import { loadConfig } from '../../gateway/src/config.js';
import { deviceFeedbackSchema } from '../../schemas/index.js';
import { createPerson, rootRegion, type Person } from '../support/care-network.js';
import { listenToCommands, type CommandInbox } from '../support/device-commands.js';
import { eventually, registerElder } from '../support/mqtt-device.js';
import { mosquittoMissing, startMosquitto, writeMosquittoFiles, type RunningMosquitto } from '../support/mosquitto.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Feedback to the caller (issue 22) with an external Mosquitto (MQTT_URL): the gateway's consumer client publishes
// on the device's commands topic, which the generated ACL lets the device read and the gateway write.
// Needs Debian's mosquitto (scripts/install-test-services.sh); skipped with a message without it.

const GATEWAY = { username: 'gateway', password: 'gateway-password-for-tests-0123456789' };

if (mosquittoMissing()) console.warn('device-feedback-external: mosquitto is not installed; skipped (scripts/install-test-services.sh)');

describe.skipIf(mosquittoMissing())('feedback to the caller, external broker', () => {
  let broker: RunningMosquitto;
  let gw: TestGateway;
  let responder: Person;
  const devices: MqttClient[] = [];

  beforeAll(async () => {
    broker = await startMosquitto({ devices: [], gatewayUsername: GATEWAY.username, gatewayPassword: GATEWAY.password });
    gw = await startTestGateway({ MQTT_URL: broker.url, MQTT_PASSWORD: GATEWAY.password, GATEWAY_INSTANCE_ID: 'solo', DISPATCH_ACCEPT_SECONDS: '86400' });
    responder = await createPerson(gw, 'resp-feedback-ext', { displayName: '护理员赵', role: 'responder', regionId: (await rootRegion(gw)).id, responderKind: 'care_worker', phone: '13800000000' });
  }, 30_000);
  afterAll(async () => {
    await Promise.allSettled(devices.map((d) => d.endAsync(true)));
    await gw?.close();
    await broker?.stop();
  });

  async function registeredButton(): Promise<{ id: string; client: MqttClient; inbox: CommandInbox }> {
    const elderId = await registerElder(gw);
    const device = await gw.api.createDevice({ elderId, kind: 'call_button' });
    const store = await openStore(loadConfig({ DATA_DIR: gw.dataDir }));
    await writeMosquittoFiles(broker, { devices: await store.listDevices(), gatewayUsername: GATEWAY.username, gatewayPassword: GATEWAY.password });
    await store.close();
    broker.reload();
    const client = await eventually(
      () => mqtt.connectAsync(broker.url, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0 }).catch(() => null),
      (c) => c !== null,
      5000,
    );
    devices.push(client!);
    return { id: device.id, client: client!, inbox: await listenToCommands(client!, device.id) };
  }

  const press = (d: { id: string; client: MqttClient }, type: string, msgId: string, fields: Record<string, unknown> = {}) =>
    d.client.publishAsync(`devices/${d.id}/${type === 'heartbeat' ? 'status' : 'events'}`, JSON.stringify({ msgId, ts: Date.now(), type, ...fields }), { qos: 1 });
  const openAlertOf = async (deviceId: string) => (await gw.api.listAlerts('open')).find((a) => a.deviceId === deviceId && a.priority === 1);

  it('when a button presses SOS, presses again, and the alert is acknowledged, accepted and resolved, then the button hears every step through Mosquitto', { timeout: 30_000 }, async () => {
    const button = await registeredButton();
    await press(button, 'sos', 'ext-sos-1');
    const alert = (await eventually(() => openAlertOf(button.id), (a) => a !== undefined))!;
    await button.inbox.waitFor((c) => c.alertId === alert.id && c.type === 'alarm_received');
    await press(button, 'sos', 'ext-sos-2');
    await eventually(async () => button.inbox.received.filter((c) => c.type === 'alarm_received').length, (n) => n === 2);

    expect((await gw.api.ack(alert.id)).status).toBe(200);
    await button.inbox.waitFor((c) => c.alertId === alert.id && c.type === 'alarm_acknowledged');
    expect((await gw.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: responder.user.id })).status).toBe(200);
    expect((await responder.api.request('POST', `/api/v1/alerts/${alert.id}/accept`)).status).toBe(200);
    expect(await button.inbox.waitFor((c) => c.alertId === alert.id && c.type === 'help_on_the_way')).toMatchObject({ etaMinutes: null });
    expect((await gw.api.resolve(alert.id, '电话确认')).status).toBe(200);
    expect(await button.inbox.waitFor((c) => c.alertId === alert.id && c.type === 'alarm_closed')).toMatchObject({ outcome: 'resolved' });

    expect(button.inbox.received.map((c) => c.type)).toEqual(['alarm_received', 'alarm_received', 'alarm_acknowledged', 'help_on_the_way', 'alarm_closed']);
    for (const command of button.inbox.received) expect(deviceFeedbackSchema.safeParse(command).success).toBe(true);
  });

  it('when a button reports a low battery (P3), then it hears nothing', { timeout: 20_000 }, async () => {
    const button = await registeredButton();
    for (const [n, level] of [15, 12, 10, 9].entries()) await press(button, 'heartbeat', `ext-hb-${n}`, { battery: level });
    await eventually(() => gw.api.listAlerts('open'), (alerts) => alerts.some((a) => a.deviceId === button.id && a.type === 'low_battery'));
    // An SOS after it is heard: had the low battery been told, it would have come first.
    await press(button, 'sos', 'ext-sos-after-battery');
    await button.inbox.waitFor((c) => c.type === 'alarm_received');
    expect(button.inbox.received.map((c) => c.type)).toEqual(['alarm_received']);
  });
});
