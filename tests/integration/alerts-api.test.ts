import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive } from '../support/live-client.js';
import { connectedButton, registerHome } from '../support/registered-button.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The desk's REST API over real HTTP: login, registration, acknowledge and resolve with their errors.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

async function raisedAlertId(): Promise<string> {
  const home = await registerHome(gw);
  const button = await connectedButton(gw, home);
  await button.pressSos();
  const alert = (await gw.api.listAlerts('open')).find((a) => a.deviceId === home.deviceId);
  if (!alert) throw new Error('no alert');
  return alert.id;
}

describe('alerts API', () => {
  it('when an alert is acknowledged then resolved, then both are audited with who and when and pushed live', async () => {
    const id = await raisedAlertId();
    const live = await connectLive(gw.httpUrl, gw.adminToken);
    const acked = await gw.api.ack(id);
    expect(acked).toMatchObject({ status: 200, body: { status: 'acknowledged', acknowledgedBy: 'user:admin' } });
    const resolved = await gw.api.resolve(id, '电话回访，老人误按');
    expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved', resolutionNote: '电话回访，老人误按' } });
    await live.waitFor((e) => e.type === 'alert.updated' && e.alert.id === id && e.alert.status === 'resolved');
    live.close();

    const detail = await gw.api.getAlert(id);
    expect(detail.timeline.map((t) => [t.action, t.actor])).toEqual([
      ['raised', expect.stringMatching(/^device:/)],
      ['acknowledged', 'user:admin'],
      ['resolved', 'user:admin'],
    ]);
    expect(detail.timeline.every((t) => !Number.isNaN(Date.parse(t.at)))).toBe(true);
    expect((await gw.api.listAlerts('open')).some((a) => a.id === id)).toBe(false);
  });

  it('when an alert is acknowledged twice, then the second is a 409 with a stable code', async () => {
    const id = await raisedAlertId();
    await gw.api.ack(id);
    const again = await gw.api.ack(id);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'ALERT_TRANSITION_INVALID' } } });
  });

  it('when a resolved alert is resolved again, then it is a 409 and nothing changes', async () => {
    const id = await raisedAlertId();
    await gw.api.resolve(id, 'first');
    const again = await gw.api.resolve(id, 'second');
    expect(again.status).toBe(409);
    expect((await gw.api.getAlert(id)).resolutionNote).toBe('first');
  });

  it('when the alert id is unknown, then ack is a 404 ALERT_NOT_FOUND', async () => {
    expect(await gw.api.ack('no-such-alert')).toMatchObject({ status: 404, body: { error: { code: 'ALERT_NOT_FOUND' } } });
  });

  it('when the body is bad, then the reply is a 400 REQUEST_INVALID and nothing is created', async () => {
    const badElder = await gw.api.request('POST', '/api/v1/elders', { name: '', address: 42 });
    expect(badElder).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    const badNote = await gw.api.request('POST', `/api/v1/alerts/${await raisedAlertId()}/resolve`, { note: 7 });
    expect(badNote.status).toBe(400);
    const badKind = await gw.api.request('POST', '/api/v1/devices', { elderId: 'x', kind: 'toaster' });
    expect(badKind.status).toBe(400);
    const badQuery = await gw.api.request('GET', '/api/v1/alerts?status=whatever');
    expect(badQuery.status).toBe(400);
  });

  it('when the JSON does not parse, then the reply is a 400 with a code', async () => {
    const res = await fetch(`${gw.httpUrl}/api/v1/elders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.adminToken}`, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^FST_ERR_|REQUEST_INVALID/);
  });

  it('when a device is registered for an unknown elder or with a taken id, then 404 and 409', async () => {
    expect(await gw.api.request('POST', '/api/v1/devices', { elderId: 'nobody', kind: 'call_button' })).toMatchObject({ status: 404, body: { error: { code: 'ELDER_NOT_FOUND' } } });
    const home = await registerHome(gw);
    const taken = await gw.api.request('POST', '/api/v1/devices', { elderId: home.elder.id, kind: 'call_button', id: home.deviceId });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'DEVICE_ID_TAKEN' } } });
  });

  it('when there is no token or a wrong one, then every API route answers 401 AUTH_REQUIRED', async () => {
    for (const [method, path] of [['GET', '/api/v1/alerts'], ['POST', '/api/v1/elders'], ['POST', '/api/v1/alerts/x/ack']] as const) {
      expect(await gw.api.request(method, path, method === 'POST' ? {} : undefined, null)).toMatchObject({ status: 401, body: { error: { code: 'AUTH_REQUIRED' } } });
      expect((await gw.api.request(method, path, method === 'POST' ? {} : undefined, 'forged')).status).toBe(401);
    }
  });

  it('when the password is wrong, then login is a 401 AUTH_INVALID_CREDENTIALS', async () => {
    const reply = await gw.api.request('POST', '/api/v1/auth/login', { username: 'admin', password: 'wrong-password' }, null);
    expect(reply).toMatchObject({ status: 401, body: { error: { code: 'AUTH_INVALID_CREDENTIALS' } } });
  });

  it('when the websocket token is wrong, then the socket closes with 4401', async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${gw.httpUrl.replace('http', 'ws')}/ws?token=forged`);
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4401);
  });

  it('when a desk connects, then its first message is a snapshot of the open alerts', async () => {
    const id = await raisedAlertId();
    const live = await connectLive(gw.httpUrl, gw.adminToken);
    const snapshot = await live.waitFor((e) => e.type === 'snapshot');
    live.close();
    expect(live.events[0]?.type).toBe('snapshot');
    expect(snapshot.type === 'snapshot' && snapshot.alerts.some((a) => a.id === id)).toBe(true);
  });

  it('when health, readiness, metrics and the OpenAPI document are asked for, then they answer', async () => {
    expect((await fetch(`${gw.httpUrl}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${gw.httpUrl}/readyz`)).json()).toMatchObject({ status: 'ready', checks: { store: 'ok', broker: 'ok' } });
    const metrics = await (await fetch(`${gw.httpUrl}/metrics`)).text();
    for (const name of ['gateway_mqtt_messages_received_total', 'gateway_alerts_raised_total', 'gateway_devices_connected', 'gateway_alert_ack_latency_seconds_bucket']) {
      expect(metrics).toContain(name);
    }
    const doc = (await (await fetch(`${gw.httpUrl}/api/docs/json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/alerts', '/api/v1/alerts/{id}/ack', '/api/v1/devices']));
  });
});
