import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDetail, AlertView } from '../../schemas/index.js';
import { createPerson, setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectLive } from '../support/live-client.js';
import { eventually } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Free notes on an alert's timeline (POST /alerts/:id/notes) and the closed alerts the desk's "recently closed"
// reads (GET /alerts?status=closed or a comma list), over real HTTP with alerts raised by a real button over MQTT.

let gw: TestGateway;
let net: CareNetwork;

beforeAll(async () => {
  // Nothing moves by itself while the test runs: an offer waits for its responder.
  gw = await startTestGateway({ DISPATCH_ACCEPT_SECONDS: '86400' });
  net = await setUpCareNetwork(gw);
}, 30_000);
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

/** A fresh SOS of elder A (town A); the caller closes the previous one first (a press on an open SOS only counts on it). */
async function raisedSos(): Promise<AlertView> {
  const before = new Set((await gw.api.listAlerts('all')).map((a) => a.id));
  await net.elderA.button.send('events', 'sos');
  const all = await eventually(
    () => gw.api.listAlerts('open'),
    (list) => list.some((a) => a.elder.id === net.elderA.id && !before.has(a.id)),
  );
  return all.find((a) => a.elder.id === net.elderA.id && !before.has(a.id)) as AlertView;
}

const noteOn = (api: CareNetwork['operatorA']['api'], id: string, body: unknown) => api.request<AlertView>('POST', `/api/v1/alerts/${id}/notes`, body);
const timelineOf = async (id: string) => (await gw.api.request<AlertDetail>('GET', `/api/v1/alerts/${id}`)).body.timeline;

describe('alert notes', () => {
  it('when the operator adds a note to an open alert, then it is on the timeline by them, the alert is unchanged and the desks are told', async () => {
    const alert = await raisedSos();
    const live = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const reply = await noteOn(net.operatorA.api, alert.id, { note: '  老人说没事，女儿在路上  ' });
    expect(reply).toMatchObject({ status: 200, body: { id: alert.id, status: 'raised', acknowledgedAt: null } });
    await live.waitFor((e) => e.type === 'alert.updated' && e.alert.id === alert.id);
    live.close();
    const timeline = await timelineOf(alert.id);
    expect(timeline.map((t) => [t.action, t.actor, t.note])).toEqual([
      ['raised', expect.stringMatching(/^device:/), null],
      ['noted', `user:${net.operatorA.user.username}`, '老人说没事，女儿在路上'],
    ]);
    await gw.api.resolve(alert.id, 'done');
  });

  it('when a note is added to a resolved alert, then it joins the timeline after the resolution and the alert stays resolved', async () => {
    const alert = await raisedSos();
    expect((await gw.api.resolve(alert.id, '电话确认')).status).toBe(200);
    const reply = await noteOn(net.supervisorA.api, alert.id, { note: '家属回电：已送医院复查' });
    expect(reply).toMatchObject({ status: 200, body: { status: 'resolved', resolutionNote: '电话确认' } });
    const timeline = await timelineOf(alert.id);
    expect(timeline.map((t) => t.action)).toEqual(['raised', 'resolved', 'noted']);
    expect(timeline.at(-1)).toMatchObject({ actor: `user:${net.supervisorA.user.username}`, note: '家属回电：已送医院复查' });
  });

  it('when the responder the alert is dispatched to adds a note, then it is theirs; another responder of the community is refused', async () => {
    const alert = await raisedSos();
    await gw.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA.user.id });
    expect(await noteOn(net.responderA.api, alert.id, { note: '已出发，10分钟到' })).toMatchObject({ status: 200, body: { status: 'dispatched' } });
    expect(await noteOn(net.responderA2.api, alert.id, { note: '我也去' })).toMatchObject({ status: 403, body: { error: { code: 'ALERT_NOT_ASSIGNED_TO_YOU' } } });
    expect((await timelineOf(alert.id)).filter((t) => t.action === 'noted').map((t) => t.actor)).toEqual([`user:${net.responderA.user.username}`]);
    await gw.api.resolve(alert.id, 'done');
  });

  it('when a desk person outside the region notes, or the note is empty, too long or has unknown fields, then 403 or 400 and nothing is written', async () => {
    const alert = await raisedSos();
    const outsider = await createPerson(gw, 'op-town-b-notes', { displayName: '值班员乙', role: 'operator', regionId: net.townB.id });
    expect(await noteOn(outsider.api, alert.id, { note: '不在我区' })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    expect(await noteOn(net.responderB.api, alert.id, { note: '不在我区' })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    for (const body of [{ note: '' }, { note: '   ' }, { note: 'x'.repeat(501) }, { note: 'ok', pinned: true }, {}]) {
      expect(await noteOn(net.operatorA.api, alert.id, body)).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    }
    expect(await noteOn(net.operatorA.api, 'no-such-alert', { note: 'x' })).toMatchObject({ status: 404, body: { error: { code: 'ALERT_NOT_FOUND' } } });
    expect((await timelineOf(alert.id)).map((t) => t.action)).toEqual(['raised']);
    await gw.api.resolve(alert.id, 'done');
  });
});

describe('closed alerts in the list', () => {
  it('when the desk asks for closed alerts, or a comma list of statuses, then it gets exactly those; an unknown status is a 400', async () => {
    // one open SOS per elder at a time: a press while one is open only counts on it
    const resolved = await raisedSos();
    await gw.api.resolve(resolved.id, 'done');
    const falseAlarm = await raisedSos();
    await gw.api.request('POST', `/api/v1/alerts/${falseAlarm.id}/false-alarm`, { note: '误按' });
    const open = await raisedSos();

    const idsOf = async (status: string) =>
      (await net.operatorA.api.request<{ items: AlertView[] }>('GET', `/api/v1/alerts?status=${status}&elderId=${net.elderA.id}`)).body.items.map((a) => a.id);
    const closed = await idsOf('closed');
    expect(closed).toEqual(expect.arrayContaining([resolved.id, falseAlarm.id]));
    expect(closed).not.toContain(open.id);
    const both = await idsOf('resolved,false_alarm');
    expect(both).toEqual(expect.arrayContaining([resolved.id, falseAlarm.id]));
    expect(both).not.toContain(open.id);
    expect(await idsOf('false_alarm')).toEqual([falseAlarm.id]);
    expect(await idsOf('resolved,raised')).toEqual(expect.arrayContaining([resolved.id, open.id]));
    for (const bad of ['resolved,whatever', 'resolved,', 'closed,open']) {
      expect((await net.operatorA.api.request('GET', `/api/v1/alerts?status=${bad}`)).status).toBe(400);
    }
    await gw.api.resolve(open.id, 'done');
  });
});
