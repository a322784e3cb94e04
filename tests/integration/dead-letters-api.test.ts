import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadLetterListReply } from '../../schemas/index.js';
import type { ApiClient } from '../support/api-client.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Issue 17, item 1: dead letters were a table no screen showed. Over real MQTT and HTTP: what a device sends that is
// refused (or salvaged) is listed for the desk and the admins at GET /api/v1/dead-letters, newest first, scoped to
// the caller's region like every list, with filters, and the device that sends it is flagged for maintenance.

let gw: TestGateway;
let net: CareNetwork;

beforeAll(async () => {
  gw = await startTestGateway({ OFFLINE_GRACE_SECONDS: '3600' });
  net = await setUpCareNetwork(gw);
  const a = net.elderA.button;
  const b = net.elderB.button;
  // Town A's button: a heartbeat with a colour, a cancel in seconds, and an SOS in seconds (salvaged).
  await a.client.publishAsync(`devices/${a.id}/status`, JSON.stringify({ msgId: 'h-1', ts: Date.now(), type: 'heartbeat', colour: 'red' }), { qos: 1 });
  await a.client.publishAsync(`devices/${a.id}/events`, JSON.stringify({ msgId: 'c-1', ts: Math.floor(Date.now() / 1000), type: 'cancel' }), { qos: 1 });
  await a.client.publishAsync(`devices/${a.id}/events`, JSON.stringify({ msgId: 's-1', ts: Math.floor(Date.now() / 1000), type: 'sos' }), { qos: 1 });
  // Town B's button: something that is not JSON.
  await b.client.publishAsync(`devices/${b.id}/events`, 'sos!', { qos: 1 });
});
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

const list = (api: ApiClient, query = '') => api.request<DeadLetterListReply>('GET', `/api/v1/dead-letters${query}`);

describe('dead letters for the desk', () => {
  it('when the county admin lists dead letters, then every region\'s are there, newest first, with reason, detail and payload excerpt', async () => {
    const reply = await list(gw.api);
    expect(reply.status).toBe(200);
    const mine = reply.body.items.filter((l) => l.deviceId === net.elderA.button.id || l.deviceId === net.elderB.button.id);
    expect(mine.map((l) => [l.deviceId, l.reason])).toEqual([
      [net.elderB.button.id, 'payload_not_json'],
      [net.elderA.button.id, 'salvaged'],
      [net.elderA.button.id, 'payload_invalid'],
      [net.elderA.button.id, 'payload_invalid'],
    ]);
    expect(mine[1]).toMatchObject({ elderId: net.elderA.id, regionId: net.communityA.id, topic: `devices/${net.elderA.button.id}/events` });
    expect(mine[1]!.detail).toMatch(/^defects: ts_seconds; ts: /);
    expect(mine[3]!.detail).toMatch(/colour/);
    expect(Buffer.from(mine[0]!.payloadExcerpt, 'base64').toString('utf8')).toBe('sos!');
    expect(Date.parse(mine[0]!.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("when town A's operator lists dead letters, then only town A's devices are there; another town is 403 FORBIDDEN_REGION", async () => {
    const reply = await list(net.operatorA.api);
    expect(reply.status).toBe(200);
    expect(new Set(reply.body.items.map((l) => l.deviceId))).toEqual(new Set([net.elderA.button.id]));
    const other = await list(net.operatorA.api, `?regionId=${net.townB.id}`);
    expect(other.status).toBe(403);
    expect((other.body as unknown as { error: { code: string } }).error.code).toBe('FORBIDDEN_REGION');
  });

  it('when the filters are given (reason, device, region, time), then each narrows the list', async () => {
    const salvaged = await list(gw.api, '?reason=salvaged');
    expect(salvaged.body.items.map((l) => l.deviceId)).toEqual([net.elderA.button.id]);
    const ofB = await list(gw.api, `?deviceId=${net.elderB.button.id}`);
    expect(ofB.body.items.map((l) => l.reason)).toEqual(['payload_not_json']);
    const inA = await list(gw.api, `?regionId=${net.communityA.id}&limit=2`);
    expect(inA.body.items.map((l) => l.reason)).toEqual(['salvaged', 'payload_invalid']);
    const future = await list(gw.api, `?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.body.items).toEqual([]);
  });

  it('when a filter is not valid (an unknown reason, limit 0, from after to, an unknown region), then the answer is 400 or 404 with a stable code', async () => {
    expect((await list(gw.api, '?reason=bogus')).status).toBe(400);
    expect((await list(gw.api, '?limit=0')).status).toBe(400);
    expect((await list(gw.api, '?from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z')).status).toBe(400);
    const unknown = await list(gw.api, '?regionId=nowhere');
    expect(unknown.status).toBe(404);
    expect((unknown.body as unknown as { error: { code: string } }).error.code).toBe('REGION_NOT_FOUND');
  });

  it('when a responder asks, then it is 403 FORBIDDEN_ROLE: dead letters are for the desk and the admins', async () => {
    const reply = await list(net.responderA.api);
    expect(reply.status).toBe(403);
    expect((reply.body as unknown as { error: { code: string } }).error.code).toBe('FORBIDDEN_ROLE');
  });

  it('when a device sent what was refused, then the desk sees its maintenance visit: needs maintenance, sends malformed messages', async () => {
    const tasks = (await gw.api.listTasks('open')).filter((t) => t.kind === 'maintenance');
    expect(tasks.filter((t) => t.deviceId === net.elderA.button.id).map((t) => t.reason)).toEqual(['malformed_messages']);
    expect(tasks.filter((t) => t.deviceId === net.elderB.button.id).map((t) => t.reason)).toEqual(['malformed_messages']);
  });

  it('when the OpenAPI document is read, then it describes the dead-letter list with its filters', async () => {
    const doc = await gw.api.request<{ paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }> }>('GET', '/api/docs/json');
    const names = doc.body.paths['/api/v1/dead-letters']?.get?.parameters?.map((p) => p.name) ?? [];
    expect(names.sort()).toEqual(['deviceId', 'from', 'limit', 'reason', 'regionId', 'to']);
  });
});
