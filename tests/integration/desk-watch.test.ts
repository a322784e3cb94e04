import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, WsEvent } from '../../schemas/index.js';
import { createPerson, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { connectDevice, eventually, registerElder } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

// Nobody watching: life-safety alarms open and no desk connected for the configured time → the notifier says so;
// a connected desk hears the gateway's heartbeat and silences the watch. Only a desk that can see the alarm counts
// (issue 17, item 4), and each client's heartbeat counts only what it may see (item 13).

let gw: TestGateway;
let hook: WebhookReceiver;

beforeAll(async () => {
  hook = await startWebhookReceiver();
  gw = await startTestGateway({ NOTIFY_WEBHOOK_URL: hook.url, DESK_UNWATCHED_SECONDS: '1', DESK_HEARTBEAT_SECONDS: '0.2', ESCALATION_P1_SECONDS: '3600' });
});
afterAll(async () => {
  await gw?.close();
  await hook?.close();
});

it('when a P1 is open and no desk is connected, then the supervisors are told nobody is watching; while a desk is connected, they are not', async () => {
  const desk = await connectLive(gw.httpUrl, gw.adminToken);
  const elderId = await registerElder(gw);
  const button = await connectDevice(gw, elderId, 'call_button');
  await button.send('events', 'sos');
  const beat = await desk.waitFor((e) => e.type === 'heartbeat' && e.openLifeSafety === 1);
  expect(beat).toMatchObject({ desksWatching: 1 });
  await new Promise((r) => setTimeout(r, 1500));
  expect(hook.received.filter((n) => n.topic === 'desk_unwatched')).toHaveLength(0);

  desk.close();
  const told = await hook.waitFor((n) => n.topic === 'desk_unwatched', 5000);
  expect(told.recipients.map((r) => r.role)).toContain('admin');
  expect(told.text).toContain('无人值守');
});

type Beat = Extract<WsEvent, { type: 'heartbeat' }>;

/** The first heartbeat the client hears from now on. */
function nextBeat(client: LiveClient): Promise<Beat> {
  const from = client.events.length;
  return client.waitFor((e): e is Beat => e.type === 'heartbeat' && client.events.indexOf(e) >= from);
}

describe('desks of other regions', () => {
  let gw2: TestGateway;
  let hook2: WebhookReceiver;
  let net: CareNetwork;
  let townBDesk: Person;

  beforeAll(async () => {
    hook2 = await startWebhookReceiver();
    gw2 = await startTestGateway({
      NOTIFY_WEBHOOK_URL: hook2.url,
      DESK_UNWATCHED_SECONDS: '1',
      DESK_HEARTBEAT_SECONDS: '0.2',
      ESCALATION_P1_SECONDS: '3600',
      DISPATCH_ACCEPT_SECONDS: '86400',
    });
    net = await setUpCareNetwork(gw2);
    townBDesk = await createPerson(gw2, 'town-b-desk', { displayName: '值班员乙', role: 'operator', regionId: net.townB.id });
  }, 30_000);
  afterAll(async () => {
    await net?.close();
    await gw2?.close();
    await hook2?.close();
  });

  it("when a town A P1 is open and only town B's desk is connected, then the supervisors are told nobody is watching it; a county desk silences the watch", async () => {
    const county = await connectLive(gw2.httpUrl, gw2.adminToken);
    const townB = await connectLive(gw2.httpUrl, townBDesk.api.token);
    await net.elderA.button.send('events', 'sos');
    await nextBeat(county);
    await new Promise((r) => setTimeout(r, 1500));
    expect(hook2.received.filter((n) => n.topic === 'desk_unwatched')).toHaveLength(0);

    const closedAt = Date.now();
    county.close();
    const told = await hook2.waitFor((n) => n.topic === 'desk_unwatched', 5000);
    console.info(`[desk-watch] county desk gone, only town B's connected: told after ${Date.now() - closedAt} ms (DESK_UNWATCHED_SECONDS 1)`);
    // Town B's desk is still connected, and it cannot see the alarm: its supervisors over town A are told.
    expect(townB.events.some((e) => e.type === 'alert.raised')).toBe(false);
    expect(told.recipients.map((r) => r.name)).toContain(net.supervisorA.user.displayName);
    townB.close();
  });

  it('when the heartbeat goes out, then each desk and responder hears the counts of its own region and work only', async () => {
    const open = await eventually(
      () => gw2.api.listAlerts('open'),
      (alerts) => alerts.some((a) => a.elder.id === net.elderA.id && a.priority === 1),
    );
    const alert = open.find((a) => a.elder.id === net.elderA.id) as AlertView;
    const county = await connectLive(gw2.httpUrl, gw2.adminToken);
    const townA = await connectLive(gw2.httpUrl, net.operatorA.api.token);
    const townB = await connectLive(gw2.httpUrl, townBDesk.api.token);
    const responder = await connectLive(gw2.httpUrl, net.responderA.api.token);

    // Three desks (county, town A, town B); town A's P1 only.
    const beats = await Promise.all([county, townA, townB, responder].map((c) => nextBeat(c)));
    expect(beats.map((b) => [b.openLifeSafety, b.desksWatching])).toEqual([
      [1, 3],
      [1, 2],
      [0, 2],
      [0, 2],
    ]);

    // Dispatched to the responder, it is theirs to count.
    expect((await gw2.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA.user.id })).status).toBe(200);
    expect((await nextBeat(responder)).openLifeSafety).toBe(1);
    for (const c of [county, townA, townB, responder]) c.close();
  });
});
