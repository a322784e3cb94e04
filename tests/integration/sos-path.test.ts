import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive } from '../support/live-client.js';
import { connectedButton, registerHome } from '../support/registered-button.js';
import { binaryMissing } from '../support/system-binaries.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The SOS path end to end over real TCP: a device, the aedes broker, the store, the REST API and the live hub.

const run = promisify(execFile);
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

const port = () => String(new URL(gw.mqttUrl).port);

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${gw.httpUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe.skipIf(binaryMissing('/usr/bin/mosquitto_pub', 'apt-get install -y mosquitto-clients'))('with mosquitto_pub as the device', () => {
  it('when a registered device publishes sos with its secret, then the desk sees alert.raised live and the API lists it', async () => {
    const home = await registerHome(gw);
    const live = await connectLive(gw.httpUrl, gw.adminToken);
    const payload = JSON.stringify({ msgId: 'mp-1', ts: Date.now(), type: 'sos' });
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port(), '-i', home.deviceId, '-u', home.deviceId, '-P', home.secret, '-q', '1', '-t', `devices/${home.deviceId}/events`, '-m', payload]);

    const raised = await live.waitFor((e) => e.type === 'alert.raised' && e.alert.deviceId === home.deviceId);
    live.close();
    expect(raised).toMatchObject({ alert: { type: 'sos', priority: 1, status: 'raised', elder: { id: home.elder.id, name: home.elder.name } } });
    const open = await gw.api.listAlerts('open');
    expect(open.filter((a) => a.deviceId === home.deviceId)).toHaveLength(1);
  });

  it('when mosquitto_pub uses a wrong secret, then CONNECT is refused and no alert is raised', async () => {
    const home = await registerHome(gw);
    const refused = run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port(), '-i', home.deviceId, '-u', home.deviceId, '-P', 'not-the-secret', '-q', '1', '-t', `devices/${home.deviceId}/events`, '-m', JSON.stringify({ msgId: 'x', ts: Date.now(), type: 'sos' })]);
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringMatching(/not authori[sz]ed|bad user name or password|Connection Refused/i) });
    expect((await gw.api.listAlerts('all')).filter((a) => a.deviceId === home.deviceId)).toHaveLength(0);
  });
});

describe('with MQTT.js as the device', () => {
  it('when an unknown device or a wrong secret connects, then CONNACK refuses it with code 4', async () => {
    const home = await registerHome(gw);
    for (const [id, secret] of [['no-such-device', 'x'], [home.deviceId, 'wrong']] as const) {
      const attempt = mqtt.connectAsync(gw.mqttUrl, { clientId: id, username: id, password: secret, reconnectPeriod: 0 });
      await expect(attempt).rejects.toMatchObject({ code: 4 });
    }
    expect(await metric('gateway_mqtt_connections_refused_total{reason="bad_credentials"}')).toBeGreaterThanOrEqual(2);
  });

  it('when the client id differs from the username, then CONNACK refuses it with code 5', async () => {
    const home = await registerHome(gw);
    const attempt = mqtt.connectAsync(gw.mqttUrl, { clientId: 'someone-else', username: home.deviceId, password: home.secret, reconnectPeriod: 0 });
    await expect(attempt).rejects.toMatchObject({ code: 5 });
  });

  it("when a device publishes to another device's topic, then it is disconnected and the other elder gets no alert", async () => {
    const attacker = await registerHome(gw);
    const victim = await registerHome(gw);
    const client = await mqtt.connectAsync(gw.mqttUrl, { clientId: attacker.deviceId, username: attacker.deviceId, password: attacker.secret, reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(`devices/${victim.deviceId}/events`, JSON.stringify({ msgId: 'evil', ts: Date.now(), type: 'sos' }), { qos: 1 });
    await closed;
    await client.endAsync(true);
    expect((await gw.api.listAlerts('all')).filter((a) => a.deviceId === victim.deviceId || a.elder.id === victim.elder.id)).toHaveLength(0);
    expect(await metric('gateway_mqtt_access_denied_total{operation="publish"}')).toBeGreaterThanOrEqual(1);
  });

  it("when a device subscribes to another device's commands, then that subscription is refused and its own is granted", async () => {
    const home = await registerHome(gw);
    const client = await mqtt.connectAsync(gw.mqttUrl, { clientId: home.deviceId, username: home.deviceId, password: home.secret, reconnectPeriod: 0 });
    // MQTT.js rejects a SUBACK that refuses any topic; the refusal codes are on the packet it carries.
    const suback = await client
      .subscribeAsync(['devices/other/commands', `devices/${home.deviceId}/commands`, 'devices/#'], { qos: 1 })
      .then(() => null, (err: { packet?: { granted?: number[] } }) => err.packet);
    await client.endAsync();
    expect(suback?.granted).toEqual([128, 1, 128]);
  });

  it('when the same msgId arrives twice, then there is one alert with count 1', async () => {
    const home = await registerHome(gw);
    const button = await connectedButton(gw, home);
    await button.publish('events', { type: 'sos' }, 'same-id');
    await button.publish('events', { type: 'sos' }, 'same-id');
    const alerts = (await gw.api.listAlerts('all')).filter((a) => a.deviceId === home.deviceId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.count).toBe(1);
    expect(await metric('gateway_mqtt_duplicate_messages_total')).toBeGreaterThanOrEqual(1);
  });

  it('when sos is pressed again with a new msgId while the alert is open, then the same alert counts 2', async () => {
    const home = await registerHome(gw);
    const button = await connectedButton(gw, home);
    await button.pressSos();
    await button.pressSos();
    const alerts = (await gw.api.listAlerts('open')).filter((a) => a.deviceId === home.deviceId);
    expect(alerts.map((a) => a.count)).toEqual([2]);
  });

  it('when malformed payloads arrive, then each is acknowledged, counted by reason (a malformed SOS salvaged, its alarm raised), and the gateway keeps serving', async () => {
    const home = await registerHome(gw);
    const client = await mqtt.connectAsync(gw.mqttUrl, { clientId: home.deviceId, username: home.deviceId, password: home.secret, reconnectPeriod: 0 });
    const topic = `devices/${home.deviceId}/events`;
    const before = {
      json: await metric('gateway_mqtt_messages_rejected_total{reason="payload_not_json"}'),
      invalid: await metric('gateway_mqtt_messages_rejected_total{reason="payload_invalid"}'),
      utf8: await metric('gateway_mqtt_messages_rejected_total{reason="payload_not_utf8"}'),
      large: await metric('gateway_mqtt_messages_rejected_total{reason="payload_too_large"}'),
      salvaged: await metric('gateway_mqtt_messages_salvaged_total{type="sos"}'),
    };
    await client.publishAsync(topic, '{"msgId": "broken', { qos: 1 });
    await client.publishAsync(topic, JSON.stringify({ msgId: 'm', ts: 'yesterday', type: 'sos' }), { qos: 1 });
    await client.publishAsync(topic, JSON.stringify({ msgId: 'm2', ts: Date.now(), type: 'sos', extra: { deep: [[[[1]]]] } }), { qos: 1 });
    await client.publishAsync(topic, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { qos: 1 });
    await client.publishAsync(topic, Buffer.alloc(64 * 1024, 0x20), { qos: 1 });
    await client.endAsync();

    expect(await metric('gateway_mqtt_messages_rejected_total{reason="payload_not_json"}')).toBe(before.json + 1);
    // The SOS with an unreadable time and the one with an extra field are life-safety: salvaged, not refused
    // (docs/device-protocol.md, 7.2): one alarm, pressed twice, with the defects on it.
    expect(await metric('gateway_mqtt_messages_rejected_total{reason="payload_invalid"}')).toBe(before.invalid);
    expect(await metric('gateway_mqtt_messages_salvaged_total{type="sos"}')).toBe(before.salvaged + 2);
    expect(await metric('gateway_mqtt_messages_rejected_total{reason="payload_not_utf8"}')).toBe(before.utf8 + 1);
    expect(await metric('gateway_mqtt_messages_rejected_total{reason="payload_too_large"}')).toBe(before.large + 1);
    const salvaged = (await gw.api.listAlerts('all')).filter((a) => a.deviceId === home.deviceId);
    expect(salvaged.map((a) => [a.type, a.count, a.context['inputDefects']])).toEqual([['sos', 2, 'extra_fields']]);
    expect((await fetch(`${gw.httpUrl}/readyz`)).status).toBe(200);

    const button = await connectedButton(gw, home);
    await button.pressSos();
    expect((await gw.api.listAlerts('open')).filter((a) => a.deviceId === home.deviceId).map((a) => a.count)).toEqual([3]);
  });

  it('when the elder cancels within the window, then the alert is cancelled, still listed and audited', async () => {
    const home = await registerHome(gw);
    const button = await connectedButton(gw, home);
    await button.pressSos();
    await button.cancel();
    const [alert] = (await gw.api.listAlerts('cancelled')).filter((a) => a.deviceId === home.deviceId);
    expect(alert?.status).toBe('cancelled');
    const detail = await gw.api.getAlert(alert!.id);
    expect(detail.timeline.map((t) => [t.action, t.actor])).toEqual([
      ['raised', `device:${home.deviceId}`],
      ['cancelled', `device:${home.deviceId}`],
    ]);
  });

  it('when a heartbeat arrives, then the desk sees the device online with its battery', async () => {
    const home = await registerHome(gw);
    const live = await connectLive(gw.httpUrl, gw.adminToken);
    const button = await connectedButton(gw, home);
    await button.heartbeat(63);
    const status = await live.waitFor((e) => e.type === 'device.status' && e.device.deviceId === home.deviceId && e.device.battery === 63);
    live.close();
    expect(status).toMatchObject({ device: { online: true, elderId: home.elder.id } });
  });

  it('when a device drops without DISCONNECT and is not back within the grace, then the desk sees it offline', async () => {
    // Its own gateway with a short grace: the desk is told offline only once the grace has passed (issue 28, item 7).
    const short = await startTestGateway({ OFFLINE_GRACE_SECONDS: '0.5', DEADLINE_TICK_MS: '50' });
    try {
      const home = await registerHome(short);
      const button = await connectedButton(short, home);
      await button.heartbeat(80);
      const live = await connectLive(short.httpUrl, short.adminToken);
      button.dropConnection();
      const offline = await live.waitFor((e) => e.type === 'device.status' && e.device.deviceId === home.deviceId && !e.device.online);
      live.close();
      expect(offline).toMatchObject({ device: { battery: 80 } });
    } finally {
      await short.close();
    }
  });
});
