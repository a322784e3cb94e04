import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserView } from '../../schemas/index.js';
import { createApiClient } from '../support/api-client.js';
import { createPerson, rootRegion, type Person } from '../support/care-network.js';
import { connectLive } from '../support/live-client.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Sessions end when their person says so or an admin does (issue 17, item 11): logout, a revoked session, a new
// password, a disabled account. Each is refused on REST at the next request and closes the session's websockets at
// once (close code 4401), over real HTTP and a real websocket; with two instances on one PostgreSQL, on the other
// instance too.

type SessionList = { items: Array<{ id: string; current: boolean; createdAt: string; expiresAt: string; address: string | null }> };

const WS_CLOSE_UNAUTHORISED = 4401;

async function loginToken(baseUrl: string, username: string, password: string): Promise<string> {
  return createApiClient(baseUrl).login(username, password);
}

describe('sessions on one gateway', () => {
  let gw: TestGateway;
  let n = 0;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  async function person(role: 'operator' | 'responder' = 'operator'): Promise<Person> {
    const root = await rootRegion(gw);
    n += 1;
    return createPerson(gw, `session-${role}-${n}`, { displayName: `人员${n}`, role, regionId: root.id, ...(role === 'responder' ? { responderKind: 'care_worker' } : {}) });
  }

  it('when a desk logs out, then its token is refused on REST, its websocket closes at once, and its other session goes on', async () => {
    const desk = await person();
    const other = await loginToken(gw.httpUrl, desk.user.username, desk.password);
    const live = await connectLive(gw.httpUrl, desk.api.token);
    await live.waitFor((e) => e.type === 'snapshot');
    const otherLive = await connectLive(gw.httpUrl, other);
    await otherLive.waitFor((e) => e.type === 'snapshot');

    const started = performance.now();
    expect((await desk.api.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect(await live.closed).toMatchObject({ code: WS_CLOSE_UNAUTHORISED });
    console.info(`[sessions] logout → its websocket closed in ${(performance.now() - started).toFixed(1)} ms`);
    expect(await desk.api.request('GET', '/api/v1/me')).toMatchObject({ status: 401, body: { error: { code: 'AUTH_REQUIRED' } } });
    expect((await desk.api.request('POST', '/api/v1/auth/logout')).status).toBe(401);
    expect((await desk.api.request('GET', '/api/v1/me', undefined, other)).status).toBe(200);
    // A new websocket with the ended token is refused as well.
    const again = await connectLive(gw.httpUrl, desk.api.token);
    expect(await again.closed).toMatchObject({ code: WS_CLOSE_UNAUTHORISED });
    otherLive.close();
  });

  it('when a person lists their sessions, then each live one is there with the current one marked; an admin sees the same and ends one', async () => {
    const desk = await person();
    const second = await loginToken(gw.httpUrl, desk.user.username, desk.password);
    const own = await desk.api.request<SessionList>('GET', '/api/v1/auth/sessions');
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(2);
    expect(own.body.items.filter((s) => s.current)).toHaveLength(1);
    expect(own.body.items[0]).toMatchObject({ address: '127.0.0.1' });
    expect(JSON.stringify(own.body)).not.toContain(desk.api.token);

    const seenByAdmin = await gw.api.request<SessionList>('GET', `/api/v1/users/${desk.user.id}/sessions`);
    expect(seenByAdmin.body.items.map((s) => s.id).sort()).toEqual(own.body.items.map((s) => s.id).sort());
    const secondId = (await desk.api.request<SessionList>('GET', '/api/v1/auth/sessions', undefined, second)).body.items.find((s) => s.current)!.id;
    const secondLive = await connectLive(gw.httpUrl, second);
    await secondLive.waitFor((e) => e.type === 'snapshot');

    expect((await gw.api.request('DELETE', `/api/v1/users/${desk.user.id}/sessions/${secondId}`)).status).toBe(204);
    expect(await secondLive.closed).toMatchObject({ code: WS_CLOSE_UNAUTHORISED });
    expect((await desk.api.request('GET', '/api/v1/me', undefined, second)).status).toBe(401);
    expect((await desk.api.request('GET', '/api/v1/me')).status).toBe(200);
    expect(await gw.api.request('DELETE', `/api/v1/users/${desk.user.id}/sessions/${secondId}`)).toMatchObject({ status: 404, body: { error: { code: 'SESSION_NOT_FOUND' } } });
    // Somebody else's session id under one's own user id ends nothing.
    const adminOwn = (await gw.api.request<SessionList>('GET', '/api/v1/auth/sessions')).body.items.find((s) => s.current)!.id;
    expect((await desk.api.request('DELETE', `/api/v1/users/${desk.user.id}/sessions/${adminOwn}`)).status).toBe(404);
    expect((await gw.api.request('GET', '/api/v1/me')).status).toBe(200);
  });

  it('when a person changes their password, then the wrong current one is refused, and with the right one their other sessions end and only the new one logs in', async () => {
    const desk = await person();
    const other = await loginToken(gw.httpUrl, desk.user.username, desk.password);
    const otherLive = await connectLive(gw.httpUrl, other);
    await otherLive.waitFor((e) => e.type === 'snapshot');

    expect(await desk.api.request('POST', '/api/v1/auth/password', { currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' })).toMatchObject({
      status: 403,
      body: { error: { code: 'PASSWORD_INCORRECT' } },
    });
    expect(await desk.api.request('POST', '/api/v1/auth/password', { currentPassword: desk.password, newPassword: 'short' })).toMatchObject({ status: 400 });
    expect((await desk.api.request('POST', '/api/v1/auth/password', { currentPassword: desk.password, newPassword: 'a-brand-new-password' })).status).toBe(204);

    expect(await otherLive.closed).toMatchObject({ code: WS_CLOSE_UNAUTHORISED });
    expect((await desk.api.request('GET', '/api/v1/me', undefined, other)).status).toBe(401);
    expect((await desk.api.request('GET', '/api/v1/me')).status).toBe(200);
    const login = (password: string) => createApiClient(gw.httpUrl).request('POST', '/api/v1/auth/login', { username: desk.user.username, password }, null);
    expect((await login(desk.password)).status).toBe(401);
    expect((await login('a-brand-new-password')).status).toBe(200);
  });

  it('when an admin resets a password, then every session of the person ends, websockets included, and only the new password logs in', async () => {
    const responder = await person('responder');
    const live = await connectLive(gw.httpUrl, responder.api.token);
    await live.waitFor((e) => e.type === 'snapshot');

    const reset = await gw.api.request<UserView>('POST', `/api/v1/users/${responder.user.id}/password`, { password: 'set-by-the-admin-2026' });
    expect(reset).toMatchObject({ status: 200, body: { id: responder.user.id, disabled: false } });
    expect(await live.closed).toMatchObject({ code: WS_CLOSE_UNAUTHORISED });
    expect((await responder.api.request('GET', '/api/v1/me')).status).toBe(401);
    const login = (password: string) => createApiClient(gw.httpUrl).request('POST', '/api/v1/auth/login', { username: responder.user.username, password }, null);
    expect((await login(responder.password)).status).toBe(401);
    expect((await login('set-by-the-admin-2026')).status).toBe(200);
    // Only an admin resets; an operator of the same region may not.
    const operator = await person();
    expect(await operator.api.request('POST', `/api/v1/users/${responder.user.id}/password`, { password: 'set-by-an-operator' })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN_ROLE' } },
    });
  });

  it('when an admin disables a responder, then their REST and websocket sessions end at once, logins are refused and they are off duty; enabled again, they log in', async () => {
    const responder = await person('responder');
    const live = await connectLive(gw.httpUrl, responder.api.token);
    await live.waitFor((e) => e.type === 'snapshot');

    const disabled = await gw.api.request<UserView>('POST', `/api/v1/users/${responder.user.id}/disable`);
    expect(disabled).toMatchObject({ status: 200, body: { disabled: true, onDuty: false } });
    expect(await live.closed).toMatchObject({ code: WS_CLOSE_UNAUTHORISED });
    expect((await responder.api.request('GET', '/api/v1/me')).status).toBe(401);
    const login = () => createApiClient(gw.httpUrl).request('POST', '/api/v1/auth/login', { username: responder.user.username, password: responder.password }, null);
    expect(await login()).toMatchObject({ status: 403, body: { error: { code: 'AUTH_DISABLED' } } });
    // A wrong password says only that it is wrong: the account's state is for whoever knows its password.
    expect(await createApiClient(gw.httpUrl).request('POST', '/api/v1/auth/login', { username: responder.user.username, password: 'wrong-password' }, null)).toMatchObject({
      status: 401,
      body: { error: { code: 'AUTH_INVALID_CREDENTIALS' } },
    });
    const listed = await gw.api.request<{ items: UserView[] }>('GET', '/api/v1/users?role=responder');
    expect(listed.body.items.find((u) => u.id === responder.user.id)).toMatchObject({ disabled: true, onDuty: false });

    expect(await gw.api.request<UserView>('POST', `/api/v1/users/${responder.user.id}/enable`)).toMatchObject({ status: 200, body: { disabled: false } });
    expect((await login()).status).toBe(200);
    // The sessions it had stay ended.
    expect((await responder.api.request('GET', '/api/v1/me')).status).toBe(401);
  });

  it('when an admin tries to disable their own account, then it is refused and their session goes on', async () => {
    const me = (await gw.api.request<UserView>('GET', '/api/v1/me')).body;
    expect(await gw.api.request('POST', `/api/v1/users/${me.id}/disable`)).toMatchObject({ status: 409, body: { error: { code: 'USER_SELF_DISABLE' } } });
    expect((await gw.api.request('GET', '/api/v1/me')).status).toBe(200);
  });
});

describe.skipIf(postgresMissing())('sessions on two gateways sharing PostgreSQL', () => {
  let cluster: PostgresCluster;
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    cluster = await startPostgres();
    const DATABASE_URL = await cluster.newDatabase();
    a = await startTestGateway({ DATABASE_URL, GATEWAY_INSTANCE_ID: 'sessions-a' });
    b = await startTestGateway({ DATABASE_URL, GATEWAY_INSTANCE_ID: 'sessions-b' });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cluster?.stop();
  });

  it('when a desk logs out on one instance, then its token is refused on the other and its websocket there closes', async () => {
    const root = await rootRegion(a);
    const desk = await createPerson(a, 'two-instance-desk', { displayName: '值班员', role: 'operator', regionId: root.id });
    const onB = await connectLive(b.httpUrl, desk.api.token);
    await onB.waitFor((e) => e.type === 'snapshot');
    expect((await desk.api.request('GET', '/api/v1/me')).status).toBe(200);

    const started = performance.now();
    expect((await desk.api.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect(await onB.closed).toMatchObject({ code: WS_CLOSE_UNAUTHORISED });
    console.info(`[sessions] logout on instance a → its websocket on instance b closed in ${(performance.now() - started).toFixed(1)} ms`);
    expect((await createApiClient(b.httpUrl).request('GET', '/api/v1/me', undefined, desk.api.token)).status).toBe(401);
  });

  it('when an admin disables an account on one instance, then its websocket on the other closes and neither lets it in', async () => {
    const root = await rootRegion(a);
    const responder = await createPerson(a, 'two-instance-responder', { displayName: '护理员', role: 'responder', regionId: root.id, responderKind: 'care_worker' });
    const onB = await connectLive(b.httpUrl, responder.api.token);
    await onB.waitFor((e) => e.type === 'snapshot');

    expect((await a.api.request('POST', `/api/v1/users/${responder.user.id}/disable`)).status).toBe(200);
    expect(await onB.closed).toMatchObject({ code: WS_CLOSE_UNAUTHORISED });
    const login = await createApiClient(b.httpUrl).request('POST', '/api/v1/auth/login', { username: responder.user.username, password: responder.password }, null);
    expect(login).toMatchObject({ status: 403, body: { error: { code: 'AUTH_DISABLED' } } });
  });
});
