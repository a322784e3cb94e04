import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../support/api-client.js';
import { manualClock } from '../support/manual-clock.js';
import { startTestGateway, TEST_ADMIN, type TestGateway } from '../support/test-gateway.js';

// A bearer token lives TOKEN_TTL_HOURS from its login. Past that it is refused everywhere it is shown: on REST with
// 401 AUTH_REQUIRED, and on the live websocket with close code 4401, so the page goes back to its login.

const T0 = Date.parse('2025-03-03T08:00:00Z');
const HOUR = 3600_000;

const clock = manualClock(T0);
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ TOKEN_TTL_HOURS: '2' }, { clock: clock.now });
});
afterAll(async () => {
  await gw?.close();
});

/** The close code the live hub gives a socket opened with `token`, or 'open' when it welcomes it with a snapshot. */
function liveVerdict(token: string): Promise<number | 'open'> {
  const socket = new WebSocket(`${gw.httpUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
  return new Promise((resolve, reject) => {
    socket.once('message', () => {
      socket.close();
      resolve('open');
    });
    socket.once('close', (code) => resolve(code));
    socket.once('error', reject);
  });
}

describe('token expiry', () => {
  it('when a token is used before and after TOKEN_TTL_HOURS, then it works until then and is refused on REST and the websocket after', async () => {
    clock.set(T0);
    const api = createApiClient(gw.httpUrl);
    const login = await api.request<{ token: string; expiresAt: string }>('POST', '/api/v1/auth/login', TEST_ADMIN, null);
    expect(login.status).toBe(200);
    expect(login.body.expiresAt).toBe(new Date(T0 + 2 * HOUR).toISOString());
    const { token } = login.body;

    clock.set(T0 + 2 * HOUR - 1);
    expect((await api.request('GET', '/api/v1/me', undefined, token)).status).toBe(200);
    expect(await liveVerdict(token)).toBe('open');

    clock.set(T0 + 2 * HOUR);
    expect(await api.request('GET', '/api/v1/me', undefined, token)).toMatchObject({ status: 401, body: { error: { code: 'AUTH_REQUIRED' } } });
    expect((await api.request('POST', '/api/v1/elders', { name: '过期', address: '无' }, token)).status).toBe(401);
    expect(await liveVerdict(token)).toBe(4401);
  });

  it('when a websocket was opened before its token expired, then it is closed with 4401 once the token expires', { timeout: 15_000 }, async () => {
    clock.set(T0 + 10 * HOUR);
    const api = createApiClient(gw.httpUrl);
    const token = await api.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const socket = new WebSocket(`${gw.httpUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    clock.set(T0 + 12 * HOUR);
    expect(await closed).toBe(4401);
  });

  it('when a token has expired, then a new login gives a token that works for another TOKEN_TTL_HOURS', async () => {
    clock.set(T0 + 5 * HOUR);
    const api = createApiClient(gw.httpUrl);
    const fresh = await api.login(TEST_ADMIN.username, TEST_ADMIN.password);
    expect((await api.request('GET', '/api/v1/me', undefined, fresh)).status).toBe(200);
    expect(await liveVerdict(fresh)).toBe('open');
    clock.set(T0 + 7 * HOUR);
    expect((await api.request('GET', '/api/v1/me', undefined, fresh)).status).toBe(401);
  });
});
