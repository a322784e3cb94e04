import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mqtt, { type IClientOptions } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import WebSocket from 'ws';
import type { WsEvent } from '../../schemas/index.js';
import { fetchTrusting, makeDevCerts, type DevCerts } from '../support/dev-certs.js';
import { connectDevice, eventually, registerElder } from '../support/mqtt-device.js';
import { binaryMissing } from '../support/system-binaries.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Transport security end to end (docs/tls.md): certificates made by scripts/make-dev-certs.sh with real openssl,
// a gateway serving HTTPS, wss and MQTT over TLS beside plain MQTT, devices proving who they are with their secret
// or a client certificate.

const run = promisify(execFile);
const plainFetch = globalThis.fetch;
const tmp = mkdtempSync(join(tmpdir(), 'tls-test-'));
const suffix = randomUUID().slice(0, 8);
/** Device ids fixed in advance, so their certificates can be made before the devices are registered. */
const ids = {
  secretButton: `tls-secret-${suffix}`,
  certButton: `tls-cert-${suffix}`,
  otherButton: `tls-other-${suffix}`,
  foreignCaButton: `tls-foreign-${suffix}`,
  strictButton: `tls-strict-${suffix}`,
  mosquittoCert: `tls-mp-cert-${suffix}`,
  mosquittoSecret: `tls-mp-secret-${suffix}`,
};
let certs: DevCerts;
/** A second, unrelated CA: its certificates carry the right names but prove nothing to the gateway. */
let foreignCerts: DevCerts;
let either: TestGateway;
let strict: TestGateway;

function tlsConfig(deviceAuth: 'either' | 'certificate') {
  return { TLS_CERT_FILE: certs.certFile, TLS_KEY_FILE: certs.keyFile, TLS_CA_FILE: certs.caFile, MQTT_TLS_PORT: '0', MQTT_DEVICE_AUTH: deviceAuth };
}

beforeAll(async () => {
  certs = await makeDevCerts(join(tmp, 'dev'), [ids.certButton, ids.otherButton, ids.strictButton, ids.mosquittoCert]);
  foreignCerts = await makeDevCerts(join(tmp, 'foreign'), [ids.foreignCaButton]);
  // The tests' API client uses the global fetch: let it trust the development CA, and nothing else.
  vi.stubGlobal('fetch', fetchTrusting(certs.ca));
  either = await startTestGateway(tlsConfig('either'));
  strict = await startTestGateway(tlsConfig('certificate'));
});
afterAll(async () => {
  await either?.close();
  await strict?.close();
  vi.unstubAllGlobals();
  rmSync(tmp, { recursive: true, force: true });
});

async function registerDevice(gw: TestGateway, id: string) {
  const elderId = await registerElder(gw);
  const device = await gw.api.createDevice({ elderId, kind: 'call_button', id });
  return { id, secret: device.secret, elderId };
}

async function connectTls(gw: TestGateway, id: string, options: IClientOptions) {
  const client = await mqtt.connectAsync(gw.mqttTlsUrl ?? '', { clientId: id, username: id, ca: certs.ca, reconnectPeriod: 0, ...options });
  onTestFinished(() => client.endAsync(true));
  return client;
}

async function pressSos(client: mqtt.MqttClient, id: string): Promise<string> {
  const msgId = `sos-${randomUUID()}`;
  await client.publishAsync(`devices/${id}/events`, JSON.stringify({ msgId, ts: Date.now(), type: 'sos' }), { qos: 1 });
  return msgId;
}

async function openAlertsOf(gw: TestGateway, deviceId: string) {
  return (await gw.api.listAlerts('open')).filter((a) => a.deviceId === deviceId);
}

async function refusals(gw: TestGateway, reason: string): Promise<number> {
  const text = await (await fetch(`${gw.httpUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`gateway_mqtt_connections_refused_total{reason="${reason}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('with MQTT_DEVICE_AUTH=either', () => {
  it('when the gateway has a certificate, then it reports https and mqtts URLs beside plain mqtt', () => {
    expect(either.httpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(either.mqttTlsUrl).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);
    expect(either.mqttUrl).toMatch(/^mqtt:\/\//);
  });

  it('when a device connects over TLS with its secret, then its SOS becomes an alert the desk sees over wss', async () => {
    const device = await registerDevice(either, ids.secretButton);
    const socket = new WebSocket(`${either.httpUrl.replace(/^https/, 'wss')}/ws?token=${encodeURIComponent(either.adminToken)}`, { ca: certs.ca });
    onTestFinished(() => socket.close());
    const events: WsEvent[] = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data)) as WsEvent));
    await eventually(async () => events.length, (n) => n > 0);
    expect(events[0]?.type).toBe('snapshot');

    const client = await connectTls(either, device.id, { password: device.secret });
    await pressSos(client, device.id);

    await eventually(async () => events.some((e) => e.type === 'alert.raised' && e.alert.deviceId === device.id), Boolean);
    expect(await openAlertsOf(either, device.id)).toMatchObject([{ type: 'sos', priority: 1 }]);
  });

  it('when a device presents its own client certificate, then it connects without a password and its SOS becomes an alert', async () => {
    const device = await registerDevice(either, ids.certButton);
    const { cert, key } = certs.device(ids.certButton);
    const client = await connectTls(either, device.id, { cert, key });
    await pressSos(client, device.id);
    await eventually(() => openAlertsOf(either, device.id), (alerts) => alerts.length === 1);
  });

  it('when a device presents a certificate made for another device id, then CONNACK refuses it (5) and the refusal is counted, even with the right secret', async () => {
    const device = await registerDevice(either, `tls-victim-${suffix}`);
    const { cert, key } = certs.device(ids.otherButton);
    const before = await refusals(either, 'certificate_mismatch');
    await expect(connectTls(either, device.id, { cert, key })).rejects.toMatchObject({ code: 5 });
    await expect(connectTls(either, device.id, { cert, key, password: device.secret })).rejects.toMatchObject({ code: 5 });
    expect(await refusals(either, 'certificate_mismatch')).toBe(before + 2);
  });

  it('when a certificate with the right name comes from another CA, then it proves nothing: refused without the secret, accepted with it', async () => {
    const device = await registerDevice(either, ids.foreignCaButton);
    const { cert, key } = foreignCerts.device(ids.foreignCaButton);
    await expect(connectTls(either, device.id, { cert, key })).rejects.toMatchObject({ code: 5 });
    expect(await refusals(either, 'certificate_untrusted')).toBeGreaterThanOrEqual(1);
    const client = await connectTls(either, device.id, { cert, key, password: device.secret });
    expect(client.connected).toBe(true);
  });

  it('when a client does not trust the development CA, then the TLS handshake fails before MQTT', async () => {
    const device = await registerDevice(either, `tls-distrust-${suffix}`);
    const attempt = mqtt.connectAsync(either.mqttTlsUrl ?? '', { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0 });
    await expect(attempt).rejects.toMatchObject({ code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT/) });
  });

  it('when HTTPS is asked for with the CA, then /healthz answers; without the CA, the request fails', async () => {
    const reply = await fetch(`${either.httpUrl}/healthz`);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ status: 'ok' });
    await expect(plainFetch(`${either.httpUrl}/healthz`)).rejects.toMatchObject({ cause: { code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED/) } });
    await expect(plainFetch(either.httpUrl.replace(/^https/, 'http') + '/healthz')).rejects.toThrow();
  });

  it('when a device uses the plain listener with its secret, then it still works beside TLS', async () => {
    const elderId = await registerElder(either);
    const device = await connectDevice(either, elderId, 'call_button');
    await device.send('events', 'sos');
    await eventually(() => openAlertsOf(either, device.id), (alerts) => alerts.length === 1);
  });
});

describe('with MQTT_DEVICE_AUTH=certificate', () => {
  it('when a device logs in on TLS with only its secret, then CONNACK refuses it (5); with its certificate it connects', async () => {
    const device = await registerDevice(strict, ids.strictButton);
    const before = await refusals(strict, 'certificate_required');
    await expect(connectTls(strict, device.id, { password: device.secret })).rejects.toMatchObject({ code: 5 });
    expect(await refusals(strict, 'certificate_required')).toBe(before + 1);

    const { cert, key } = certs.device(ids.strictButton);
    const client = await connectTls(strict, device.id, { cert, key });
    await pressSos(client, device.id);
    await eventually(() => openAlertsOf(strict, device.id), (alerts) => alerts.length === 1);
  });

  it('when a device uses the plain listener with its secret, then it is accepted (operators firewall that port)', async () => {
    const elderId = await registerElder(strict);
    const device = await connectDevice(strict, elderId, 'call_button');
    expect(device.client.connected).toBe(true);
  });

  it('when a certificate names a device that is not registered, then CONNACK refuses it', async () => {
    const { cert, key } = certs.device(ids.otherButton);
    await expect(connectTls(strict, ids.otherButton, { cert, key })).rejects.toMatchObject({ code: 4 });
  });
});

describe('with TLS settings that cannot work', () => {
  it('when MQTT_DEVICE_AUTH asks for certificates without TLS_CA_FILE, or a certificate comes without its key, then the gateway refuses to start', async () => {
    const dataDir = join(tmp, `refused-${randomUUID().slice(0, 8)}`);
    const noCa = startTestGateway({ TLS_CERT_FILE: certs.certFile, TLS_KEY_FILE: certs.keyFile, MQTT_DEVICE_AUTH: 'either', DATA_DIR: dataDir });
    await expect(noCa).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('TLS_CA_FILE') });
    const noKey = startTestGateway({ TLS_CERT_FILE: certs.certFile, DATA_DIR: dataDir });
    await expect(noKey).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('TLS_KEY_FILE') });
  });
});

describe.skipIf(binaryMissing('/usr/bin/mosquitto_pub', 'apt-get install -y mosquitto-clients'))('with mosquitto_pub over TLS as the device', () => {
  const publish = (gw: TestGateway, id: string, auth: string[]) =>
    run('mosquitto_pub', [
      '-h', '127.0.0.1', '-p', String(gw.mqttTlsPort), '--cafile', certs.caFile, ...auth,
      '-i', id, '-u', id, '-q', '1', '-t', `devices/${id}/events`, '-m', JSON.stringify({ msgId: `mp-${randomUUID()}`, ts: Date.now(), type: 'sos' }),
    ]);

  it('when mosquitto_pub sends SOS with its client certificate and no password, then the alert is raised', async () => {
    const device = await registerDevice(either, ids.mosquittoCert);
    const { certFile, keyFile } = certs.device(ids.mosquittoCert);
    await publish(either, device.id, ['--cert', certFile, '--key', keyFile]);
    await eventually(() => openAlertsOf(either, device.id), (alerts) => alerts.length === 1);
  });

  it('when mosquitto_pub sends SOS over TLS with its secret, then the alert is raised', async () => {
    const device = await registerDevice(either, ids.mosquittoSecret);
    await publish(either, device.id, ['-P', device.secret]);
    await eventually(() => openAlertsOf(either, device.id), (alerts) => alerts.length === 1);
  });
});
