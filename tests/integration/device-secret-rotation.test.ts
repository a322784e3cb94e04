import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceView } from '../../schemas/index.js';
import { DeviceRegistry } from '../../gateway/src/app/directories/device-registry.js';
import type { DeviceRecord } from '../../gateway/src/app/ports/store/devices.port.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectOutcome } from '../support/connect-outcome.js';
import { eventually } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// POST /devices/:id/secret: a leaked or handed-on device gets a new secret. The old one no longer opens an MQTT
// session at the gateway's own broker, the new one does, and the registry tells its listeners (the broker ends the
// session the old secret opened).

let gw: TestGateway;
let net: CareNetwork;
beforeAll(async () => {
  gw = await startTestGateway();
  net = await setUpCareNetwork(gw);
});
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

type Rotated = DeviceView & { secret: string };

/** CONNECT as the device with `secret`: 'connected', or the refusal MQTT.js reports (CONNACK 5: not authorised). */
const connectAs = (deviceId: string, secret: string) => connectOutcome(gw.mqttUrl, deviceId, secret);

describe('device secret rotation', () => {
  it('when a device secret is rotated, then the old secret is refused at CONNECT, the new one works, and the reply shows it once', async () => {
    const device = await gw.api.createDevice({ elderId: net.elderA.id, kind: 'call_button' });
    expect(await connectAs(device.id, device.secret)).toBe('connected');

    const rotated = await gw.api.request<Rotated>('POST', `/api/v1/devices/${device.id}/secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id: device.id, elderId: net.elderA.id, kind: 'call_button' });
    expect(rotated.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.secret).not.toBe(device.secret);

    expect(await connectAs(device.id, device.secret)).toMatch(/Not authorized|Bad username or password/i);
    expect(await connectAs(device.id, rotated.body.secret)).toBe('connected');
    expect(await gw.api.getDevice(device.id)).not.toHaveProperty('secret');
  });

  it('when a rotated device presses SOS with its new secret, then the alert reaches the desk', async () => {
    const device = await gw.api.createDevice({ elderId: net.elderB.id, kind: 'call_button', room: 'bedroom' });
    const { secret } = (await gw.api.request<Rotated>('POST', `/api/v1/devices/${device.id}/secret`)).body;
    const client = await mqtt.connectAsync(gw.mqttUrl, { clientId: device.id, username: device.id, password: secret, reconnectPeriod: 0 });
    try {
      await client.publishAsync(`devices/${device.id}/events`, JSON.stringify({ msgId: `rot-${Date.now()}`, ts: Date.now(), type: 'sos' }), { qos: 1 });
      await eventually(() => gw.api.listAlerts('open'), (alerts) => alerts.some((a) => a.deviceId === device.id && a.type === 'sos'));
    } finally {
      await client.endAsync(true);
    }
  });

  it('when a secret is rotated, then the audit log says who did it and when, without the secret', async () => {
    const device = await gw.api.createDevice({ elderId: net.elderA.id, kind: 'door_sensor' });
    const rotated = await net.operatorA.api.request<Rotated>('POST', `/api/v1/devices/${device.id}/secret`);
    expect(rotated.status).toBe(200);
    const audit = await gw.api.request<{ items: Array<{ action: string; actor: string; detail: Record<string, unknown> }> }>(
      'GET',
      `/api/v1/audit?entityType=device&entityId=${device.id}`,
    );
    expect(audit.body.items[0]).toMatchObject({ action: 'secret_rotated', actor: `user:${net.operatorA.user.username}` });
    expect(JSON.stringify(audit.body)).not.toContain(rotated.body.secret);
  });

  it('when a responder, another region or an unknown device is asked for, then 403 or 404 and the secret stays', async () => {
    const device = await gw.api.createDevice({ elderId: net.elderB.id, kind: 'smoke_detector' });
    const tries = [
      [net.responderB.api, device.id, 403, 'FORBIDDEN_ROLE'],
      [net.operatorA.api, device.id, 403, 'FORBIDDEN_REGION'],
      [net.supervisorA.api, device.id, 403, 'FORBIDDEN_REGION'],
      [gw.api, 'no-such-device', 404, 'DEVICE_NOT_FOUND'],
    ] as const;
    for (const [api, id, status, code] of tries) {
      expect(await api.request('POST', `/api/v1/devices/${id}/secret`)).toMatchObject({ status, body: { error: { code } } });
    }
    expect((await gw.api.request('POST', `/api/v1/devices/${device.id}/secret`, undefined, null)).status).toBe(401);
    expect(await connectAs(device.id, device.secret)).toBe('connected');
  });
});

describe('device registry: secret changes', () => {
  const record = (secretHash: string): DeviceRecord => ({
    id: 'btn-1',
    elderId: 'elder-1',
    kind: 'call_button',
    room: null,
    secretHash,
    brokerPasswordHash: null,
    testModeUntil: null,
    online: false,
    battery: null,
    lastSeenAt: null,
    createdAt: 0,
    firmware: null,
    model: null,
    retiredAt: null,
    replacedBy: null,
  });

  it('when a secret is set or a reload brings another, then listeners hear the device id once per change, and not after they stop', () => {
    const registry = DeviceRegistry.fromRecords([record('a'.repeat(64))]);
    const heard: string[] = [];
    const stop = registry.onSecretChanged((id) => heard.push(id));
    registry.setSecret('btn-1', 'b'.repeat(64));
    registry.setSecret('btn-1', 'b'.repeat(64));
    registry.add(record('b'.repeat(64)));
    registry.add(record('c'.repeat(64)));
    registry.setSecret('unknown', 'd'.repeat(64));
    expect(heard).toEqual(['btn-1', 'btn-1']);
    stop();
    registry.setSecret('btn-1', 'e'.repeat(64));
    expect(heard).toHaveLength(2);
  });
});
