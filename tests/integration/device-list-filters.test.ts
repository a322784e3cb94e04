import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceView } from '../../schemas/index.js';
import type { ApiClient } from '../support/api-client.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { eventually } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// GET /devices with its filters (issue 22) over 30 devices of two elders of community A, in every state: connected,
// disconnected, never seen, retired; a flat battery, a firmware reported. Each filter is asked through real HTTP and
// checked against what was done to the devices; paging walks the whole set in small pages.

const COUNT = 30;
/** flt-01 … flt-30: the ids the q filter searches. */
const ids = Array.from({ length: COUNT }, (_, i) => `flt-${String(i + 1).padStart(2, '0')}`);

let gw: TestGateway;
let net: CareNetwork;
const clients: MqttClient[] = [];
let beforeAnySeen: string;
const secrets = new Map<string, string>();

type Page = { items: DeviceView[]; nextCursor: string | null };
const list = (api: ApiClient, query: string) => api.request<Page>('GET', `/api/v1/devices?${query}`);
const idsOf = async (query: string, api: ApiClient = gw.api) => {
  const reply = await list(api, `${query}&limit=1000`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items.map((d) => d.id);
};

async function connect(id: string, heartbeat?: Record<string, unknown>): Promise<MqttClient> {
  const client = await mqtt.connectAsync(gw.mqttUrl, { clientId: id, username: id, password: secrets.get(id)!, reconnectPeriod: 0 });
  clients.push(client);
  if (heartbeat) await client.publishAsync(`devices/${id}/status`, JSON.stringify({ msgId: `hb-${id}-${Date.now()}`, ts: Date.now(), type: 'heartbeat', ...heartbeat }), { qos: 1 });
  return client;
}

beforeAll(async () => {
  gw = await startTestGateway({ OFFLINE_GRACE_SECONDS: '0.3', HEARTBEAT_TIMEOUT_SECONDS: '600', DEADLINE_TICK_MS: '50' });
  net = await setUpCareNetwork(gw);
  const other = await gw.api.request<{ id: string }>('POST', '/api/v1/elders', { name: '设备老人', address: '幸福社区2号', regionId: net.communityA.id });
  for (const [i, id] of ids.entries()) {
    const kind = i % 3 === 0 ? 'wearable' : 'call_button';
    const device = await gw.api.createDevice({ id, elderId: i < 15 ? net.elderA.id : other.body.id, kind });
    secrets.set(id, device.secret);
  }
  beforeAnySeen = new Date().toISOString();
  // flt-01, flt-02, flt-03 online (a flat battery, a full one with firmware, nothing said); flt-04 gone offline; flt-05 retired.
  await connect('flt-01', { battery: 12 });
  await connect('flt-02', { battery: 95, firmware: '3.0.1', model: 'W-2' });
  await connect('flt-03');
  await (await connect('flt-04', { battery: 50 })).endAsync();
  expect((await gw.api.request('POST', '/api/v1/devices/flt-05/retire', { reason: '报废' })).status).toBe(200);
  await eventually(() => gw.api.getDevice('flt-04'), (d) => d.state === 'offline');
  await eventually(() => gw.api.getDevice('flt-02'), (d) => d.firmware === '3.0.1');
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await net?.close();
  await gw?.close();
});

describe('device list filters', () => {
  it('when the 30 devices are walked in pages of 7, then each comes once, in id order, and the last page has no cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply: Awaited<ReturnType<typeof list>> = await list(gw.api, `q=flt-&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...reply.body.items.map((d) => d.id));
      cursor = reply.body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    // Retired devices are left out unless asked for.
    expect(seen).toEqual(ids.filter((id) => id !== 'flt-05'));
    expect(pages).toBe(5);
  });

  it('when filtered by state, then each state lists exactly its devices', async () => {
    expect(await idsOf('q=flt-&state=online')).toEqual(['flt-01', 'flt-02', 'flt-03']);
    expect(await idsOf('q=flt-&state=offline')).toEqual(['flt-04']);
    expect(await idsOf('q=flt-&state=retired')).toEqual(['flt-05']);
    expect(await idsOf('q=flt-&state=never_seen')).toEqual(ids.slice(5));
    const shown = (await list(gw.api, 'q=flt-0&limit=1000')).body.items;
    expect(Object.fromEntries(shown.map((d) => [d.id, d.state]))).toMatchObject({ 'flt-01': 'online', 'flt-04': 'offline', 'flt-06': 'never_seen' });
  });

  it('when filtered by battery, firmware, last seen, kind and a part of the id, then only the matching devices come', async () => {
    expect(await idsOf('q=flt-&batteryBelow=20')).toEqual(['flt-01']);
    expect(await idsOf('q=flt-&batteryBelow=60')).toEqual(['flt-01', 'flt-04']);
    expect(await idsOf('firmware=3.0.1')).toEqual(['flt-02']);
    expect((await list(gw.api, 'firmware=3.0.1')).body.items[0]).toMatchObject({ firmware: '3.0.1', model: 'W-2' });
    // Not heard from since before any connected: the ones never seen.
    expect(await idsOf(`q=flt-&lastSeenBefore=${encodeURIComponent(beforeAnySeen)}`)).toEqual(ids.slice(5));
    expect(await idsOf(`q=flt-&lastSeenBefore=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual(ids.filter((id) => id !== 'flt-05'));
    expect(await idsOf('q=flt-1')).toEqual(ids.slice(9, 19));
    expect(await idsOf('q=FLT-2&kind=wearable')).toEqual(['flt-22', 'flt-25', 'flt-28']);
    expect(await idsOf(`q=flt-&elderId=${net.elderA.id}&state=never_seen`)).toEqual(ids.slice(5, 15));
  });

  it('when filtered by a region, then only its devices come; a region outside the caller’s is 403 FORBIDDEN_REGION, an unknown one 404', async () => {
    const inA = await idsOf(`regionId=${net.communityA.id}`);
    expect(inA).toEqual(expect.arrayContaining(ids.filter((id) => id !== 'flt-05')));
    expect(inA).not.toContain(net.elderB.button.id);
    expect(await idsOf(`regionId=${net.communityB.id}`)).toEqual([net.elderB.button.id]);
    expect(await idsOf(`q=flt-&regionId=${net.townA.id}`, net.operatorA.api)).toHaveLength(COUNT - 1);
    expect(await list(net.operatorA.api, `regionId=${net.communityB.id}`)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    expect(await list(gw.api, 'regionId=no-such-region')).toMatchObject({ status: 404, body: { error: { code: 'REGION_NOT_FOUND' } } });
  });

  it('when a filter is malformed, then 400 and nothing is listed', async () => {
    for (const query of ['state=sleeping', 'batteryBelow=0', 'batteryBelow=abc', 'lastSeenBefore=yesterday', 'q=', 'firmware=' + 'x'.repeat(65), 'cursor=not-ours']) {
      expect((await list(gw.api, query)).status, query).toBe(400);
    }
  });
});
