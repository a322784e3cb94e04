import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView, Elder, TaskView } from '../../schemas/index.js';
import { createApiClient, type ApiClient } from '../support/api-client.js';
import { createPerson, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { eventually } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The call record over real HTTP: every call on record with its number normalised, in the right region, searched and
// paged; a caller nobody knew linked or registered later; a service request from a call; a phone check that
// completes a monthly visit when the visit policy allows it. Bad input leaves nothing behind, and another town's
// desk sees none of it.
//
// The gateway is started twice on the same data: the monthly visits of the elders registered on the first run are
// scheduled when the second one starts.

let dataDir: string;
let gw: TestGateway;
let net: CareNetwork;
let operatorA: ApiClient;
let operatorB: ApiClient;
let responderA: ApiClient;
/** An elder left behind (空巢) of community A, whose monthly visit a phone check may complete. */
let emptyNestId: string;

async function signIn(g: TestGateway, person: Person): Promise<ApiClient> {
  const api = createApiClient(g.httpUrl);
  await api.login(person.user.username, person.password);
  return api;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gateway-calls-'));
  const first = await startTestGateway({ DATA_DIR: dataDir });
  let opB: Person;
  try {
    net = await setUpCareNetwork(first);
    opB = await createPerson(first, 'op-b-calls', { displayName: '值班员乙', role: 'operator', regionId: net.townB.id });
    const elder = await first.api.createElder({ name: '钱桂兰', address: '幸福社区3栋2单元101', phone: '0571-8765 4321', riskCategory: 'empty_nest' });
    emptyNestId = elder.id;
    await first.api.request('PATCH', `/api/v1/elders/${elder.id}`, { regionId: net.communityA.id });
    await net.close();
  } finally {
    await first.close();
  }
  gw = await startTestGateway({ DATA_DIR: dataDir, PHONE_AREA_CODE: '0571' });
  operatorA = await signIn(gw, net.operatorA);
  operatorB = await signIn(gw, opB);
  responderA = await signIn(gw, net.responderA);
}, 60_000);
afterAll(async () => {
  await gw?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function body<T>(reply: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as T;
}

const createCall = (api: ApiClient, fields: Record<string, unknown>) =>
  body<CallView>(api.request('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', category: 'question', ...fields }), 201);

/** Every call on record, as the county's admin sees them. */
const allCalls = async () => (await body<{ items: CallView[] }>(gw.api.request('GET', '/api/v1/calls?limit=500'))).items;
const callAudit = async () => (await body<{ items: unknown[] }>(gw.api.request('GET', '/api/v1/audit?entityType=call&limit=1000'))).items;

describe('the call record', () => {
  it('when an operator records a call for a known elder, then it is 201 with the number normalised, the elder and their region, the operator, and an audit line', async () => {
    const call = await createCall(operatorA, { callerNumber: '+86 139-0000-0001', elderId: net.elderA.id, note: '问助餐时间' });
    expect(call).toMatchObject({
      callerNumber: '13900000001',
      elder: { id: net.elderA.id },
      regionId: net.communityA.id,
      operator: { id: net.operatorA.user.id, displayName: '值班员甲' },
      alertId: null,
      taskId: null,
    });
    expect(await body<CallView>(operatorA.request('GET', `/api/v1/calls/${call.id}`))).toEqual(call);
    const audit = await body<{ items: Array<{ action: string; actor: string }> }>(gw.api.request('GET', `/api/v1/audit?entityType=call&entityId=${call.id}`));
    expect(audit.items).toEqual([expect.objectContaining({ action: 'created', actor: `user:${net.operatorA.user.username}` })]);
  });

  it('when a call is refused (a number that cannot be Chinese, an unknown elder, nobody named, an elder of another town, a responder), then each has its code and nothing is on record', async () => {
    const calls = (await allCalls()).length;
    const audit = (await callAudit()).length;
    const refused = async (api: ApiClient, fields: Record<string, unknown>) => (await api.request('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', category: 'question', ...fields })).body;
    expect(await refused(operatorA, { callerNumber: '12345', callerName: '某人' })).toMatchObject({ error: { code: 'PHONE_INVALID' } });
    expect(await refused(operatorA, { callerNumber: '+1 415 555 0100', callerName: '某人' })).toMatchObject({ error: { code: 'PHONE_INVALID' } });
    expect(await refused(operatorA, { callerNumber: '13900000001', elderId: 'no-such-elder' })).toMatchObject({ error: { code: 'ELDER_NOT_FOUND' } });
    expect(await refused(operatorA, { callerNumber: '13900000001' })).toMatchObject({ error: { code: 'CALLER_UNIDENTIFIED' } });
    expect(await refused(operatorA, { elderId: net.elderB.id })).toMatchObject({ error: { code: 'FORBIDDEN_REGION' } });
    expect(await refused(responderA, { elderId: net.elderA.id })).toMatchObject({ error: { code: 'FORBIDDEN_ROLE' } });
    expect((await allCalls()).length).toBe(calls);
    expect((await callAudit()).length).toBe(audit);
  });

  it('when a bare local number is given, then it is completed with the county area code', async () => {
    const call = await createCall(operatorA, { callerNumber: '8765 4321', callerName: '孙大爷' });
    expect(call.callerNumber).toBe('057187654321');
  });

  it('when the log is searched by a number in another format, a name, an address or the note, and paged, then it finds each, newest first, with no call twice', async () => {
    const made: CallView[] = [];
    for (let i = 1; i <= 5; i++) {
      made.push(await createCall(operatorA, { callerNumber: `1371234000${i}`, callerName: `赵大妈${i}`, address: `东门街${i}号`, startedAt: new Date(Date.UTC(2026, 10, i)).toISOString() }));
    }
    const search = async (q: string, extra = '') => (await body<{ items: CallView[]; nextCursor: string | null }>(operatorA.request('GET', `/api/v1/calls?q=${encodeURIComponent(q)}${extra}`)));
    expect((await search('+86 137-1234-0003')).items.map((c) => c.id)).toEqual([made[2]?.id]);
    expect((await search('赵大妈4')).items.map((c) => c.id)).toEqual([made[3]?.id]);
    expect((await search('东门街2号')).items.map((c) => c.id)).toEqual([made[1]?.id]);
    expect((await search('问助餐')).items.length).toBeGreaterThan(0);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: CallView[]; nextCursor: string | null } = await search('1371234', `&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((c) => c.id).reverse());
    expect((await operatorA.request('GET', '/api/v1/calls?cursor=not-a-cursor')).status).toBe(400);
  });

  it('when a caller nobody knew is linked to an elder later, then the call moves from the operator\'s region to the elder\'s, once', async () => {
    const call = await createCall(operatorA, { callerNumber: '13900000001', callerName: '甲老人的儿子' });
    expect(call).toMatchObject({ elder: null, regionId: net.townA.id });
    const unlinked = await body<{ items: CallView[] }>(operatorA.request('GET', '/api/v1/calls?unlinked=true&limit=500'));
    expect(unlinked.items.map((c) => c.id)).toContain(call.id);

    const linked = await body<CallView>(operatorA.request('POST', `/api/v1/calls/${call.id}/link`, { elderId: net.elderA.id }));
    expect(linked).toMatchObject({ elder: { id: net.elderA.id }, regionId: net.communityA.id, callerName: '甲老人的儿子' });
    const again = await operatorA.request('POST', `/api/v1/calls/${call.id}/link`, { elderId: emptyNestId });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CALL_ALREADY_LINKED' } } });
    expect((await body<CallView>(operatorA.request('GET', `/api/v1/calls/${call.id}`))).elder?.id).toBe(net.elderA.id);
  });

  it('when the caller is registered from the call, then the new elder keeps the name, address and number said on the phone, is found by that number, and the call is linked to them', async () => {
    const elders = async () => (await body<{ items: Elder[] }>(gw.api.request('GET', '/api/v1/elders?limit=1000'))).items.length;
    const nameless = await createCall(operatorA, { callerNumber: '13655556666', address: '西街8号' });
    const before = await elders();
    const missing = await operatorA.request('POST', `/api/v1/calls/${nameless.id}/register-elder`, {});
    expect(missing).toMatchObject({ status: 400, body: { error: { code: 'CALLER_DETAILS_MISSING' } } });
    expect(await elders()).toBe(before);

    const registered = await body<{ call: CallView; elder: Elder }>(operatorA.request('POST', `/api/v1/calls/${nameless.id}/register-elder`, { name: '周奶奶', regionId: net.communityA.id }), 201);
    expect(registered.elder).toMatchObject({ name: '周奶奶', address: '西街8号', phone: '13655556666', regionId: net.communityA.id });
    expect(registered.call).toMatchObject({ elder: { id: registered.elder.id, name: '周奶奶' }, regionId: net.communityA.id });
    expect(await elders()).toBe(before + 1);
    expect((await body<Elder>(operatorA.request('GET', `/api/v1/elders/${registered.elder.id}`))).name).toBe('周奶奶');
    // The next time they ring, the desk finds them by their number.
    const found = await body<{ items: Array<{ id: string; matchedOn: string[] }> }>(operatorA.request('GET', '/api/v1/elders/lookup?q=136%205555%206666'));
    expect(found.items[0]).toMatchObject({ id: registered.elder.id, matchedOn: ['phone'] });
    const twice = await operatorA.request('POST', `/api/v1/calls/${nameless.id}/register-elder`, {});
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'CALL_ALREADY_LINKED' } } });
  });

  it('when a service request comes by phone, then the call opens the same service task as the green key, once', async () => {
    const call = await createCall(operatorA, { callerNumber: '13900000001', elderId: net.elderA.id, category: 'service_request' });
    const opened = await body<{ call: CallView; task: TaskView }>(operatorA.request('POST', `/api/v1/calls/${call.id}/service-request`, { service: 'shopping', note: '买米和油' }), 201);
    expect(opened.task).toMatchObject({ kind: 'service', reason: 'service_request', service: 'shopping', status: 'open', elder: { id: net.elderA.id }, deviceId: null });
    expect(opened.call.taskId).toBe(opened.task.id);
    const again = await operatorA.request('POST', `/api/v1/calls/${call.id}/service-request`, { service: 'meals' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CALL_ALREADY_LINKED' } } });
    expect((await operatorA.listTasks('open')).filter((t) => t.elder.id === net.elderA.id && t.kind === 'service').map((t) => t.service)).toEqual(['shopping']);
  });

  it("when another town's operator looks, then none of town A's calls is listed and each is 403 to read, link or act on", async () => {
    const call = await createCall(operatorA, { callerNumber: '13900000001', elderId: net.elderA.id });
    const unknown = await createCall(operatorA, { callerName: '无名来电' });
    const theirs = await body<{ items: CallView[] }>(operatorB.request('GET', '/api/v1/calls?limit=500'));
    expect(theirs.items.filter((c) => c.regionId === net.communityA.id || c.regionId === net.townA.id)).toEqual([]);
    expect((await body<{ items: CallView[] }>(operatorB.request('GET', '/api/v1/calls?q=13900000001'))).items).toEqual([]);
    for (const id of [call.id, unknown.id]) {
      expect((await operatorB.request('GET', `/api/v1/calls/${id}`)).status).toBe(403);
      expect((await operatorB.request('POST', `/api/v1/calls/${id}/link`, { elderId: net.elderB.id })).status).toBe(403);
      expect((await operatorB.request('POST', `/api/v1/calls/${id}/service-request`, { service: 'meals' })).status).toBe(403);
    }
    expect((await body<CallView>(operatorA.request('GET', `/api/v1/calls/${unknown.id}`))).elder).toBeNull();
  });

  it('when the API is documented, then every call route is in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${gw.httpUrl}/api/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/calls', '/api/v1/calls/{id}', '/api/v1/calls/{id}/alert', '/api/v1/calls/{id}/register-elder', '/api/v1/alerts/{id}/calling-order', '/api/v1/alerts/{id}/call-attempts']),
    );
  });
});

describe('a phone check (电话问候) and the care visit', () => {
  const visitOf = (elderId: string) =>
    eventually(
      async () => (await operatorA.listTasks('all')).find((t) => t.kind === 'care_visit' && t.elder.id === elderId),
      (t) => t !== undefined,
    ) as Promise<TaskView>;
  const phoneCheck = (elderId: string, taskId: string, outcome = 'answered') =>
    operatorA.request('POST', '/api/v1/calls', { direction: 'outbound', line: 'direct', callerNumber: '0571 8765 4321', elderId, category: 'wellbeing', outcome, note: '身体好，吃得下', visitTaskId: taskId });

  it('when an empty-nest elder (空巢, whose visits count by phone) is called and answers, then the call completes their care visit by phone and is linked to it', async () => {
    const visit = await visitOf(emptyNestId);
    const call = await body<CallView>(phoneCheck(emptyNestId, visit.id), 201);
    expect(call.taskId).toBe(visit.id);
    const done = (await operatorA.listTasks('all')).find((t) => t.id === visit.id);
    expect(done).toMatchObject({ status: 'done', outcome: 'visited', visitMode: 'phone', visitModes: ['door', 'phone'], completedBy: `user:${net.operatorA.user.username}`, note: '电话问候 / phone visit: 身体好，吃得下' });
  });

  it('when an elder who lives alone (visits count at the door only) is called, then the visit is refused (409 PHONE_VISIT_NOT_ALLOWED): the visit stays open and no call is on record', async () => {
    const visit = await visitOf(net.elderA.id);
    const calls = (await allCalls()).length;
    const refused = await phoneCheck(net.elderA.id, visit.id);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'PHONE_VISIT_NOT_ALLOWED' } } });
    expect((await operatorA.listTasks('all')).find((t) => t.id === visit.id)?.status).toBe('open');
    expect((await allCalls()).length).toBe(calls);
  });

  it('when the phone check was not answered, then it cannot count as a visit (400 PHONE_VISIT_INVALID) and nothing is written', async () => {
    const other = await gw.api.createElder({ name: '吴老伯', address: '幸福社区5栋', riskCategory: 'very_old' });
    const calls = (await allCalls()).length;
    const visit = await visitOf(emptyNestId);
    const refused = await phoneCheck(emptyNestId, visit.id, 'no_answer');
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'PHONE_VISIT_INVALID' } } });
    const wrongElder = await gw.api.request('POST', '/api/v1/calls', { direction: 'outbound', line: 'direct', elderId: other.id, category: 'wellbeing', outcome: 'answered', visitTaskId: visit.id });
    expect(wrongElder).toMatchObject({ status: 400, body: { error: { code: 'PHONE_VISIT_INVALID' } } });
    expect((await allCalls()).length).toBe(calls);
  });
});
