import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Elder } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Where a home is, over real HTTP and the real SQLite store: an optional WGS-84 `location` on the elder's record,
// given at registration or by PATCH, read by the desk and by the elder's responder (whose phone opens a map app with
// it), removed with null, and refused when it is not a point on the earth.

let gw: TestGateway;
let net: CareNetwork;

const HOME = { lat: 30.612345, lng: 114.302468 };

async function register(body: Record<string, unknown>): Promise<Elder> {
  const reply = await gw.api.request<Elder>('POST', '/api/v1/elders', { name: '周桂兰', address: '城关镇幸福社区8栋302', regionId: net.communityA.id, ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const read = async (id: string) => (await gw.api.request<Elder>('GET', `/api/v1/elders/${id}`)).body;

beforeAll(async () => {
  gw = await startTestGateway();
  net = await setUpCareNetwork(gw);
});

afterAll(async () => {
  await net?.close();
  await gw?.close();
});

describe('elder location', () => {
  it('when an elder is registered with a location, then the record, the list and the assigned responder read it; one registered without reads null', async () => {
    const located = await register({ location: HOME, assignedResponderIds: [net.responderA.user.id] });
    expect(located.location).toEqual(HOME);
    expect((await read(located.id)).location).toEqual(HOME);
    const list = await gw.api.request<{ items: Elder[] }>('GET', '/api/v1/elders?limit=5000');
    expect(list.body.items.find((e) => e.id === located.id)?.location).toEqual(HOME);
    // the responder on the way is who needs it most
    const asResponder = await net.responderA.api.request<Elder>('GET', `/api/v1/elders/${located.id}`);
    expect(asResponder).toMatchObject({ status: 200, body: { location: HOME } });

    const unknown = await register({});
    expect(unknown.location).toBeNull();
    expect((await read(unknown.id)).location).toBeNull();
    expect((await register({ location: null })).location).toBeNull();
  });

  it('when the location is patched, then it is replaced; a patch of other fields keeps it; null removes it', async () => {
    const elder = await register({ location: HOME });
    const moved = await gw.api.request<Elder>('PATCH', `/api/v1/elders/${elder.id}`, { location: { lat: 30.598, lng: 114.318 } });
    expect(moved).toMatchObject({ status: 200, body: { location: { lat: 30.598, lng: 114.318 } } });
    const renamed = await gw.api.request<Elder>('PATCH', `/api/v1/elders/${elder.id}`, { accessNotes: '钥匙在邻居家' });
    expect(renamed.body.location).toEqual({ lat: 30.598, lng: 114.318 });
    expect((await read(elder.id)).location).toEqual({ lat: 30.598, lng: 114.318 });
    const cleared = await gw.api.request<Elder>('PATCH', `/api/v1/elders/${elder.id}`, { location: null });
    expect(cleared).toMatchObject({ status: 200, body: { location: null } });
    expect((await read(elder.id)).location).toBeNull();
  });

  it('when a location is out of range, not numbers, incomplete or has an unknown field, then registration and PATCH are 400 REQUEST_INVALID and nothing changes', async () => {
    const elder = await register({ location: HOME });
    const before = (await gw.api.request<{ items: Elder[] }>('GET', '/api/v1/elders?limit=5000')).body.items.length;
    const bad: unknown[] = [
      { lat: 90.0001, lng: 114.3 },
      { lat: -91, lng: 114.3 },
      { lat: 30.6, lng: 180.5 },
      { lat: 30.6, lng: -181 },
      { lat: '30.6', lng: '114.3' },
      { lat: 30.6 },
      { lat: 30.6, lng: 114.3, alt: 20 },
      [30.6, 114.3],
      '30.6,114.3',
    ];
    for (const location of bad) {
      const created = await gw.api.request('POST', '/api/v1/elders', { name: '错坐标', address: '幸福社区', regionId: net.communityA.id, location });
      expect(created, JSON.stringify(location)).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
      const patched = await gw.api.request('PATCH', `/api/v1/elders/${elder.id}`, { location });
      expect(patched, JSON.stringify(location)).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    }
    expect((await gw.api.request<{ items: Elder[] }>('GET', '/api/v1/elders?limit=5000')).body.items.length).toBe(before);
    expect((await read(elder.id)).location).toEqual(HOME);
  });
});
