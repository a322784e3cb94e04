import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, rootRegion } from '../support/care-network.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Security headers, CORS and the per-address rate limits, over real HTTP. Defaults: 10 refused logins and 600 writes
// per client address and minute; an account locks for that address after 5 failures in a row (LOGIN_MAX_FAILURES).

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code: string } } | null;
}

/** One request from a chosen local address (127.0.0.x), to tell client addresses apart on one machine. */
function requestFrom(gw: TestGateway, from: string, method: string, path: string, body?: unknown, token?: string): Promise<RawReply> {
  const url = new URL(path, gw.httpUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: from }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as RawReply['body']) : null }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const login = (gw: TestGateway, from: string, username: string, password: string) => requestFrom(gw, from, 'POST', '/api/v1/auth/login', { username, password });
const codeOf = (reply: RawReply): string => (reply.body?.error?.code ?? String(reply.status));

/** A fetch whose body is read to the end, so the connection is free again when the gateway closes. */
async function fetchDrained(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return res;
}

describe('security headers and CORS', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ CORS_ORIGINS: 'https://portal.example.org, https://desk.example.org' });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('when the dashboard, an API reply and the API docs are fetched, then each carries the CSP and the hardening headers', async () => {
    // the desk's script as Vite named it (hashed), read from the page that loads it
    const page = await (await fetch(`${gw.httpUrl}/`)).text();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(page)?.[1];
    expect(script, 'the desk page loads its bundle').toMatch(/^\/assets\/.+\.js$/);
    for (const path of ['/', '/responder.html', '/api/v1/me', '/api/docs', script!]) {
      const res = await fetchDrained(`${gw.httpUrl}${path}`, { headers: { authorization: `Bearer ${gw.adminToken}` } });
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'self'", "script-src 'self'", "script-src-attr 'none'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "connect-src 'self'"]) {
        expect(csp, `${path}: ${directive}`).toContain(directive);
      }
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      // Plain HTTP: no HSTS and no upgrade of the page's requests to an HTTPS port that does not exist.
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
      expect(csp, path).not.toContain('upgrade-insecure-requests');
    }
  });

  it('when a configured origin sends a preflight, then it may call the API with a bearer token', async () => {
    const res = await fetchDrained(`${gw.httpUrl}/api/v1/elders`, {
      method: 'OPTIONS',
      headers: { origin: 'https://desk.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://desk.example.org');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const get = await fetchDrained(`${gw.httpUrl}/api/v1/me`, { headers: { origin: 'https://portal.example.org', authorization: `Bearer ${gw.adminToken}` } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://portal.example.org');
  });

  it('when an origin that is not configured asks, then the reply allows no cross-origin use', async () => {
    const res = await fetchDrained(`${gw.httpUrl}/api/v1/me`, { headers: { origin: 'https://evil.example.com', authorization: `Bearer ${gw.adminToken}` } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetchDrained(`${gw.httpUrl}/api/v1/elders`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when the OpenAPI document is read, then login and every write route document the 429 RATE_LIMITED reply', async () => {
    const doc = (await (await fetch(`${gw.httpUrl}/api/docs/json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ op: `${method.toUpperCase()} ${path}`, has429: '429' in op.responses })),
    );
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.filter((w) => !w.has429)).toEqual([]);
    expect(Object.values(doc.paths['/api/v1/alerts'] ?? {}).some((op) => '429' in op.responses)).toBe(false);
  });
});

describe('security defaults: same origin only', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('when no CORS origins are configured, then no origin gets CORS headers and a preflight finds no route', async () => {
    const res = await fetchDrained(`${gw.httpUrl}/api/v1/me`, { headers: { origin: 'https://desk.example.org', authorization: `Bearer ${gw.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetchDrained(`${gw.httpUrl}/api/v1/elders`, { method: 'OPTIONS', headers: { origin: 'https://desk.example.org', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(404);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('login brute force: slowed per address and locked per account', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('when a whole shift signs in from one address, then successful logins never use up the limit', async () => {
    const region = await rootRegion(gw);
    const person = await createPerson(gw, 'shift-operator', { displayName: '值班员', role: 'operator', regionId: region.id });
    const replies = [];
    for (let i = 0; i < 15; i++) replies.push(await login(gw, '127.0.0.1', person.user.username, person.password));
    expect(replies.map((r) => r.status)).toEqual(Array(15).fill(200));
  });

  it('when one address keeps guessing, then the account locks after 5 failures and the address is refused after 10', async () => {
    const region = await rootRegion(gw);
    const victim = await createPerson(gw, 'victim', { displayName: '被试', role: 'supervisor', regionId: region.id });
    const other = await createPerson(gw, 'bystander', { displayName: '旁人', role: 'operator', regionId: region.id });
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push(codeOf(await login(gw, '127.0.0.3', victim.user.username, `guess-${i}-wrong`)));
    expect(codes).toEqual([
      ...Array(5).fill('AUTH_INVALID_CREDENTIALS'),
      ...Array(5).fill('AUTH_LOCKED'),
      ...Array(2).fill('RATE_LIMITED'),
    ]);

    const slowed = await login(gw, '127.0.0.3', other.user.username, other.password);
    expect(slowed.status).toBe(429);
    expect(codeOf(slowed)).toBe('RATE_LIMITED');
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Another address is not slowed, and the lock holds the guessing address only: the victim signs in from theirs
    // (tests/integration/login-lockout.test.ts has the rest).
    expect((await login(gw, '127.0.0.4', other.user.username, other.password)).status).toBe(200);
    expect((await login(gw, '127.0.0.4', victim.user.username, victim.password)).status).toBe(200);
  });
});

describe('write rate limit per address', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('when one address sends more than 600 writes in a minute, then the rest are 429 RATE_LIMITED while reads and other addresses go on', async () => {
    const me = (await gw.api.request<{ id: string }>('GET', '/api/v1/me')).body;
    const write = (from: string) => requestFrom(gw, from, 'PATCH', `/api/v1/users/${me.id}`, { onDuty: true }, gw.adminToken);
    const statuses: number[] = [];
    for (let batch = 0; batch < 60; batch++) statuses.push(...(await Promise.all(Array.from({ length: 10 }, () => write('127.0.0.5')))).map((r) => r.status));
    expect(statuses).toEqual(Array(600).fill(200));

    const refused = await write('127.0.0.5');
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await requestFrom(gw, '127.0.0.5', 'GET', '/api/v1/me', undefined, gw.adminToken)).status).toBe(200);
    expect((await write('127.0.0.6')).status).toBe(200);
  });
});
