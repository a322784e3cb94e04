import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, rootRegion, type Person } from '../support/care-network.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Failed logins (issue 17, item 15): five wrong passwords lock a name for the address they came from, not for
// everybody, so a stranger cannot lock a desk out of its account; and a login takes the same time and answers the
// same way whether the name exists or not. Over real HTTP, from several loopback addresses (127.0.0.x).

interface Reply {
  status: number;
  code: string | null;
  ms: number;
}

function loginFrom(gw: TestGateway, from: string, username: string, password: string): Promise<Reply> {
  const url = new URL('/api/v1/auth/login', gw.httpUrl);
  const payload = JSON.stringify({ username, password });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, localAddress: from },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const body = text ? (JSON.parse(text) as { error?: { code?: string } }) : {};
          resolve({ status: res.statusCode ?? 0, code: body.error?.code ?? null, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

describe('a lock per name and address', () => {
  let gw: TestGateway;
  let desk: Person;
  beforeAll(async () => {
    // The per-address rate limit of refused logins is issue 10's; here it must not hide what the lock does.
    gw = await startTestGateway({ RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    desk = await createPerson(gw, 'county-desk', { displayName: '值班员', role: 'operator', regionId: (await rootRegion(gw)).id });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('when a stranger types a desk name with wrong passwords five times, then only the stranger is locked out: the desk logs in from its own address', async () => {
    const codes: Array<string | null> = [];
    for (let i = 0; i < 6; i++) codes.push((await loginFrom(gw, '127.0.0.21', desk.user.username, `guess-${i}`)).code);
    expect(codes).toEqual([...Array(5).fill('AUTH_INVALID_CREDENTIALS'), 'AUTH_LOCKED']);
    // The guessing address stays locked even with the right password.
    expect((await loginFrom(gw, '127.0.0.21', desk.user.username, desk.password)).code).toBe('AUTH_LOCKED');

    const own = await loginFrom(gw, '127.0.0.22', desk.user.username, desk.password);
    expect(own).toMatchObject({ status: 200, code: null });
    // Other names from the locked address are not locked either.
    expect((await loginFrom(gw, '127.0.0.21', 'admin', gw.adminPassword)).status).toBe(200);
  });

  it('when a name that does not exist is guessed five times, then it locks exactly as a real one does, so the replies do not tell names apart', async () => {
    const unknown: Array<string | null> = [];
    for (let i = 0; i < 7; i++) unknown.push((await loginFrom(gw, '127.0.0.23', 'nobody-by-this-name', `guess-${i}`)).code);
    const known: Array<string | null> = [];
    for (let i = 0; i < 7; i++) known.push((await loginFrom(gw, '127.0.0.23', desk.user.username, `guess-${i}`)).code);
    expect(unknown).toEqual(known);
    expect(known).toEqual([...Array(5).fill('AUTH_INVALID_CREDENTIALS'), 'AUTH_LOCKED', 'AUTH_LOCKED']);
  });

  it('when an admin sets a new password, then the locks of that name are lifted on every address', async () => {
    const responder = await createPerson(gw, 'locked-responder', { displayName: '护理员', role: 'responder', regionId: (await rootRegion(gw)).id, responderKind: 'care_worker' });
    for (let i = 0; i < 5; i++) await loginFrom(gw, '127.0.0.24', responder.user.username, `guess-${i}`);
    expect((await loginFrom(gw, '127.0.0.24', responder.user.username, responder.password)).code).toBe('AUTH_LOCKED');
    expect((await gw.api.request('POST', `/api/v1/users/${responder.user.id}/password`, { password: 'new-password-from-admin' })).status).toBe(200);
    expect((await loginFrom(gw, '127.0.0.24', responder.user.username, 'new-password-from-admin')).status).toBe(200);
  });
});

describe('login time', () => {
  let gw: TestGateway;
  let desk: Person;
  beforeAll(async () => {
    // Neither the lock nor the rate limit may step in while the times are measured.
    gw = await startTestGateway({ RATE_LIMIT_LOGIN_PER_MINUTE: '10000', LOGIN_MAX_FAILURES: '10000' });
    desk = await createPerson(gw, 'timed-desk', { displayName: '值班员', role: 'operator', regionId: (await rootRegion(gw)).id });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('when wrong passwords are tried for a known and an unknown name, then both take the same time', async () => {
    const ROUNDS = 30;
    const known: number[] = [];
    const unknown: number[] = [];
    // Warm both paths first (JIT, prepared statements), then alternate so that load on the machine hits both alike.
    await loginFrom(gw, '127.0.0.31', desk.user.username, 'warm-up');
    await loginFrom(gw, '127.0.0.31', 'warm-up-nobody', 'warm-up');
    for (let i = 0; i < ROUNDS; i++) {
      // Each goes first in half the rounds.
      const knownFirst = i % 2 === 0;
      const first = await loginFrom(gw, '127.0.0.31', knownFirst ? desk.user.username : `nobody-${i}`, `wrong-${i}`);
      const second = await loginFrom(gw, '127.0.0.31', knownFirst ? `nobody-${i}` : desk.user.username, `wrong-${i}`);
      const [k, u] = knownFirst ? [first, second] : [second, first];
      expect([k.code, u.code]).toEqual(['AUTH_INVALID_CREDENTIALS', 'AUTH_INVALID_CREDENTIALS']);
      known.push(k.ms);
      unknown.push(u.ms);
    }
    const [k, u] = [median(known), median(unknown)];
    console.info(`login time, median of ${ROUNDS}: known name ${k.toFixed(1)} ms, unknown name ${u.toFixed(1)} ms`);
    // Before, an unknown name answered in about 1 ms and a known one in about 33 ms (the scrypt). The bounds leave room
    // for a machine shared with other work (medians of one run were seen 12 % apart either way under load).
    expect(u).toBeGreaterThan(k * 0.7);
    expect(u).toBeLessThan(k * 1.4);
  });
});
