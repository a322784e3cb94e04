import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, DeviceView, TaskView } from '../../schemas/index.js';
import { renderMosquittoConfig } from '../../gateway/src/adapters/mqtt/mosquitto-config.js';
import { mosquittoPasswordHash } from '../../gateway/src/app/secrets.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectOutcome } from '../support/connect-outcome.js';
import { connectDevice, eventually, type TestDevice } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Retire, replace and move (issue 22) on a real gateway over real HTTP and real MQTT.js devices: a retired device is
// refused at CONNECT exactly like a wrong secret, its live session ends at once, nothing is watched for it any more
// (also after a restart), and its history still reads; a replacement logs in with its own secret and the old one's
// technical alerts are cleared with a note; a moved device reports for its new elder. Short timeouts stand in for
// the real minutes: a device still watched would be offline within about two seconds.

const TIMEOUTS = { OFFLINE_GRACE_SECONDS: '0.6', HEARTBEAT_TIMEOUT_SECONDS: '1.5', DEADLINE_TICK_MS: '50' };
/** Longer than the grace and the heartbeat timeout together, with room for a loaded machine. */
const WATCH_WINDOW_MS = 3000;

const dataDir = mkdtempSync(join(tmpdir(), 'device-lifecycle-'));
let gw: TestGateway;
let net: CareNetwork;
beforeAll(async () => {
  gw = await startTestGateway({ ...TIMEOUTS, DATA_DIR: dataDir });
  net = await setUpCareNetwork(gw);
});
afterAll(async () => {
  await net?.close();
  await gw?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Created = DeviceView & { secret: string };

/** CONNECT as the device: 'connected', or MQTT.js's refusal ("Connection refused: Bad username or password"). */
const connectAs = (deviceId: string, secret: string) => connectOutcome(gw.mqttUrl, deviceId, secret);

const closed = (client: MqttClient) => new Promise<void>((resolve) => (client.connected ? client.once('close', () => resolve()) : resolve()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alertsOf = async (deviceId: string, type?: string): Promise<AlertView[]> =>
  (await gw.api.listAlerts('all')).filter((a) => a.deviceId === deviceId && (type === undefined || a.type === type));

/**
 * Offline alerts raised after `since`: a device watched after its retirement would have one. (One raised before, by
 * the short heartbeat timeout on a slow machine, is the retirement's to clear.)
 */
const offlineSince = async (deviceId: string, since: string) => (await alertsOf(deviceId, 'device_offline')).filter((a) => a.raisedAt > since || a.status !== 'cleared');

/** A device with a flat battery: its open low_battery alert and maintenance task. */
async function withLowBattery(device: TestDevice): Promise<{ alert: AlertView; task: TaskView }> {
  await device.send('status', 'heartbeat', { battery: 5 });
  const [alert] = await eventually(() => alertsOf(device.id, 'low_battery'), (a) => a.length === 1);
  const isItsVisit = (t: TaskView) => t.deviceId === device.id && t.reason === 'low_battery';
  const tasks = await eventually(() => gw.api.listTasks('open'), (open) => open.some(isItsVisit));
  return { alert: alert!, task: tasks.find(isItsVisit)! };
}

describe('retiring a device', () => {
  it('when a connected device is retired, then its session ends, its next CONNECT is refused like a wrong secret, its technical alert is cleared with a note, and no offline alert follows', async () => {
    const device = await connectDevice(gw, net.elderA.id, 'call_button', { closeAfterTest: false });
    const wrongSecret = await connectAs(device.id, 'not-its-secret');
    await device.send('events', 'sos');
    const sos = (await eventually(() => alertsOf(device.id, 'sos'), (a) => a.length === 1))[0]!;
    const { alert: battery, task } = await withLowBattery(device);
    const sessionEnded = closed(device.client);

    const retired = await net.operatorA.api.request<DeviceView>('POST', `/api/v1/devices/${device.id}/retire`, { reason: '进水损坏' });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ id: device.id, state: 'retired', retiredAt: expect.any(String), replacedBy: null });

    await sessionEnded;
    expect(wrongSecret).toMatch(/Bad username or password/);
    expect(await connectAs(device.id, device.secret)).toBe(wrongSecret);

    const cleared = await gw.api.getAlert(battery.id);
    expect(cleared.status).toBe('cleared');
    expect(cleared.timeline.at(-1)).toMatchObject({ action: 'cleared', actor: `user:${net.operatorA.user.username}`, note: 'device retired: 进水损坏' });
    expect((await gw.api.listTasks('open')).find((t) => t.id === task.id)).toMatchObject({ causeClearedAt: expect.any(String) });

    await sleep(WATCH_WINDOW_MS);
    expect(await offlineSince(device.id, retired.body.retiredAt!)).toEqual([]);
    // The alarm about the elder stays for the desk; the device's history still reads.
    expect((await gw.api.getAlert(sos.id)).status).toBe('raised');
    expect((await gw.api.deviceEvents(device.id)).map((e) => e.type)).toEqual(['sos']);
    expect((await gw.api.request('GET', `/api/v1/devices/${device.id}/readings`)).status).toBe(200);
    expect(await gw.api.getDevice(device.id)).toMatchObject({ state: 'retired' });
    const audit = await gw.api.request<{ items: Array<{ action: string; detail: Record<string, unknown> }> }>('GET', `/api/v1/audit?entityType=device&entityId=${device.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'retired', detail: { reason: '进水损坏' } });
  });

  it('when a retired device is retired again, moved or replaced, then 409 DEVICE_RETIRED and nothing changes', async () => {
    const device = await gw.api.createDevice({ elderId: net.elderA.id, kind: 'smoke_detector', room: '厨房' });
    expect((await gw.api.request('POST', `/api/v1/devices/${device.id}/retire`, { reason: '拆除' })).status).toBe(200);
    const tries = [
      ['POST', `/api/v1/devices/${device.id}/retire`, { reason: '再次' }],
      ['PATCH', `/api/v1/devices/${device.id}`, { room: '客厅' }],
      ['POST', `/api/v1/devices/${device.id}/replace`, {}],
    ] as const;
    for (const [method, path, body] of tries) {
      expect(await gw.api.request(method, path, body)).toMatchObject({ status: 409, body: { error: { code: 'DEVICE_RETIRED' } } });
    }
    expect(await gw.api.getDevice(device.id)).toMatchObject({ room: '厨房', state: 'retired', replacedBy: null });
  });

  it('when the list is asked without a state, then retired devices are left out; with state=retired, only they are listed', async () => {
    const device = await gw.api.createDevice({ elderId: net.elderA.id, kind: 'door_sensor' });
    await gw.api.request('POST', `/api/v1/devices/${device.id}/retire`, { reason: '拆除' });
    const inService = await gw.api.request<{ items: DeviceView[] }>('GET', `/api/v1/devices?elderId=${net.elderA.id}&limit=1000`);
    expect(inService.body.items.map((d) => d.id)).not.toContain(device.id);
    const retired = await gw.api.request<{ items: DeviceView[] }>('GET', `/api/v1/devices?elderId=${net.elderA.id}&state=retired&limit=1000`);
    expect(retired.body.items.map((d) => d.id)).toContain(device.id);
    expect(retired.body.items.every((d) => d.state === 'retired')).toBe(true);
  });

  it('when a device is retired, then the external broker password file leaves it out', async () => {
    const hash = mosquittoPasswordHash('device-secret');
    const files = renderMosquittoConfig({
      gateway: { username: 'gateway', passwordHash: mosquittoPasswordHash('g'.repeat(20)) },
      port: 1883,
      dataDir: '/mosquitto/data',
      devices: [
        { id: 'btn-in-service', brokerPasswordHash: hash, retiredAt: null },
        { id: 'btn-retired', brokerPasswordHash: hash, retiredAt: Date.now() },
      ],
    });
    expect(files.passwordFile).toContain('btn-in-service:');
    expect(files.passwordFile).not.toContain('btn-retired');
  });
});

describe('replacing a device', () => {
  it('when a device with a flat battery is replaced, then the new one connects with its own secret, the old one is refused, and the battery alert is cleared saying by which', async () => {
    const old = await connectDevice(gw, net.elderA.id, 'call_button', { room: '卧室', closeAfterTest: false });
    const { alert } = await withLowBattery(old);
    const sessionEnded = closed(old.client);
    const newId = `btn-new-${Date.now()}`;

    const reply = await gw.api.request<Created>('POST', `/api/v1/devices/${old.id}/replace`, { newId, reason: '电池鼓包' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ id: newId, elderId: net.elderA.id, kind: 'call_button', room: '卧室', state: 'never_seen', secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    await sessionEnded;

    expect(await connectAs(old.id, old.secret)).toMatch(/Bad username or password/);
    expect(await connectAs(newId, old.secret)).toMatch(/Bad username or password/);
    expect(await connectAs(newId, reply.body.secret)).toBe('connected');
    expect(await gw.api.getDevice(old.id)).toMatchObject({ state: 'retired', replacedBy: newId });

    const cleared = await gw.api.getAlert(alert.id);
    expect(cleared.status).toBe('cleared');
    expect(cleared.timeline.at(-1)?.note).toBe(`device replaced by ${newId}: 电池鼓包`);
    const audit = await gw.api.request<{ items: Array<{ action: string; detail: Record<string, unknown> }> }>('GET', `/api/v1/audit?entityType=device&entityId=${old.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'replaced', detail: { replacedBy: newId } });
  });

  it('when the new id is taken, then 409 DEVICE_ID_TAKEN and the old device stays in service', async () => {
    const old = await gw.api.createDevice({ elderId: net.elderA.id, kind: 'wearable' });
    const other = await gw.api.createDevice({ elderId: net.elderA.id, kind: 'wearable' });
    expect(await gw.api.request('POST', `/api/v1/devices/${old.id}/replace`, { newId: other.id })).toMatchObject({ status: 409, body: { error: { code: 'DEVICE_ID_TAKEN' } } });
    expect(await gw.api.getDevice(old.id)).toMatchObject({ retiredAt: null, replacedBy: null });
    expect(await connectAs(old.id, old.secret)).toBe('connected');
  });
});

describe('moving a device', () => {
  it('when a device is moved to another elder, then its next alert is the new elder’s, and the alert it raised before stays with the first', async () => {
    const second = await gw.api.request<{ id: string }>('POST', '/api/v1/elders', { name: '搬迁老人', address: '幸福社区8号', regionId: net.communityA.id });
    const device = await connectDevice(gw, net.elderA.id, 'wearable');
    const { alert: before } = await withLowBattery(device);
    await device.send('status', 'heartbeat', { battery: 90 });

    const moved = await net.operatorA.api.request<DeviceView>('PATCH', `/api/v1/devices/${device.id}`, { elderId: second.body.id, room: '客厅' });
    expect(moved).toMatchObject({ status: 200, body: { id: device.id, elderId: second.body.id, room: '客厅' } });
    expect(await gw.api.getDevice(device.id)).toMatchObject({ elderId: second.body.id, room: '客厅' });

    await device.send('status', 'heartbeat', { battery: 4 });
    const alerts = await eventually(() => alertsOf(device.id, 'low_battery'), (a) => a.some((x) => x.elder.id === second.body.id));
    expect(alerts.find((a) => a.id === before.id)?.elder.id).toBe(net.elderA.id);
  });

  it('when a device is moved to an elder outside the caller’s region, then 403 FORBIDDEN_REGION and it stays', async () => {
    const device = await gw.api.createDevice({ elderId: net.elderA.id, kind: 'camera', room: '客厅' });
    const reply = await net.operatorA.api.request('PATCH', `/api/v1/devices/${device.id}`, { elderId: net.elderB.id });
    expect(reply).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    expect((await net.operatorA.api.request('PATCH', `/api/v1/devices/${device.id}`, { elderId: 'no-such-elder' })).status).toBe(404);
    expect((await net.operatorA.api.request('PATCH', `/api/v1/devices/${device.id}`, {})).status).toBe(400);
    expect(await gw.api.getDevice(device.id)).toMatchObject({ elderId: net.elderA.id, room: '客厅' });
  });
});

describe('firmware and model', () => {
  it('when a heartbeat names its firmware and model, then GET /devices/:id shows them and the list finds the device by firmware', async () => {
    const device = await connectDevice(gw, net.elderA.id, 'call_button');
    await device.send('status', 'heartbeat', { battery: 70, firmware: '2.4.1', model: 'HB-100' });
    const shown = await eventually(() => gw.api.getDevice(device.id), (d) => d.firmware === '2.4.1');
    expect(shown).toMatchObject({ firmware: '2.4.1', model: 'HB-100', state: 'online' });

    await device.send('status', 'heartbeat', { firmware: '2.5.0' });
    expect(await eventually(() => gw.api.getDevice(device.id), (d) => d.firmware === '2.5.0')).toMatchObject({ model: 'HB-100' });
    const listed = await gw.api.request<{ items: DeviceView[] }>('GET', '/api/v1/devices?firmware=2.5.0');
    expect(listed.body.items.map((d) => d.id)).toEqual([device.id]);
  });
});

describe('after a restart', () => {
  it('when the gateway restarts, then a retired device is still refused and still not watched', async () => {
    const device = await connectDevice(gw, net.elderA.id, 'call_button', { closeAfterTest: false });
    await device.send('status', 'heartbeat', { battery: 80 });
    const { retiredAt } = (await gw.api.request<DeviceView>('POST', `/api/v1/devices/${device.id}/retire`, { reason: '停用' })).body;
    await net.close();
    await gw.close();

    gw = await startTestGateway({ ...TIMEOUTS, DATA_DIR: dataDir });
    net = { ...net, close: async () => {} };
    expect(await connectAs(device.id, device.secret)).toMatch(/Bad username or password/);
    await sleep(WATCH_WINDOW_MS);
    expect(await offlineSince(device.id, retiredAt!)).toEqual([]);
    expect(await gw.api.getDevice(device.id)).toMatchObject({ state: 'retired' });
  });
});
