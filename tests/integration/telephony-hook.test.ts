import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WsEvent } from '../../schemas/index.js';
import { createPerson, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The telephony hook over real HTTP and the live websocket: a PBX with an integration token announces a ringing
// call, and the desks of the matching elder's region (every desk when nobody matches) hear `call.incoming`. Tokens
// are an admin's to make and revoke; a person's login does not open the hook, nor a token the people's API.

const PER_MINUTE = 5;

let gw: TestGateway;
let net: CareNetwork;
let operatorB: Person;
let deskA: LiveClient;
let deskB: LiveClient;
let county: LiveClient;
const ELDER_PHONE = '13712345601';
const CONTACT_PHONE = '13712345602';
let elderId: string;

type Incoming = Extract<WsEvent, { type: 'call.incoming' }>;
const ringing = (externalId: string) => (e: WsEvent): e is Incoming => e.type === 'call.incoming' && e.call.externalId === externalId;

interface Token {
  id: string;
  token: string;
  regionId: string;
}

async function newToken(name: string, regionId?: string): Promise<Token> {
  const r = await gw.api.request<Token>('POST', '/api/v1/integrations/tokens', regionId ? { name, regionId } : { name });
  expect(r.status).toBe(201);
  return r.body;
}

function announce(token: string | null, body: Record<string, unknown>) {
  return gw.api.request<{ matched?: number; error?: { code: string } }>('POST', '/api/v1/telephony/incoming', body, token);
}

beforeAll(async () => {
  gw = await startTestGateway({ TELEPHONY_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) });
  net = await setUpCareNetwork(gw);
  operatorB = await createPerson(gw, 'phone-op-b', { displayName: '值班员乙', role: 'operator', regionId: net.townB.id }, 'pw-phone-op-b-long');
  const elder = await gw.api.request<{ id: string }>('POST', '/api/v1/elders', {
    name: '电话老人',
    address: '幸福社区3号楼',
    regionId: net.communityA.id,
    phone: ELDER_PHONE,
    contacts: [{ name: '女儿', relation: 'daughter', phone: CONTACT_PHONE, notify: true }],
  });
  expect(elder.status).toBe(201);
  elderId = elder.body.id;
  deskA = await connectLive(gw.httpUrl, net.operatorA.api.token);
  deskB = await connectLive(gw.httpUrl, operatorB.api.token);
  county = await connectLive(gw.httpUrl, gw.adminToken);
});

afterAll(async () => {
  for (const s of [deskA, deskB, county]) s?.close();
  await net?.close();
  await gw?.close();
});

describe('telephony hook', () => {
  it("when a known elder's number rings, then the desks of the elder's town hear it with the record and another town's desk does not", async () => {
    const pbx = await newToken('县呼叫中心 Asterisk');
    const reply = await announce(pbx.token, { callerNumber: '+86 137-1234-5601', line: '12349', externalId: 'pbx-known' });
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ matched: 1 });
    const heard = await deskA.waitFor(ringing('pbx-known'));
    expect(heard.regionId).toBe(net.communityA.id);
    expect(heard.call).toMatchObject({ callerNumber: ELDER_PHONE, line: '12349' });
    expect(heard.call.matches[0]).toMatchObject({ id: elderId, name: '电话老人', matchedOn: expect.arrayContaining(['phone']) });
    await county.waitFor(ringing('pbx-known'));

    // A contact's number finds the elder too; and an unknown number rings every desk, town B's included. Town B's
    // desk hears that one, and never heard the first two.
    expect((await announce(pbx.token, { callerNumber: '0086 137 1234 5602', line: '12349', externalId: 'pbx-contact' })).body).toEqual({ matched: 1 });
    expect((await deskA.waitFor(ringing('pbx-contact'))).call.matches[0]?.contact).toEqual({ name: '女儿', relation: 'daughter' });
    expect((await announce(pbx.token, { callerNumber: '13600000999', line: 'supervision', externalId: 'pbx-unknown' })).body).toEqual({ matched: 0 });
    const unknownB = await deskB.waitFor(ringing('pbx-unknown'));
    expect(unknownB).toMatchObject({ regionId: null, call: { matches: [], line: 'supervision' } });
    await deskA.waitFor(ringing('pbx-unknown'));
    expect(deskB.events.some(ringing('pbx-known'))).toBe(false);
    expect(deskB.events.some(ringing('pbx-contact'))).toBe(false);
  });

  it("when a town's token announces a number nobody has, then only that town's desks hear it", async () => {
    const townPbx = await newToken('城关镇分机', net.townA.id);
    expect(townPbx.regionId).toBe(net.townA.id);
    expect((await announce(townPbx.token, { callerNumber: '010-8888 6666', line: 'direct', externalId: 'town-unknown' })).status).toBe(202);
    expect((await deskA.waitFor(ringing('town-unknown'))).regionId).toBe(net.townA.id);
    // A later county-wide ring reaches town B's desk, which by then would have had the town's one.
    const pbx = await newToken('对照');
    await announce(pbx.token, { callerNumber: '13600000998', line: '12349', externalId: 'after-town' });
    await deskB.waitFor(ringing('after-town'));
    expect(deskB.events.some(ringing('town-unknown'))).toBe(false);
  });

  it("when a town's token announces a number of another town's elder, then it is not found", async () => {
    const townB = await newToken('东坝镇分机', net.townB.id);
    expect((await announce(townB.token, { callerNumber: ELDER_PHONE, line: '12349', externalId: 'b-looks-for-a' })).body).toEqual({ matched: 0 });
    const heard = await deskB.waitFor(ringing('b-looks-for-a'));
    expect(heard).toMatchObject({ regionId: net.townB.id, call: { matches: [] } });
  });

  it('when the token is missing, wrong, revoked or a person\'s login, then the hook answers 401 and nobody hears a thing', async () => {
    const pbx = await newToken('将被吊销');
    const body = { callerNumber: ELDER_PHONE, line: '12349', externalId: 'refused' };
    const revoke = await gw.api.request('DELETE', `/api/v1/integrations/tokens/${pbx.id}`);
    expect(revoke.status).toBe(204);
    for (const token of [null, 'not-a-token', `${pbx.token}x`, pbx.token, net.operatorA.api.token, gw.adminToken]) {
      const r = await announce(token, body);
      expect(r.status).toBe(401);
      expect(r.body.error?.code).toBe('INTEGRATION_TOKEN_INVALID');
    }
    const listed = await gw.api.request<{ items: Array<{ id: string; revokedAt: string | null; token?: string }> }>('GET', '/api/v1/integrations/tokens');
    const entry = listed.body.items.find((t) => t.id === pbx.id);
    expect(entry?.revokedAt).not.toBeNull();
    expect(listed.body.items.every((t) => t.token === undefined)).toBe(true);
    expect((await gw.api.request('DELETE', `/api/v1/integrations/tokens/${pbx.id}`)).status).toBe(404);
    expect(deskA.events.some(ringing('refused'))).toBe(false);
  });

  it("when an integration token is used on the people's API, then it is refused", async () => {
    const pbx = await newToken('不可越权');
    const r = await gw.api.request<{ error: { code: string } }>('GET', '/api/v1/alerts', undefined, pbx.token);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('AUTH_REQUIRED');
  });

  it('when the number cannot be a Chinese number, then the hook answers 400 PHONE_INVALID', async () => {
    const pbx = await newToken('坏号码');
    for (const callerNumber of ['12349', 'anonymous', '+1 415 555 0100']) {
      const r = await announce(pbx.token, { callerNumber, line: '12349' });
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe('PHONE_INVALID');
    }
  });

  it('when one token announces more calls a minute than allowed, then it gets 429 while another token still gets through', async () => {
    const busy = await newToken('话务高峰');
    const statuses: number[] = [];
    for (let i = 0; i <= PER_MINUTE; i++) statuses.push((await announce(busy.token, { callerNumber: '13600000997', line: '12349' })).status);
    expect(statuses).toEqual([...Array<number>(PER_MINUTE).fill(202), 429]);
    expect((await announce(busy.token, { callerNumber: '13600000997', line: '12349' })).body.error?.code).toBe('RATE_LIMITED');
    const other = await newToken('另一台');
    expect((await announce(other.token, { callerNumber: '13600000997', line: '12349' })).status).toBe(202);
  });

  it('when someone other than an admin manages tokens, then it is refused', async () => {
    const made = await net.supervisorA.api.request<{ error: { code: string } }>('POST', '/api/v1/integrations/tokens', { name: '主管自建' });
    expect(made.status).toBe(403);
    expect(made.body.error.code).toBe('FORBIDDEN_ROLE');
    expect((await net.operatorA.api.request('GET', '/api/v1/integrations/tokens')).status).toBe(403);
  });
});
