import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AlertView, Elder, TaskView } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectDevice, eventually } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// A responder reads an elder's record (medical notes, door code, contacts) only when the elder is theirs (issue 17,
// item 12): assigned to them, or with an open alert dispatched to them or an open task assigned to them. Any other
// elder of their community is ELDER_NOT_YOURS, and the record's content is in no reply. Over real HTTP, with alerts
// raised by a real button over MQTT.

const MEDICAL = '糖尿病，胰岛素在冰箱';
const DOOR = '门锁密码 4711';

let gw: TestGateway;
let net: CareNetwork;
let neighbour: Elder;

beforeAll(async () => {
  // Nothing moves by itself while the test runs: an offer waits for its responder.
  gw = await startTestGateway({ DISPATCH_ACCEPT_SECONDS: '86400' });
  net = await setUpCareNetwork(gw);
  // An elder of responder A's community who is nobody's in particular.
  neighbour = (
    await gw.api.request<Elder>('POST', '/api/v1/elders', {
      name: '邻居老人',
      address: '幸福社区9号',
      regionId: net.communityA.id,
      medicalNotes: MEDICAL,
      accessNotes: DOOR,
    })
  ).body;
}, 30_000);
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

const readAs = (who: 'A' | 'A2' | 'B', path: string) => ({ A: net.responderA, A2: net.responderA2, B: net.responderB })[who].api.request('GET', path);

it('when a responder asks for an elder of their community with nothing of theirs, then ELDER_NOT_YOURS and none of the record is in the reply; the device likewise', async () => {
  const device = await gw.api.createDevice({ elderId: neighbour.id, kind: 'door_sensor' });
  const record = await readAs('A', `/api/v1/elders/${neighbour.id}`);
  expect(record).toMatchObject({ status: 403, body: { error: { code: 'ELDER_NOT_YOURS' } } });
  expect(JSON.stringify(record.body)).not.toContain(MEDICAL);
  expect(JSON.stringify(record.body)).not.toContain(DOOR);
  expect(await readAs('A', `/api/v1/devices/${device.id}`)).toMatchObject({ status: 403, body: { error: { code: 'ELDER_NOT_YOURS' } } });
  // Outside their region it stays FORBIDDEN_REGION; the desk reads it all.
  expect(await readAs('B', `/api/v1/elders/${neighbour.id}`)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
  expect(await net.operatorA.api.request('GET', `/api/v1/elders/${neighbour.id}`)).toMatchObject({ status: 200, body: { medicalNotes: MEDICAL, accessNotes: DOOR } });
});

it('when an alert of the elder is dispatched to the responder, then they read the record until it is resolved; another responder still may not', async () => {
  const button = await connectDevice(gw, neighbour.id, 'call_button');
  await button.send('events', 'sos');
  const alert = (await eventually(() => gw.api.listAlerts('open'), (all) => all.some((a) => a.elder.id === neighbour.id))).find((a) => a.elder.id === neighbour.id) as AlertView;
  expect((await gw.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA.user.id })).status).toBe(200);

  expect(await readAs('A', `/api/v1/elders/${neighbour.id}`)).toMatchObject({ status: 200, body: { medicalNotes: MEDICAL, accessNotes: DOOR } });
  expect(await readAs('A2', `/api/v1/elders/${neighbour.id}`)).toMatchObject({ status: 403, body: { error: { code: 'ELDER_NOT_YOURS' } } });
  expect((await readAs('A', `/api/v1/devices/${button.id}`)).status).toBe(200);

  expect((await gw.api.resolve(alert.id, undefined, 'no_action_needed')).status).toBe(200);
  expect(await readAs('A', `/api/v1/elders/${neighbour.id}`)).toMatchObject({ status: 403, body: { error: { code: 'ELDER_NOT_YOURS' } } });
});

it('when a task of the elder is assigned to the responder, then they read the record; while it is only open in their community, they do not', async () => {
  const task = (await gw.api.request<TaskView>('POST', '/api/v1/service-requests', { elderId: neighbour.id, service: 'cleaning' })).body;
  expect(await readAs('A2', `/api/v1/elders/${neighbour.id}`)).toMatchObject({ status: 403, body: { error: { code: 'ELDER_NOT_YOURS' } } });
  expect((await gw.api.request('POST', `/api/v1/tasks/${task.id}/assign`, { responderId: net.responderA2.user.id })).status).toBe(200);
  expect(await readAs('A2', `/api/v1/elders/${neighbour.id}`)).toMatchObject({ status: 200, body: { accessNotes: DOOR } });
  expect((await gw.api.request('POST', `/api/v1/tasks/${task.id}/cancel`, { reason: '不需要了' })).status).toBe(200);
  expect(await readAs('A2', `/api/v1/elders/${neighbour.id}`)).toMatchObject({ status: 403, body: { error: { code: 'ELDER_NOT_YOURS' } } });
});

it('when the elder is assigned to the responder on their record, then the responder reads it with nothing open', async () => {
  // The care network assigns elder A to responder A.
  expect(await readAs('A', `/api/v1/elders/${net.elderA.id}`)).toMatchObject({ status: 200, body: { id: net.elderA.id, assignedResponderIds: [net.responderA.user.id] } });
  expect(await readAs('A2', `/api/v1/elders/${net.elderA.id}`)).toMatchObject({ status: 403, body: { error: { code: 'ELDER_NOT_YOURS' } } });
});
