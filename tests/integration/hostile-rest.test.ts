import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../gateway/src/app/errors.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { hostileValue, mutated } from '../support/hostile-payloads.js';
import { eventually } from '../support/mqtt-device.js';
import { restBodies, type RestBody } from '../support/rest-bodies.js';
import { storeFingerprint, type StoreFingerprint } from '../support/store-fingerprint.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Random and adversarial bodies, raw bytes and ids to every write route of the REST API (/api/v1), over real HTTP:
// every answer is a 4xx with a stable error code (the catalogue in app/errors.ts, or fastify's own FST_ERR_*),
// never a 5xx, and the store is unchanged. Bodies are kept invalid by asking the route's own schema, so a random
// body that happens to be valid (and would rightly change something) is not sent.

const BODIES_PER_ROUTE = 60;

let gw: TestGateway;
let network: CareNetwork;
let ids: {
  elder: string;
  device: string;
  alert: string;
  task: string;
  user: string;
  region: string;
  call: string;
  complaint: string;
  supervisor: string;
  integrationToken: string;
};
/** The token a PBX presents to the telephony hook: the people's API and the hook each refuse the other's. */
let integrationToken: string;
let before: StoreFingerprint;

interface WriteRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (id: string) => string;
  /** Which entity's real id goes into the path. */
  id?: keyof typeof ids;
  /** The route's body schema and one valid body; none for routes without a body. */
  body?: RestBody;
  /** Whose token the request carries: the admin's (default) or an integration's (the telephony hook). */
  auth?: 'integration';
}

const BODY = restBodies();

const ROUTES: WriteRoute[] = [
  { method: 'POST', path: () => '/api/v1/auth/login', body: BODY.login },
  { method: 'POST', path: () => '/api/v1/elders', body: BODY['create elder'] },
  { method: 'PATCH', path: (id) => `/api/v1/elders/${id}`, id: 'elder', body: BODY['update elder'] },
  { method: 'PUT', path: (id) => `/api/v1/elders/${id}/care-profile`, id: 'elder', body: BODY['care profile'] },
  { method: 'PUT', path: (id) => `/api/v1/elders/${id}/away`, id: 'elder', body: BODY['set away'] },
  { method: 'DELETE', path: (id) => `/api/v1/elders/${id}/away`, id: 'elder' },
  { method: 'POST', path: () => '/api/v1/devices', body: BODY['create device'] },
  { method: 'POST', path: (id) => `/api/v1/devices/${id}/secret`, id: 'device' },
  { method: 'PUT', path: (id) => `/api/v1/devices/${id}/test-mode`, id: 'device', body: BODY['test mode'] },
  { method: 'DELETE', path: (id) => `/api/v1/devices/${id}/test-mode`, id: 'device' },
  { method: 'POST', path: (id) => `/api/v1/devices/${id}/commands`, id: 'device', body: BODY['device command'] },
  { method: 'POST', path: (id) => `/api/v1/devices/${id}/retire`, id: 'device', body: BODY['retire device'] },
  { method: 'POST', path: (id) => `/api/v1/devices/${id}/replace`, id: 'device', body: BODY['replace device'] },
  { method: 'PATCH', path: (id) => `/api/v1/devices/${id}`, id: 'device', body: BODY['move device'] },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/ack`, id: 'alert', body: BODY.ack },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/dispatch`, id: 'alert', body: BODY.dispatch },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/accept`, id: 'alert' },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/decline`, id: 'alert', body: BODY.decline },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/arrive`, id: 'alert' },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/resolve`, id: 'alert', body: BODY.resolve },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/false-alarm`, id: 'alert', body: BODY['false alarm'] },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/hold`, id: 'alert', body: BODY.hold },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/notes`, id: 'alert', body: BODY['alert note'] },
  { method: 'POST', path: (id) => `/api/v1/tasks/${id}/assign`, id: 'task', body: BODY['assign task'] },
  { method: 'POST', path: (id) => `/api/v1/tasks/${id}/accept`, id: 'task' },
  { method: 'POST', path: (id) => `/api/v1/tasks/${id}/decline`, id: 'task', body: BODY.decline },
  { method: 'POST', path: (id) => `/api/v1/tasks/${id}/complete`, id: 'task', body: BODY['complete task'] },
  { method: 'POST', path: (id) => `/api/v1/tasks/${id}/cancel`, id: 'task', body: BODY['cancel task'] },
  { method: 'POST', path: () => '/api/v1/service-requests', body: BODY['service request'] },
  { method: 'POST', path: () => '/api/v1/regions', body: BODY['create region'] },
  { method: 'POST', path: () => '/api/v1/users', body: BODY['create user'] },
  { method: 'PATCH', path: (id) => `/api/v1/users/${id}`, id: 'user', body: BODY['update user'] },
  // The telephone (issue 19).
  { method: 'POST', path: () => '/api/v1/calls', body: BODY['create call'] },
  { method: 'POST', path: (id) => `/api/v1/calls/${id}/alert`, id: 'call', body: BODY['call alert'] },
  { method: 'POST', path: (id) => `/api/v1/calls/${id}/service-request`, id: 'call', body: BODY['call service request'] },
  { method: 'POST', path: (id) => `/api/v1/calls/${id}/link`, id: 'call', body: BODY['link call'] },
  { method: 'POST', path: (id) => `/api/v1/calls/${id}/register-elder`, id: 'call', body: BODY['register from call'] },
  { method: 'POST', path: (id) => `/api/v1/alerts/${id}/call-attempts`, id: 'alert', body: BODY['call attempt'] },
  { method: 'POST', path: () => '/api/v1/complaints', body: BODY['create complaint'] },
  { method: 'POST', path: (id) => `/api/v1/complaints/${id}/assign`, id: 'complaint', body: BODY['assign complaint'] },
  { method: 'POST', path: (id) => `/api/v1/complaints/${id}/answer`, id: 'complaint', body: BODY['answer complaint'] },
  { method: 'POST', path: (id) => `/api/v1/complaints/${id}/close`, id: 'complaint', body: BODY['close complaint'] },
  { method: 'POST', path: () => '/api/v1/integrations/tokens', body: BODY['create integration token'] },
  { method: 'DELETE', path: (id) => `/api/v1/integrations/tokens/${id}`, id: 'integrationToken' },
  { method: 'POST', path: () => '/api/v1/telephony/incoming', body: BODY['telephony incoming'], auth: 'integration' },
  { method: 'POST', path: () => '/api/v1/handover/notes', body: BODY['handover note'] },
  // The visit policy and visit retries (issue 21).
  { method: 'PUT', path: () => '/api/v1/visit-policy', body: BODY['visit policy'] },
  { method: 'POST', path: (id) => `/api/v1/tasks/${id}/retry`, id: 'task' },
];

const label = (r: WriteRoute) => `${r.method} ${r.path(':id')}`;
const KNOWN_CODES = new Set(Object.keys(ERRORS));

interface Answer {
  status: number;
  /** `error.code` of the API's error shape `{ error: { code, message } }`. */
  code: string | null;
  /** `code` of fastify's default error shape `{ error: "Bad Request", code, message, statusCode }`. */
  fastifyCode: string | null;
}

/**
 * Each request from the next of 250 loopback addresses: the API limits writes and logins per client address
 * (security-plugins.ts), and this is many clients' worth of hostile input, not one client's flood.
 */
let nextAddress = 0;
const clientAddress = () => `127.0.0.${2 + (nextAddress++ % 250)}`;

/** Sends raw bytes with the route's token (the admin's, or the integration's); returns the status and the error code of the reply. */
function send(route: WriteRoute, id: string, body: Buffer | string | null, contentType = 'application/json'): Promise<Answer> {
  const url = new URL(gw.httpUrl);
  const headers: Record<string, string | number> = { authorization: `Bearer ${route.auth === 'integration' ? integrationToken : gw.adminToken}` };
  if (body !== null) Object.assign(headers, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: route.method, path: route.path(id), headers, localAddress: clientAddress() },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ...errorCodes(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

function errorCodes(text: string): Pick<Answer, 'code' | 'fastifyCode'> {
  try {
    const reply = JSON.parse(text) as { error?: { code?: unknown }; code?: unknown };
    return {
      code: typeof reply.error?.code === 'string' ? reply.error.code : null,
      fastifyCode: typeof reply.code === 'string' ? reply.code : null,
    };
  } catch {
    return { code: null, fastifyCode: null };
  }
}

/** A refusal as the API promises it: 4xx, with a code from the catalogue or fastify's own. */
function expectStableRefusal(answer: Answer, what: string): void {
  expect(answer.status, what).toBeGreaterThanOrEqual(400);
  expect(answer.status, what).toBeLessThan(500);
  expect(answer.code !== null && (KNOWN_CODES.has(answer.code) || /^FST_ERR_[A-Z0-9_]+$/.test(answer.code)), `${what}: code ${answer.code}`).toBe(true);
}

const seenCodes = new Map<string, number>();
const tally = (a: Answer) => {
  const key = `${a.status} ${a.code ?? a.fastifyCode}`;
  seenCodes.set(key, (seenCodes.get(key) ?? 0) + 1);
};

beforeAll(async () => {
  gw = await startTestGateway({
    RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    TELEPHONY_RATE_LIMIT_PER_MINUTE: '1000000',
    OFFLINE_GRACE_SECONDS: '3600',
  });
  network = await setUpCareNetwork(gw);
  await network.elderA.button.send('events', 'sos');
  const alert = await eventually(() => gw.api.listAlerts('open'), (a) => a.length === 1);
  const task = await gw.api.request<{ id: string }>('POST', '/api/v1/service-requests', { elderId: network.elderA.id, service: 'meals' });
  // A call of a caller nobody knows yet (so link and register-elder would act on it), a complaint, an integration token.
  const made = async <T>(path: string, body: Record<string, unknown>): Promise<T> => {
    const r = await gw.api.request<T>('POST', path, body);
    expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(201);
    return r.body;
  };
  const call = await made<{ id: string }>('/api/v1/calls', { direction: 'inbound', line: '12349', callerNumber: '13900000001', callerName: '陌生来电', category: 'question' });
  const complaint = await made<{ id: string }>('/api/v1/complaints', { elderId: network.elderA.id, subject: 'service', statement: '上门太晚' });
  const token = await made<{ id: string; token: string }>('/api/v1/integrations/tokens', { name: '测试交换机' });
  integrationToken = token.token;
  ids = {
    elder: network.elderA.id,
    device: network.elderA.button.id,
    alert: alert[0]!.id,
    task: task.body.id,
    user: network.responderA.user.id,
    region: network.communityA.id,
    call: call.id,
    complaint: complaint.id,
    supervisor: network.supervisorA.user.id,
    integrationToken: token.id,
  };
  // Fill the valid bodies with real ids, so that the mutations start from something the gateway would take.
  for (const r of ROUTES) {
    const v = r.body?.valid;
    if (!v) continue;
    if ('elderId' in v) v.elderId = ids.elder;
    if ('responderId' in v) v.responderId = ids.user;
    if ('parentId' in v) v.parentId = ids.region;
    if ('regionId' in v) v.regionId = ids.region;
    if ('ownerId' in v) v.ownerId = ids.supervisor;
    if ('followUpCallId' in v) v.followUpCallId = ids.call;
  }
  before = storeFingerprint(gw.dataDir, ['sessions']);
});
afterAll(async () => {
  console.info(`[hostile-rest] answers seen (status code × count): ${JSON.stringify(Object.fromEntries([...seenCodes].sort()))}`);
  await network?.close();
  await gw?.close();
});

describe('hostile bodies to every write route', () => {
  const withBody = ROUTES.filter((r) => r.body);

  it.each(withBody.map((r) => [label(r), r] as const))(`when %s gets ${BODIES_PER_ROUTE} random or mutated bodies its schema refuses, then each is a 4xx with a stable code and nothing changes`, async (_name, route) => {
    const { schema, valid } = route.body!;
    const body = fc.oneof(
      { arbitrary: mutated(valid), weight: 3 },
      { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
      { arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 6 }), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const text = JSON.stringify(value);
        fc.pre(text !== undefined && !schema.safeParse(JSON.parse(text)).success);
        const answer = await send(route, route.id ? ids[route.id] : '', text);
        tally(answer);
        expectStableRefusal(answer, `${label(route)} ${text.slice(0, 200)}`);
      }),
      { numRuns: BODIES_PER_ROUTE, maxSkipsPerRun: 20 },
    );
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  });

  it.each(ROUTES.map((r) => [label(r), r] as const))('when %s gets broken JSON, wrong media types, 100,000-level nesting, 1 MB, poisoned prototypes or invalid UTF-8, then each is a 4xx with a stable code and nothing changes', async (_name, route) => {
    const id = route.id ? ids[route.id] : '';
    // `parses`: the gateway's parsers take it, so only the route's schema refuses it. Those are all non-objects (or no
    // body at all), which every required body schema refuses; a route without a body, or whose body may be left
    // out, would run on them, so they go only to routes whose schema refuses them.
    const raw: Array<{ what: string; body: Buffer | string; type?: string; parses?: true }> = [
      { what: 'broken JSON', body: '{"note":' },
      { what: 'a raw NUL inside a JSON string', body: '{"note":"a\u0000b"}' }, // the escape makes a real NUL byte, which JSON forbids
      // Read as no body at all (http/request-body.ts): what many clients send with an action that takes none.
      { what: 'an empty JSON body', body: '', parses: true },
      { what: '100,000 levels of nesting (200 KB, over the body limit)', body: '['.repeat(100_000) + ']'.repeat(100_000) },
      { what: '30,000 unclosed levels', body: `{"x":${'['.repeat(30_000)}` },
      { what: 'a 1 MB body', body: `{"note":"${'x'.repeat(1024 * 1024)}"}` },
      { what: 'a __proto__ key', body: '{"__proto__":{"polluted":1},"note":"x"}' },
      { what: 'a constructor.prototype key', body: '{"constructor":{"prototype":{"polluted":1}},"note":"x"}' },
      { what: 'form encoding', body: 'note=x', type: 'application/x-www-form-urlencoded' },
      { what: 'multipart', body: '--b\r\n\r\nx\r\n--b--', type: 'multipart/form-data; boundary=b' },
      { what: 'JSON null', body: 'null', parses: true },
      { what: 'a JSON number out of range', body: '1e400', parses: true },
      { what: '30,000 levels of nesting inside the body limit', body: '['.repeat(30_000) + ']'.repeat(30_000), parses: true },
      { what: 'invalid UTF-8 in a string', body: Buffer.concat([Buffer.from('["'), Buffer.from([0xff, 0xfe, 0xc0, 0xed, 0xa0, 0x80]), Buffer.from('"]')]), parses: true },
      { what: 'text/plain', body: '["note"]', type: 'text/plain', parses: true },
      { what: 'JSON declared as UTF-16', body: '["note"]', type: 'application/json; charset=utf-16', parses: true },
    ];
    for (const { what, body, type, parses } of raw) {
      if (parses && !route.body) continue;
      // No body or JSON null is the absent body of a route whose body is optional (an alert from a call): a valid request.
      if (parses && route.body && typeof body === 'string' && route.body.schema.safeParse(body === '' ? undefined : JSON.parse(body)).success) continue;
      const answer = await send(route, id, body, type);
      tally(answer);
      expectStableRefusal(answer, `${label(route)} ${what}`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  });

  it.each(ROUTES.filter((r) => r.id).map((r) => [label(r), r] as const))('when %s gets hostile ids (random, too long, NUL, traversal, injection) with a valid body, then each is a 4xx with a stable code and nothing changes', async (_name, route) => {
    const body = route.body ? JSON.stringify(route.body.valid) : null;
    const fixed = ['%00', 'a%00b', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(65), '%F0%9F%92%A9', "1'%20OR%20'1'%3D'1", '%0d%0aSet-Cookie:x'];
    for (const id of fixed) {
      const answer = await send(route, id, body);
      tally(answer);
      expectStableRefusal(answer, `${label(route)} id ${id.slice(0, 40)}`);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }), async (id) => {
        const answer = await send(route, encodeURIComponent(id), body);
        tally(answer);
        expectStableRefusal(answer, `${label(route)} id ${JSON.stringify(id)}`);
      }),
      { numRuns: 20 },
    );
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  });

  it.each(ROUTES.filter((r) => r.id).map((r) => [label(r), r] as const))('when %s gets an id that is not valid percent-encoding or is 10 KB long, then fastify refuses it before routing with its stable code and nothing changes', async (_name, route) => {
    // A lone %, a non-hex escape, a cut sequence, an overlong NUL (C0 80), a UTF-8-encoded surrogate (ED A0 80).
    const cases = [
      ...['%', '%zz', '%E0%A4%A', '%C0%80', '%ED%A0%80'].map((id) => ({ id, status: 400, code: 'FST_ERR_BAD_URL' })),
      { id: 'x'.repeat(10_000), status: 414, code: 'FST_ERR_MAX_PARAM_LENGTH' },
    ];
    for (const c of cases) {
      const answer = await send(route, c.id, route.body ? JSON.stringify(route.body.valid) : null);
      tally(answer);
      // fastify refuses these before routing; its frameworkErrors option answers in the API's shape.
      expect({ status: answer.status, code: answer.code }).toEqual({ status: c.status, code: c.code });
    }
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  });

  it('when the hostile requests are over, then the gateway still serves a valid write', async () => {
    const reply = await gw.api.ack(ids.alert);
    expect(reply.status).toBe(200);
  });
});
