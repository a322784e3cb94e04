import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, DeviceView, Elder, TaskView } from '../../schemas/index.js';
import { SERVICE_TYPES } from '../../schemas/index.js';
import type { ApiClient } from '../support/api-client.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectDevice, type TestDevice } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Every list (alerts, tasks, elders, devices) over real HTTP: paged with `limit` and `cursor` to the end while new
// records arrive, nothing read twice and nothing skipped; the filters; the caller's region; forged cursors refused.

let gw: TestGateway;
let net: CareNetwork;
const buttons: TestDevice[] = [];

beforeAll(async () => {
  gw = await startTestGateway();
  net = await setUpCareNetwork(gw);
});
afterAll(async () => {
  await Promise.all(buttons.map((b) => b.client.endAsync(true)));
  await net?.close();
  await gw?.close();
});

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

let homeNumber = 0;

/** An elder of community A with a connected call button, registered by the admin. */
async function homeInA(): Promise<{ elderId: string; button: TestDevice }> {
  homeNumber += 1;
  const elder = await gw.api.request<Elder>('POST', '/api/v1/elders', { name: `翻页老人${homeNumber}`, address: `幸福路${homeNumber}号`, regionId: net.communityA.id });
  if (elder.status !== 201) throw new Error(`elder: ${elder.status}`);
  const button = await connectDevice(gw, elder.body.id, 'call_button', { closeAfterTest: false });
  buttons.push(button);
  return { elderId: elder.body.id, button };
}

async function page<T>(api: ApiClient, path: string): Promise<Page<T>> {
  const reply = await api.request<Page<T>>('GET', path);
  if (reply.status !== 200) throw new Error(`GET ${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Reads a list page by page to its end; `between` runs after each page (records arriving meanwhile). */
async function walk<T extends { id: string }>(api: ApiClient, path: string, between: () => Promise<void> = async () => {}): Promise<T[]> {
  const seen: T[] = [];
  const sep = path.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const body: Page<T> = await page<T>(api, cursor === null ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`);
    seen.push(...body.items);
    if (body.nextCursor === null) return seen;
    cursor = body.nextCursor;
    await between();
  }
  throw new Error('more than 100 pages');
}

const pressSos = (b: TestDevice) => b.send('events', 'sos');

describe('list paging', () => {
  it('when the alerts are paged two at a time while new alarms arrive, then every earlier alert is read once, newest first', async () => {
    const homes = await Promise.all([1, 2, 3, 4, 5].map(() => homeInA()));
    for (const h of homes) await pressSos(h.button);
    await pressSos(net.elderB.button);
    const before = await page<AlertView>(net.operatorA.api, '/api/v1/alerts?status=all&limit=1000');
    expect(before.nextCursor).toBeNull();
    const late = await Promise.all([1, 2].map(() => homeInA()));
    const arriving = [...late];
    const read = await walk<AlertView>(net.operatorA.api, '/api/v1/alerts?status=all&limit=2', async () => {
      const next = arriving.shift();
      if (next) await pressSos(next.button);
    });
    const ids = read.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Alarms raised while paging are newer than the cursor: the next refresh shows them, the walk neither repeats nor skips.
    expect(ids).toEqual(before.items.map((a) => a.id));
    const times = read.map((a) => Date.parse(a.raisedAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(read.some((a) => a.elder.id === net.elderB.id)).toBe(false);
    expect(homes.every((h) => read.some((a) => a.elder.id === h.elderId))).toBe(true);
  });

  it('when alerts are filtered by elder, type, status, region and time, then only those are listed, and a region outside is 403', async () => {
    const home = await homeInA();
    await pressSos(home.button);
    const api = net.operatorA.api;
    const mine = await page<AlertView>(api, `/api/v1/alerts?status=all&elderId=${home.elderId}`);
    expect(mine.items.map((a) => [a.elder.id, a.type])).toEqual([[home.elderId, 'sos']]);
    const id = mine.items[0]!.id;
    expect((await api.request('POST', `/api/v1/alerts/${id}/ack`, {})).status).toBe(200);
    const acked = await page<AlertView>(api, '/api/v1/alerts?status=acknowledged&limit=1000');
    expect(acked.items.map((a) => a.id)).toEqual([id]);
    expect((await page<AlertView>(api, '/api/v1/alerts?status=all&type=fall')).items).toEqual([]);
    const inA = await page<AlertView>(api, `/api/v1/alerts?status=all&limit=1000&regionId=${net.communityA.id}`);
    expect(inA.items.length).toBeGreaterThan(0);
    const raised = Date.parse(mine.items[0]!.raisedAt);
    const window = await page<AlertView>(api, `/api/v1/alerts?status=all&from=${new Date(raised).toISOString()}&to=${new Date(raised + 1).toISOString()}`);
    expect(window.items.map((a) => a.id)).toContain(id);
    expect(window.items.every((a) => Date.parse(a.raisedAt) === raised)).toBe(true);
    const later = await page<AlertView>(api, `/api/v1/alerts?status=all&from=${new Date(raised + 1).toISOString()}`);
    expect(later.items.some((a) => a.id === id)).toBe(false);
    expect((await api.request('GET', `/api/v1/alerts?regionId=${net.communityB.id}`)).body).toMatchObject({ error: { code: 'FORBIDDEN_REGION' } });
    expect((await api.request('GET', `/api/v1/alerts?regionId=${net.townB.id}`)).status).toBe(403);
    // The county admin may look into town B by its region.
    const inB = await page<AlertView>(gw.api, `/api/v1/alerts?status=all&regionId=${net.townB.id}`);
    expect(inB.items.length).toBeGreaterThan(0);
    expect(inB.items.every((a) => a.elder.id === net.elderB.id)).toBe(true);
  });

  it('when the tasks are paged three at a time while new requests arrive, then every earlier task is read once, newest first', async () => {
    const api = net.operatorA.api;
    const request = (service: string) => api.request('POST', '/api/v1/service-requests', { elderId: net.elderA.id, service });
    for (const service of SERVICE_TYPES.slice(0, 6)) expect((await request(service)).status).toBeLessThan(300);
    const before = await page<TaskView>(api, '/api/v1/tasks?status=all&limit=1000');
    const arriving = [...SERVICE_TYPES.slice(6)];
    const read = await walk<TaskView>(api, '/api/v1/tasks?status=all&limit=3', async () => {
      const next = arriving.shift();
      if (next) await request(next);
    });
    expect(read.map((t) => t.id)).toEqual(before.items.map((t) => t.id));
    expect(before.items.length).toBeGreaterThanOrEqual(6);
    const times = read.map((t) => Date.parse(t.createdAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it('when tasks are filtered by elder, then only that elder\'s are listed, paging still works and an unknown parameter is refused', async () => {
    const api = net.operatorA.api;
    const home = await homeInA();
    for (const service of SERVICE_TYPES.slice(0, 3)) {
      expect((await api.request('POST', '/api/v1/service-requests', { elderId: home.elderId, service })).status).toBe(201);
    }
    expect((await api.request('POST', '/api/v1/service-requests', { elderId: net.elderA.id, service: SERVICE_TYPES[0] })).status).toBe(201);
    const ofElder = await page<TaskView>(api, `/api/v1/tasks?status=all&elderId=${home.elderId}`);
    expect(ofElder.items).toHaveLength(3);
    expect(ofElder.items.every((t) => t.elder.id === home.elderId)).toBe(true);
    const paged = await walk<TaskView>(api, `/api/v1/tasks?status=all&elderId=${home.elderId}&limit=2`);
    expect(paged.map((t) => t.id)).toEqual(ofElder.items.map((t) => t.id));
    expect((await page<TaskView>(api, '/api/v1/tasks?status=all&elderId=no-such-elder')).items).toEqual([]);
    // An elder of town B is outside operator A's region: the filter finds nothing rather than showing it.
    expect((await page<TaskView>(api, `/api/v1/tasks?status=all&elderId=${net.elderB.id}`)).items).toEqual([]);
    expect((await api.request('GET', `/api/v1/tasks?elderID=${home.elderId}`)).body).toMatchObject({ error: { code: 'REQUEST_INVALID' } });
  });

  it('when elders and devices are paged while new ones are registered, then every earlier one is read once, by id, and town B stays out', async () => {
    await Promise.all([1, 2, 3].map(() => homeInA()));
    const api = net.operatorA.api;
    const elders = await page<Elder>(api, '/api/v1/elders?limit=5000');
    const readElders = await walk<Elder>(api, '/api/v1/elders?limit=2', async () => {
      await gw.api.request('POST', '/api/v1/elders', { name: '新来的老人', address: '新地址', regionId: net.communityA.id });
    });
    const ids = readElders.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(elders.items.every((e) => ids.includes(e.id))).toBe(true);
    expect(ids).toEqual([...ids].sort());
    expect(ids).not.toContain(net.elderB.id);

    const devices = await page<DeviceView>(api, '/api/v1/devices?limit=1000');
    const readDevices = await walk<DeviceView>(api, '/api/v1/devices?limit=2', async () => {
      await gw.api.request('POST', '/api/v1/devices', { elderId: net.elderA.id, kind: 'door_sensor' });
    });
    const deviceIds = readDevices.map((d) => d.id);
    expect(new Set(deviceIds).size).toBe(deviceIds.length);
    expect(devices.items.every((d) => deviceIds.includes(d.id))).toBe(true);
    expect(readDevices.some((d) => d.elderId === net.elderB.id)).toBe(false);
  });

  it('when devices are filtered by elder, kind and presence, then only those are listed, and a responder may not list them', async () => {
    const home = await homeInA();
    await gw.api.request('POST', '/api/v1/devices', { elderId: home.elderId, kind: 'door_sensor' });
    const api = net.operatorA.api;
    const ofElder = await page<DeviceView>(api, `/api/v1/devices?elderId=${home.elderId}`);
    expect(ofElder.items.map((d) => d.kind).sort()).toEqual(['call_button', 'door_sensor']);
    const buttonsOnly = await page<DeviceView>(api, `/api/v1/devices?elderId=${home.elderId}&kind=call_button`);
    expect(buttonsOnly.items.map((d) => d.id)).toEqual([home.button.id]);
    // The door sensor never connected; the button did.
    const offline = await page<DeviceView>(api, `/api/v1/devices?elderId=${home.elderId}&online=false`);
    expect(offline.items.map((d) => d.kind)).toEqual(['door_sensor']);
    expect((await page<DeviceView>(api, '/api/v1/devices?online=true&limit=1000')).items.every((d) => d.online)).toBe(true);
    expect((await net.responderA.api.request('GET', '/api/v1/devices')).body).toMatchObject({ error: { code: 'FORBIDDEN_ROLE' } });
  });

  it('when a list is given a forged cursor, then it is a 400 REQUEST_INVALID, never a 5xx', async () => {
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const forged = [
      'not-a-cursor!',
      '%%%',
      b64('1.\u0000'),
      b64('1.a\u0000b'),
      b64(`1.${'z'.repeat(65)}`),
      b64('.x'),
      b64('abc.x'),
      b64('1e3.x'),
      b64(`${'9'.repeat(30)}.x`),
      b64('id.\u0000'),
      b64(`id.${'z'.repeat(65)}`),
      b64('id.'),
      Buffer.from([0xff, 0xfe, 0x00, 0x2e]).toString('base64url'),
      'x'.repeat(201),
    ];
    for (const list of ['/api/v1/alerts', '/api/v1/tasks', '/api/v1/elders', '/api/v1/devices']) {
      for (const cursor of forged) {
        const reply = await net.operatorA.api.request<{ error: { code: string } }>('GET', `${list}?cursor=${encodeURIComponent(cursor)}`);
        expect({ list, cursor, status: reply.status, code: reply.body.error?.code }).toEqual({ list, cursor, status: 400, code: 'REQUEST_INVALID' });
      }
    }
    // A cursor of one kind of list is not one of the other kind.
    const alerts = await page<AlertView>(net.operatorA.api, '/api/v1/alerts?status=all&limit=1');
    expect(alerts.nextCursor).not.toBeNull();
    expect((await net.operatorA.api.request('GET', `/api/v1/elders?cursor=${alerts.nextCursor}`)).status).toBe(400);
  });
});
