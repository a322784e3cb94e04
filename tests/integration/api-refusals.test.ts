import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, Elder, TaskView } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectLive } from '../support/live-client.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// What the API refuses, over real HTTP, so an integrator's mistake is an answer rather than a silent surprise:
// unknown body fields and query parameters, numbers nobody can dial; and what it does not refuse: an action that
// needs no body, sent with none, with an empty one or with `{}`.

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

interface Reply {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** A request exactly as given: no body, an empty one or any text, with or without a content type. */
async function send(method: string, path: string, options: { token?: string; contentType?: string; body?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? gw.adminToken}` };
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  const res = await fetch(`${gw.httpUrl}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: options.body }) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
}
const json = (method: string, path: string, body: unknown, token?: string) =>
  send(method, path, { contentType: 'application/json', body: JSON.stringify(body), ...(token === undefined ? {} : { token }) });

/** The three ways of sending nothing. */
const NOTHING = {
  'no body at all': {},
  'an empty body with content-type application/json': { contentType: 'application/json', body: '' },
  'the body {}': { contentType: 'application/json', body: '{}' },
} as const;

// --- The OpenAPI document: every request body closed -----------------------------------------------------------

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; additionalProperties?: unknown; [k: string]: unknown };

/** Every object in a JSON schema (nested properties, array items, unions) that lets unknown properties through. */
function openObjects(schema: unknown, at: string): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as JsonSchema;
  const found: string[] = [];
  const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')) || node.properties !== undefined;
  // A record (additionalProperties: a schema) is a map by design; an object with named fields must close itself.
  if (isObject && (node.additionalProperties === undefined || node.additionalProperties === true)) found.push(at);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, inner] of Object.entries(value)) found.push(...openObjects(inner, `${at}.${name}`));
    } else if (Array.isArray(value)) {
      value.forEach((inner, i) => found.push(...openObjects(inner, `${at}.${key}[${i}]`)));
    } else if (key !== 'properties' && value && typeof value === 'object') {
      found.push(...openObjects(value, `${at}.${key}`));
    }
  }
  return found;
}

interface Operation {
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
let openApi: { paths: Record<string, Record<string, Operation>> };
const operations = () =>
  Object.entries(openApi.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

describe('the OpenAPI document', () => {
  beforeAll(async () => {
    openApi = (await (await fetch(`${gw.httpUrl}/api/docs/json`)).json()) as typeof openApi;
  });

  it('when every request body of every route is walked, then no object in it allows additional properties', () => {
    const bodies = operations().filter(({ op }) => op.requestBody?.content?.['application/json']?.schema !== undefined);
    expect(bodies.length).toBeGreaterThan(25);
    const open = bodies.flatMap(({ path, method, op }) => openObjects(op.requestBody!.content!['application/json']!.schema, `${method} ${path}`));
    expect(open).toEqual([]);
  });

  it('when every GET with query parameters is sent one it does not know, then each answers 400 REQUEST_INVALID naming it', async () => {
    const gets = operations().filter(({ method, op }) => method === 'GET' && (op.parameters ?? []).some((p) => p.in === 'query'));
    expect(gets.length).toBeGreaterThan(10);
    for (const { path } of gets) {
      const reply = await send('GET', `${path.replace(/\{[^}]+\}/g, 'x')}?bogusFilter=1`);
      expect(reply.status, `GET ${path}`).toBe(400);
      expect(reply.body.error?.code, `GET ${path}`).toBe('REQUEST_INVALID');
      expect(reply.body.error?.message, `GET ${path}`).toContain('bogusFilter');
    }
  });
});

// --- Unknown body fields ---------------------------------------------------------------------------------------

describe('unknown body fields', () => {
  it('when an elder is registered with a misspelt field (regionID), then 400 REQUEST_INVALID names it and no elder is made', async () => {
    const before = await send('GET', '/api/v1/elders');
    const reply = await json('POST', '/api/v1/elders', { name: '错字老人', address: '幸福社区9号', regionID: net.communityA.id });
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    expect(reply.body.error?.message).toContain('regionID');
    const after = await send('GET', '/api/v1/elders');
    expect((after.body.items as Elder[]).length).toBe((before.body.items as Elder[]).length);
  });

  it('when an unknown field is sent to create, to change or to act, then each is refused alike', async () => {
    const elderId = net.elderA.id;
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ['PATCH', `/api/v1/elders/${elderId}`, { adress: '拼错的地址' }],
      ['POST', '/api/v1/devices', { elderId, kind: 'call_button', rooom: '卧室' }],
      ['POST', '/api/v1/auth/login', { username: 'admin', password: gw.adminPassword, remember: true }],
      ['POST', '/api/v1/alerts/x/ack', { note: '已电话联系', priority: 1 }],
      ['POST', '/api/v1/service-requests', { elderId, service: 'bathing', when: 'tomorrow' }],
    ];
    for (const [method, path, body] of cases) {
      const reply = await json(method, path, body);
      expect(reply.status, `${method} ${path}`).toBe(400);
      expect(reply.body.error?.code, `${method} ${path}`).toBe('REQUEST_INVALID');
    }
  });

  it('when a route that takes no body is sent fields, then 400 REQUEST_INVALID', async () => {
    const reply = await json('POST', '/api/v1/alerts/x/accept', { note: 'on my way' }, net.responderA.api.token);
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID', message: 'this route takes no body' } } });
  });
});

// --- Phone numbers ---------------------------------------------------------------------------------------------

describe('phone numbers of elders and contacts', () => {
  const elderBody = (fields: Record<string, unknown>) => ({ name: '号码老人', address: '幸福社区12号', regionId: net.communityA.id, ...fields });

  it('when the elder phone or a contact phone cannot be a number, then 400 PHONE_INVALID names it and nothing is made', async () => {
    const bad = await json('POST', '/api/v1/elders', elderBody({ phone: 'not-a-phone!!' }));
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'PHONE_INVALID' } } });
    const badContact = await json('POST', '/api/v1/elders', elderBody({ contacts: [{ name: '儿子', relation: '儿子', phone: '12345' }] }));
    expect(badContact).toMatchObject({ status: 400, body: { error: { code: 'PHONE_INVALID' } } });
    expect(badContact.body.error?.message).toContain('contacts[0].phone');
    const found = await send('GET', `/api/v1/elders/lookup?q=${encodeURIComponent('号码老人')}`);
    expect(found.body.items).toEqual([]);
  });

  it('when numbers are written as people write them, then they are stored in one form and the lookup finds the elder by either', async () => {
    const created = await json('POST', '/api/v1/elders', elderBody({ phone: '+86 138-1234-5678', contacts: [{ name: '女儿', relation: '女儿', phone: '（0571）8765－4321' }] }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phone: '13812345678', contacts: [{ phone: '057187654321' }] });
    for (const q of ['138 1234 5678', '0571-8765 4321']) {
      const found = await send('GET', `/api/v1/elders/lookup?q=${encodeURIComponent(q)}`);
      expect((found.body.items as Array<{ id: string }>).map((i) => i.id), q).toContain(created.body.id);
    }
  });

  it('when an elder is changed to a number that cannot be one, then 400 PHONE_INVALID and the record keeps its number; an empty one removes it', async () => {
    const created = await json('POST', '/api/v1/elders', elderBody({ phone: '13912345678' }));
    const path = `/api/v1/elders/${String(created.body.id)}`;
    expect(await json('PATCH', path, { phone: 'not-a-phone!!' })).toMatchObject({ status: 400, body: { error: { code: 'PHONE_INVALID' } } });
    expect(await json('PATCH', path, { contacts: [{ name: '邻居', relation: '邻居', phone: 'call me' }] })).toMatchObject({ status: 400, body: { error: { code: 'PHONE_INVALID' } } });
    expect((await send('GET', path)).body).toMatchObject({ phone: '13912345678', contacts: [] });
    expect(await json('PATCH', path, { phone: '0086 139 1234 5670' })).toMatchObject({ status: 200, body: { phone: '13912345670' } });
    expect(await json('PATCH', path, { phone: '' })).toMatchObject({ status: 200, body: { phone: null } });
  });
});

describe('phone numbers of users', () => {
  const userBody = (fields: Record<string, unknown>) => ({
    username: `phone-user-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
    displayName: '号码护理员',
    password: 'a-long-password-1',
    role: 'responder',
    responderKind: 'care_worker',
    regionId: net.communityA.id,
    ...fields,
  });

  it('when a new user\'s phone cannot be a number, then 400 PHONE_INVALID as for an elder and no account is made', async () => {
    const body = userBody({ phone: 'not-a-phone!!' });
    expect(await json('POST', '/api/v1/users', body)).toMatchObject({ status: 400, body: { error: { code: 'PHONE_INVALID' } } });
    const users = await send('GET', '/api/v1/users');
    expect((users.body.items as Array<{ username: string }>).some((u) => u.username === body.username)).toBe(false);
  });

  it('when a user\'s phone is written as people write it, then it is stored in one form; a change to a bad one is refused and the number kept', async () => {
    const created = await json('POST', '/api/v1/users', userBody({ phone: '+86 139-0731-0101' }));
    expect(created).toMatchObject({ status: 201, body: { phone: '13907310101' } });
    const path = `/api/v1/users/${String(created.body.id)}`;
    expect(await json('PATCH', path, { phone: 'call me' })).toMatchObject({ status: 400, body: { error: { code: 'PHONE_INVALID' } } });
    const listed = (await send('GET', '/api/v1/users')).body.items as Array<{ id: string; phone: string | null }>;
    expect(listed.find((u) => u.id === created.body.id)?.phone).toBe('13907310101');
    expect(await json('PATCH', path, { phone: '（0731）8765－4321' })).toMatchObject({ status: 200, body: { phone: '073187654321' } });
  });
});

// --- Actions that need no body ---------------------------------------------------------------------------------

describe('actions that need no body', () => {
  it('when ack, accept and arrive are sent no body, an empty JSON body or {}, then each works alike', async () => {
    const live = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const done = new Set<string>();
    try {
      for (const [how, nothing] of Object.entries(NOTHING)) {
        await net.elderA.button.send('events', 'sos');
        const raised = await live.waitFor((e) => e.type === 'alert.raised' && e.alert.elder.id === net.elderA.id && !done.has(e.alert.id));
        const id = raised.type === 'alert.raised' ? raised.alert.id : '';
        done.add(id);
        const ack = await send('POST', `/api/v1/alerts/${id}/ack`, { ...nothing, token: net.operatorA.api.token });
        expect(ack, `ack, ${how}`).toMatchObject({ status: 200, body: { status: 'acknowledged' } });
        expect((await json('POST', `/api/v1/alerts/${id}/dispatch`, { responderId: net.responderA.user.id }, net.operatorA.api.token)).status).toBe(200);
        const accept = await send('POST', `/api/v1/alerts/${id}/accept`, { ...nothing, token: net.responderA.api.token });
        expect(accept, `accept, ${how}`).toMatchObject({ status: 200, body: { status: 'dispatched' } });
        expect((accept.body as unknown as AlertView).acceptedAt).not.toBeNull();
        const arrive = await send('POST', `/api/v1/alerts/${id}/arrive`, { ...nothing, token: net.responderA.api.token });
        expect(arrive, `arrive, ${how}`).toMatchObject({ status: 200, body: { status: 'on_site' } });
        expect((await json('POST', `/api/v1/alerts/${id}/resolve`, { reason: 'handled_on_site' }, net.responderA.api.token)).status).toBe(200);
      }
    } finally {
      live.close();
    }
  });

  it('when a task is accepted with no body, an empty JSON body or {}, then each works alike', async () => {
    for (const [how, nothing] of Object.entries(NOTHING)) {
      const task = await json('POST', '/api/v1/service-requests', { elderId: net.elderA.id, service: 'meals' }, net.operatorA.api.token);
      const id = (task.body as unknown as TaskView).id;
      expect((await json('POST', `/api/v1/tasks/${id}/assign`, { responderId: net.responderA.user.id }, net.operatorA.api.token)).status).toBe(200);
      const accept = await send('POST', `/api/v1/tasks/${id}/accept`, { ...nothing, token: net.responderA.api.token });
      expect(accept, `task accept, ${how}`).toMatchObject({ status: 200, body: { status: 'accepted' } });
    }
  });

  it('when a route that needs a body is sent an empty JSON body, then 400 REQUEST_INVALID, never a framework code', async () => {
    for (const [method, path] of [['POST', '/api/v1/alerts/x/resolve'], ['POST', '/api/v1/elders'], ['PATCH', `/api/v1/elders/${net.elderA.id}`]] as const) {
      const reply = await send(method, path, { contentType: 'application/json', body: '' });
      expect(reply, `${method} ${path}`).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    }
  });
});
