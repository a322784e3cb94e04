import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, RegionView, TaskView } from '../../schemas/index.js';
import { replyBody, type ApiClient, type ApiReply } from '../support/api-client.js';
import { createPerson, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { connectDevice, eventually, type TestDevice } from '../support/mqtt-device.js';
import { startTestGateway, TEST_ADMIN, type TestGateway } from '../support/test-gateway.js';

// Every operation of the OpenAPI document × every caller, over real HTTP: without a token, and as the county's
// admin, an admin of town A, a supervisor and an operator of town A and a responder of a community of town A, each
// once on a target in their own region ("in") and once on the same kind of target in town B ("out").
// EXPECTED says what each must get; an operation missing from it (a new route) fails the first test.

type Outcome = 'ok' | 'role' | 'region' | 'notyours' | 'hidden' | 'shows' | 'anonymous' | '-';
const CALLERS = ['admin', 'townAdmin', 'supervisor', 'operator', 'responder'] as const;
type Caller = (typeof CALLERS)[number];

/**
 * Per operation, one outcome per caller in the order of CALLERS (the county admin first: nothing lies outside its
 * region). ok: 2xx. role: 403 FORBIDDEN_ROLE. region: 403 FORBIDDEN_REGION. notyours: 403 ELDER_NOT_YOURS (a
 * responder and an elder of their community with no alert or task of theirs). hidden: 2xx, and nothing of town B in
 * the reply. shows: 2xx with town B's records (so that `hidden` hides something). anonymous: 401, as without a token
 * (the telephony hook takes an integration's token, never a person's). -: not asked (the operation has no target in a
 * region). Without a token, all but login are 401.
 */
const EXPECTED: Record<string, { in: string; out: string }> = {
  'POST /api/v1/auth/login': { in: 'ok ok ok ok ok', out: '- - - - -' },
  'GET /api/v1/me': { in: 'ok ok ok ok ok', out: '- - - - -' },
  'POST /api/v1/auth/logout': { in: 'ok ok ok ok ok', out: '- - - - -' },
  'GET /api/v1/auth/sessions': { in: 'ok ok ok ok ok', out: '- - - - -' },
  'POST /api/v1/auth/password': { in: 'ok ok ok ok ok', out: '- - - - -' },
  'GET /api/v1/regions': { in: 'ok ok ok ok ok', out: 'shows hidden hidden hidden hidden' },
  'POST /api/v1/regions': { in: 'ok ok role role role', out: 'ok region role role role' },
  'GET /api/v1/users': { in: 'ok ok ok ok role', out: 'shows hidden hidden hidden role' },
  'POST /api/v1/users': { in: 'ok ok role role role', out: 'ok region role role role' },
  'PATCH /api/v1/users/{id}': { in: 'ok ok ok role role', out: 'ok region region role role' },
  'GET /api/v1/users/{id}/sessions': { in: 'ok ok role role role', out: 'ok region role role role' },
  'DELETE /api/v1/users/{id}/sessions/{sid}': { in: 'ok ok role role role', out: 'ok region role role role' },
  'POST /api/v1/users/{id}/password': { in: 'ok ok role role role', out: 'ok region role role role' },
  'POST /api/v1/users/{id}/disable': { in: 'ok ok role role role', out: 'ok region role role role' },
  'POST /api/v1/users/{id}/enable': { in: 'ok ok role role role', out: 'ok region role role role' },

  'POST /api/v1/elders': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/elders': { in: 'ok ok ok ok role', out: 'shows hidden hidden hidden role' },
  'GET /api/v1/elders/{id}': { in: 'ok ok ok ok notyours', out: 'ok region region region region' },
  'PATCH /api/v1/elders/{id}': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'PUT /api/v1/elders/{id}/care-profile': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'PUT /api/v1/elders/{id}/away': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'DELETE /api/v1/elders/{id}/away': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/elders/{id}/readings': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/elders/{id}/activity': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/elders/{id}/ledger': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  // An import names its communities in the file: rows outside the caller's region are problems of the report
  // (IMPORT_REGION_UNKNOWN, elder-import.test.ts), not a refusal of the request. A job is read by whoever posted it.
  'POST /api/v1/elder-imports': { in: 'ok ok ok ok role', out: '- - - - -' },
  'GET /api/v1/elder-imports/{id}': { in: 'ok ok ok ok role', out: '- - - - -' },
  'GET /api/v1/elder-imports/template.csv': { in: 'ok ok ok ok role', out: '- - - - -' },
  'GET /api/v1/elder-imports/template.xlsx': { in: 'ok ok ok ok role', out: '- - - - -' },
  'GET /api/v1/elders/export': { in: 'ok ok ok ok role', out: 'ok region region region role' },

  'POST /api/v1/devices': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/devices': { in: 'ok ok ok ok role', out: 'shows hidden hidden hidden role' },
  'GET /api/v1/devices/{id}': { in: 'ok ok ok ok notyours', out: 'ok region region region region' },
  'POST /api/v1/devices/{id}/secret': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'PUT /api/v1/devices/{id}/test-mode': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'DELETE /api/v1/devices/{id}/test-mode': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/devices/{id}/events': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/devices/{id}/readings': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  // Desk roles of the device's region; a responder only locates the device of an alert dispatched to them (device-commands.test.ts).
  'POST /api/v1/devices/{id}/commands': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/devices/{id}/commands': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/device-commands/{commandId}': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  // Device management (issue 22): the desk of the device's region, as for registering one.
  'POST /api/v1/devices/{id}/retire': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/devices/{id}/replace': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'PATCH /api/v1/devices/{id}': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  // A device file names its elders: rows outside the caller's region are row problems (device-lifecycle-import.test.ts).
  'POST /api/v1/device-imports': { in: 'ok ok ok ok role', out: '- - - - -' },
  'GET /api/v1/device-imports/template.csv': { in: 'ok ok ok ok role', out: '- - - - -' },

  'GET /api/v1/alerts': { in: 'ok ok ok ok ok', out: 'shows hidden hidden hidden hidden' },
  'GET /api/v1/alerts/{id}': { in: 'ok ok ok ok ok', out: 'ok region region region region' },
  'GET /api/v1/alerts/{id}/suggestions': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/alerts/{id}/ack': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/alerts/{id}/dispatch': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/alerts/{id}/accept': { in: 'role role role role ok', out: 'role role role role region' },
  'POST /api/v1/alerts/{id}/decline': { in: 'role role role role ok', out: 'role role role role region' },
  'POST /api/v1/alerts/{id}/arrive': { in: 'role role role role ok', out: 'role role role role region' },
  'POST /api/v1/alerts/{id}/resolve': { in: 'ok ok ok ok ok', out: 'ok region region region region' },
  'POST /api/v1/alerts/{id}/false-alarm': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/alerts/{id}/notes': { in: 'ok ok ok ok ok', out: 'ok region region region region' },
  'POST /api/v1/alerts/{id}/hold': { in: 'ok ok ok ok role', out: 'ok region region region role' },

  'GET /api/v1/status-wall': { in: 'ok ok ok ok role', out: 'shows hidden hidden hidden role' },
  'GET /api/v1/tasks': { in: 'ok ok ok ok ok', out: 'shows hidden hidden hidden hidden' },
  'GET /api/v1/tasks/{id}': { in: 'ok ok ok ok ok', out: 'ok region region region region' },
  'POST /api/v1/tasks/{id}/assign': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/tasks/{id}/accept': { in: 'role role role role ok', out: 'role role role role region' },
  'POST /api/v1/tasks/{id}/decline': { in: 'role role role role ok', out: 'role role role role region' },
  'POST /api/v1/tasks/{id}/complete': { in: 'ok ok ok ok ok', out: 'ok region region region region' },
  'POST /api/v1/tasks/{id}/cancel': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/tasks/{id}/close-cleared': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/tasks/{id}/retry': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/visit-policy': { in: 'ok ok ok ok role', out: '- - - - -' },
  'PUT /api/v1/visit-policy': { in: 'ok region role role role', out: '- - - - -' },
  'POST /api/v1/service-requests': { in: 'ok ok ok ok role', out: 'ok region region region role' },

  'GET /api/v1/reports/alarms': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/reports/visit-coverage': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  // The log spans every region: only the county's admin reads it.
  'GET /api/v1/audit': { in: 'ok region role role role', out: '- - - - -' },
  'GET /api/v1/dead-letters': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  // The shift handover (issue 20): desk roles; a note is the author's own, written in their region.
  'GET /api/v1/handover': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/handover/notes': { in: 'ok ok ok ok role', out: '- - - - -' },

  // The telephone (issue 19): desk roles only; complaints are given to an owner by supervisors and admins, the
  // integrations' tokens are made by admins, the call report is read by supervisors and admins.
  'GET /api/v1/elders/lookup': { in: 'ok ok ok ok role', out: 'shows hidden hidden hidden role' },
  'POST /api/v1/calls': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/calls': { in: 'ok ok ok ok role', out: 'shows hidden hidden hidden role' },
  'GET /api/v1/calls/{id}': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/calls/{id}/alert': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/calls/{id}/service-request': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/calls/{id}/link': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/calls/{id}/register-elder': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/alerts/{id}/calling-order': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/alerts/{id}/call-attempts': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/complaints': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'GET /api/v1/complaints': { in: 'ok ok ok ok role', out: 'shows hidden hidden hidden role' },
  'GET /api/v1/complaints/{id}': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/complaints/{id}/assign': { in: 'ok ok ok role role', out: 'ok region region role role' },
  'POST /api/v1/complaints/{id}/answer': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/complaints/{id}/close': { in: 'ok ok ok ok role', out: 'ok region region region role' },
  'POST /api/v1/integrations/tokens': { in: 'ok ok role role role', out: 'ok region role role role' },
  'GET /api/v1/integrations/tokens': { in: 'ok ok role role role', out: 'shows hidden role role role' },
  'DELETE /api/v1/integrations/tokens/{id}': { in: 'ok ok role role role', out: 'ok region role role role' },
  'GET /api/v1/reports/calls': { in: 'ok ok ok role role', out: 'ok region region role role' },
  // Takes an integration's token and nobody's login: every person is refused as if anonymous (a live integration
  // token is tried below). No region: the token, not the caller, says where the call rings.
  'POST /api/v1/telephony/incoming': { in: 'anonymous anonymous anonymous anonymous anonymous', out: '- - - - -' },
};

/** Town A or town B, with records of each kind the operations act on. */
interface Place {
  town: RegionView;
  community: RegionView;
  responder: Person;
  /** Another person of the place, whose record PATCH /users changes. */
  peer: Person;
  /** Elders that are only read and changed by the table (never alarmed): their record, devices and requests. */
  spareElderId: string;
  spareDeviceId: string;
  /** An alert dispatched to the place's responder and a service task of the place, that the table never moves. */
  standingAlertId: string;
  standingTaskId: string;
  /** Fresh alerts and tasks for calls that are meant to succeed come from this elder's button. */
  alarmElderId: string;
  button: TestDevice;
  lastFreshAlert: string | null;
  lastFreshTask: string | null;
  /** A supervisor of the town: records the calls of callers nobody knows (they belong to the recorder's region) and owns complaints. */
  desk: Person;
  /** The elder whose calls, complaints and alerts raised from calls the table makes; found by their number. */
  phoneElderId: string;
  phoneNumber: string;
  /** A call of the phone elder, a complaint about them and an integration token of the town, that the table never moves. */
  standingCallId: string;
  standingComplaintId: string;
  standingTokenId: string;
}

interface Call {
  path: string;
  body?: unknown;
  /** Another token of the caller than their usual one (a call that ends its session). */
  token?: string;
}

let gw: TestGateway;
let net: CareNetwork;
let townAdmin: Person;
let A: Place;
let B: Place;
const buttons: TestDevice[] = [];
let callsMade = 0;

const ok = <T>(reply: Promise<ApiReply>) => replyBody<T>(reply);

const admin = () => gw.api;

async function placeOf(
  town: RegionView,
  community: RegionView,
  people: { responder: Person; peer: Person; desk: Person },
  alarmElderId: string,
  button: TestDevice,
  phoneNumber: string,
): Promise<Place> {
  const { responder, peer, desk } = people;
  const spare = await ok<{ id: string }>(admin().request('POST', '/api/v1/elders', { name: '备用老人', address: '备用地址', regionId: community.id }));
  const device = await ok<{ id: string }>(admin().request('POST', '/api/v1/devices', { elderId: spare.id, kind: 'wearable' }));
  const standing = await ok<{ id: string }>(admin().request('POST', '/api/v1/elders', { name: '常驻老人', address: '常驻地址', regionId: community.id }));
  const standingButton = await connectDevice(gw, standing.id, 'call_button', { closeAfterTest: false });
  buttons.push(standingButton);
  const phoneElder = await ok<{ id: string }>(admin().request('POST', '/api/v1/elders', { name: '来电老人', address: '来电地址', phone: phoneNumber, regionId: community.id }));
  const place: Place = {
    town,
    community,
    responder,
    peer,
    spareElderId: spare.id,
    spareDeviceId: device.id,
    standingAlertId: '',
    standingTaskId: '',
    alarmElderId,
    button,
    lastFreshAlert: null,
    lastFreshTask: null,
    desk,
    phoneElderId: phoneElder.id,
    phoneNumber,
    standingCallId: '',
    standingComplaintId: '',
    standingTokenId: '',
  };
  place.standingAlertId = await raise(standing.id, standingButton, null);
  await ok(admin().request('POST', `/api/v1/alerts/${place.standingAlertId}/dispatch`, { responderId: responder.user.id }));
  place.standingTaskId = (await ok<{ id: string }>(admin().request('POST', '/api/v1/service-requests', { elderId: spare.id, service: 'cleaning' }))).id;
  place.standingCallId = await freshCall(place, true);
  place.standingComplaintId = await freshComplaint(place, 'open');
  place.standingTokenId = await freshToken(place);
  return place;
}

/** A new inbound call of the place: the phone elder's, or (not linked) of a caller nobody knows, recorded by the town's desk. */
async function freshCall(place: Place, linked: boolean): Promise<string> {
  const call = linked
    ? admin().request('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', callerNumber: place.phoneNumber, elderId: place.phoneElderId, category: 'question' })
    : place.desk.api.request('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', callerNumber: '13600000001', callerName: '陌生来电', address: '来电人说的地址', category: 'question' });
  return (await ok<{ id: string }>(call)).id;
}

/** A new complaint about the place's phone elder, answered when asked. */
async function freshComplaint(place: Place, status: 'open' | 'answered'): Promise<string> {
  const { id } = await ok<{ id: string }>(admin().request('POST', '/api/v1/complaints', { elderId: place.phoneElderId, subject: 'service', statement: '送餐晚了一小时' }));
  if (status === 'answered') await ok(admin().request('POST', `/api/v1/complaints/${id}/answer`, { answer: '已联系服务商' }));
  return id;
}

/** An answered complaint and the follow-up call to its elder made after it: what closing needs. */
async function closableComplaint(place: Place): Promise<{ complaintId: string; followUpCallId: string }> {
  const complaintId = await freshComplaint(place, 'answered');
  const body = { direction: 'outbound', line: 'direct', callerNumber: place.phoneNumber, elderId: place.phoneElderId, category: 'complaint', outcome: 'answered' };
  return { complaintId, followUpCallId: (await ok<{ id: string }>(admin().request('POST', '/api/v1/calls', body))).id };
}

/** A new integration token of the place's town. */
async function freshToken(place: Place): Promise<string> {
  return (await ok<{ id: string }>(admin().request('POST', '/api/v1/integrations/tokens', { name: '测试交换机', regionId: place.town.id }))).id;
}

/** An open maintenance visit of the place's button whose cause (a flat battery) cleared by itself. */
async function clearedTaskFor(place: Place): Promise<string> {
  await place.button.send('status', 'heartbeat', { battery: 5 });
  await place.button.send('status', 'heartbeat', { battery: 95 });
  const open = await eventually(
    () => admin().listTasks('open'),
    (tasks) => tasks.some((t) => t.deviceId === place.button.id && t.causeClearedAt !== null),
  );
  return (open.find((t) => t.deviceId === place.button.id && t.causeClearedAt !== null) as TaskView).id;
}

/** A care visit of the place nobody found home (issue 21): a new elder living alone, whose visit is made at registration. */
async function retryableVisitFor(place: Place): Promise<string> {
  const elder = await ok<{ id: string }>(admin().request('POST', '/api/v1/elders', { name: '探访老人', address: '幸福路9号', regionId: place.community.id, groups: ['living_alone'] }));
  const visit = (await admin().listTasks('open')).find((t) => t.kind === 'care_visit' && t.elder.id === elder.id) as TaskView;
  await ok(admin().request('POST', `/api/v1/tasks/${visit.id}/complete`, { outcome: 'not_home', mode: 'door' }));
  return visit.id;
}

/** Presses SOS and returns the new alert's id. */
async function raise(elderId: string, button: TestDevice, previous: string | null): Promise<string> {
  await button.send('events', 'sos');
  const open = await eventually(
    () => admin().listAlerts('open'),
    (alerts) => alerts.some((a) => a.elder.id === elderId && a.id !== previous),
  );
  return (open.find((a) => a.elder.id === elderId && a.id !== previous) as AlertView).id;
}

/** A new raised alert of the place (the previous one closed), dispatched to its responder when asked. */
async function freshAlert(place: Place, dispatched: boolean): Promise<string> {
  if (place.lastFreshAlert) await admin().request('POST', `/api/v1/alerts/${place.lastFreshAlert}/resolve`, { reason: 'no_action_needed' });
  const id = await raise(place.alarmElderId, place.button, place.lastFreshAlert);
  place.lastFreshAlert = id;
  if (dispatched) await ok(admin().request('POST', `/api/v1/alerts/${id}/dispatch`, { responderId: place.responder.user.id }));
  return id;
}

/** A new open service task of the place (the previous one cancelled), assigned to its responder when asked. */
async function freshTask(place: Place, assigned: boolean): Promise<string> {
  if (place.lastFreshTask) await admin().request('POST', `/api/v1/tasks/${place.lastFreshTask}/cancel`, { reason: 'route-access test' });
  const { id } = await ok<{ id: string }>(admin().request('POST', '/api/v1/service-requests', { elderId: place.spareElderId, service: 'meals' }));
  place.lastFreshTask = id;
  if (assigned) await ok(admin().request('POST', `/api/v1/tasks/${id}/assign`, { responderId: place.responder.user.id }));
  return id;
}

let userNumber = 0;

/**
 * The request for one operation, as `caller`, on `place`. A call meant to succeed gets a target in the state it
 * needs (a fresh alert or task); a call meant to be refused gets the standing one, which the refusal must leave.
 */
const REQUESTS: Record<string, (caller: Caller, place: Place, meant: Outcome) => Promise<Call>> = {
  'POST /api/v1/auth/login': async (caller) => ({ path: '/api/v1/auth/login', body: credentials(caller) }),
  'GET /api/v1/me': async () => ({ path: '/api/v1/me' }),
  'POST /api/v1/auth/logout': async (caller) => ({ path: '/api/v1/auth/logout', token: (await loginAgain(credentials(caller))).token }),
  'GET /api/v1/auth/sessions': async () => ({ path: '/api/v1/auth/sessions' }),
  // The same password again: the caller's other sessions end, the usual one (which asks) stays.
  'POST /api/v1/auth/password': async (caller) => ({ path: '/api/v1/auth/password', body: { currentPassword: person(caller).password, newPassword: person(caller).password } }),
  'GET /api/v1/regions': async () => ({ path: '/api/v1/regions' }),
  'POST /api/v1/regions': async (_c, p) => ({ path: '/api/v1/regions', body: { name: `新社区${++userNumber}`, level: 'community', parentId: p.town.id } }),
  'GET /api/v1/users': async () => ({ path: '/api/v1/users' }),
  'POST /api/v1/users': async (_c, p) => ({
    path: '/api/v1/users',
    body: { username: `ra-${++userNumber}`, password: 'a-long-enough-password', displayName: '新护理员', role: 'responder', responderKind: 'care_worker', regionId: p.community.id },
  }),
  'PATCH /api/v1/users/{id}': async (_c, p) => ({ path: `/api/v1/users/${p.peer.user.id}`, body: { onDuty: true } }),
  'GET /api/v1/users/{id}/sessions': async (_c, p) => ({ path: `/api/v1/users/${p.peer.user.id}/sessions` }),
  'DELETE /api/v1/users/{id}/sessions/{sid}': async (_c, p, meant) => ({
    path: `/api/v1/users/${p.peer.user.id}/sessions/${meant === 'ok' ? (await loginAgain({ username: p.peer.user.username, password: p.peer.password })).sessionId : 'no-such-session'}`,
  }),
  // Calls meant to succeed change a new account of the place; refused ones the peer, whom the refusal must leave.
  'POST /api/v1/users/{id}/password': async (_c, p, meant) => ({ path: `/api/v1/users/${await accountFor(p, meant)}/password`, body: { password: 'another-long-password' } }),
  'POST /api/v1/users/{id}/disable': async (_c, p, meant) => ({ path: `/api/v1/users/${await accountFor(p, meant)}/disable` }),
  'POST /api/v1/users/{id}/enable': async (_c, p) => ({ path: `/api/v1/users/${p.peer.user.id}/enable` }),

  'POST /api/v1/elders': async (_c, p) => ({ path: '/api/v1/elders', body: { name: '新老人', address: '新地址', regionId: p.community.id } }),
  'GET /api/v1/elders': async () => ({ path: '/api/v1/elders' }),
  'GET /api/v1/status-wall': async () => ({ path: '/api/v1/status-wall' }),
  'GET /api/v1/elders/{id}': async (_c, p) => ({ path: `/api/v1/elders/${p.spareElderId}` }),
  'PATCH /api/v1/elders/{id}': async (_c, p) => ({ path: `/api/v1/elders/${p.spareElderId}`, body: { phone: '13800000009' } }),
  'PUT /api/v1/elders/{id}/care-profile': async (_c, p) => ({ path: `/api/v1/elders/${p.spareElderId}/care-profile`, body: { riskCategory: 'alone' } }),
  'PUT /api/v1/elders/{id}/away': async (_c, p) => ({ path: `/api/v1/elders/${p.spareElderId}/away`, body: { reason: '住院' } }),
  'DELETE /api/v1/elders/{id}/away': async (_c, p) => ({ path: `/api/v1/elders/${p.spareElderId}/away` }),
  'GET /api/v1/elders/{id}/readings': async (_c, p) => ({ path: `/api/v1/elders/${p.spareElderId}/readings` }),
  'GET /api/v1/elders/{id}/activity': async (_c, p) => ({ path: `/api/v1/elders/${p.spareElderId}/activity` }),
  'GET /api/v1/elders/{id}/ledger': async (_c, p) => ({ path: `/api/v1/elders/${p.spareElderId}/ledger` }),
  'POST /api/v1/elder-imports': async (_c, p) => ({ path: '/api/v1/elder-imports?dryRun=true', body: Buffer.from(`姓名,身份证号,住址,社区\r\n新老人,330102194503120024,新地址,${p.community.name}\r\n`) }),
  'GET /api/v1/elder-imports/{id}': async (c, p) => {
    if (c === 'responder') return { path: '/api/v1/elder-imports/no-such-import' };
    const job = await ok<{ id: string }>(person(c).api.request('POST', '/api/v1/elder-imports?dryRun=true', Buffer.from(`姓名,身份证号,住址,社区\r\n新老人,330102194503120024,新地址,${p.community.name}\r\n`)));
    return { path: `/api/v1/elder-imports/${job.id}` };
  },
  'GET /api/v1/elder-imports/template.csv': async () => ({ path: '/api/v1/elder-imports/template.csv' }),
  'GET /api/v1/elder-imports/template.xlsx': async () => ({ path: '/api/v1/elder-imports/template.xlsx' }),
  'GET /api/v1/elders/export': async (_c, p) => ({ path: `/api/v1/elders/export?format=csv&regionId=${p.community.id}` }),

  'POST /api/v1/devices': async (_c, p) => ({ path: '/api/v1/devices', body: { elderId: p.spareElderId, kind: 'door_sensor' } }),
  'GET /api/v1/devices': async () => ({ path: '/api/v1/devices' }),
  'GET /api/v1/devices/{id}': async (_c, p) => ({ path: `/api/v1/devices/${p.spareDeviceId}` }),
  'POST /api/v1/devices/{id}/secret': async (_c, p) => ({ path: `/api/v1/devices/${p.spareDeviceId}/secret` }),
  'PUT /api/v1/devices/{id}/test-mode': async (_c, p) => ({ path: `/api/v1/devices/${p.spareDeviceId}/test-mode`, body: { minutes: 5 } }),
  'DELETE /api/v1/devices/{id}/test-mode': async (_c, p) => ({ path: `/api/v1/devices/${p.spareDeviceId}/test-mode` }),
  'GET /api/v1/devices/{id}/events': async (_c, p) => ({ path: `/api/v1/devices/${p.spareDeviceId}/events` }),
  'GET /api/v1/devices/{id}/readings': async (_c, p) => ({ path: `/api/v1/devices/${p.spareDeviceId}/readings` }),
  'POST /api/v1/devices/{id}/commands': async (_c, p) => ({ path: `/api/v1/devices/${p.spareDeviceId}/commands`, body: { type: 'reboot' } }),
  'GET /api/v1/devices/{id}/commands': async (_c, p) => ({ path: `/api/v1/devices/${p.spareDeviceId}/commands` }),
  'POST /api/v1/devices/{id}/retire': async (_c, p, meant) => ({ path: `/api/v1/devices/${await deviceFor(p, meant)}/retire`, body: { reason: '损坏' } }),
  'POST /api/v1/devices/{id}/replace': async (_c, p, meant) => ({ path: `/api/v1/devices/${await deviceFor(p, meant)}/replace`, body: {} }),
  'PATCH /api/v1/devices/{id}': async (_c, p) => ({ path: `/api/v1/devices/${p.spareDeviceId}`, body: { room: '客厅' } }),
  'POST /api/v1/device-imports': async (_c, p) => ({ path: '/api/v1/device-imports?dryRun=true', body: Buffer.from(`类型,老人编号\r\ncall_button,${p.spareElderId}\r\n`) }),
  'GET /api/v1/device-imports/template.csv': async () => ({ path: '/api/v1/device-imports/template.csv' }),
  'GET /api/v1/device-commands/{commandId}': async (_c, p) => {
    const command = await ok<{ id: string }>(admin().request('POST', `/api/v1/devices/${p.spareDeviceId}/commands`, { type: 'reboot' }));
    return { path: `/api/v1/device-commands/${command.id}` };
  },

  'GET /api/v1/alerts': async () => ({ path: '/api/v1/alerts' }),
  'GET /api/v1/alerts/{id}': async (_c, p) => ({ path: `/api/v1/alerts/${p.standingAlertId}` }),
  'GET /api/v1/alerts/{id}/suggestions': async (_c, p) => ({ path: `/api/v1/alerts/${p.standingAlertId}/suggestions` }),
  'POST /api/v1/alerts/{id}/ack': async (_c, p, meant) => ({ path: `/api/v1/alerts/${await alertFor(p, meant, false)}/ack`, body: {} }),
  'POST /api/v1/alerts/{id}/dispatch': async (c, p, meant) => ({
    path: `/api/v1/alerts/${await alertFor(p, meant, false)}/dispatch`,
    body: { responderId: responderOf(c, p) },
  }),
  'POST /api/v1/alerts/{id}/accept': async (_c, p, meant) => ({ path: `/api/v1/alerts/${await alertFor(p, meant, true)}/accept` }),
  'POST /api/v1/alerts/{id}/decline': async (_c, p, meant) => ({ path: `/api/v1/alerts/${await alertFor(p, meant, true)}/decline`, body: { reason: '在忙' } }),
  'POST /api/v1/alerts/{id}/arrive': async (_c, p, meant) => ({ path: `/api/v1/alerts/${await alertFor(p, meant, true)}/arrive` }),
  'POST /api/v1/alerts/{id}/resolve': async (c, p, meant) => {
    const id = await alertFor(p, meant, c === 'responder');
    // A responder resolves only what they accepted (409 ALERT_NOT_ACCEPTED otherwise): the call meant to pass accepts first.
    if (c === 'responder' && meant === 'ok') await ok(p.responder.api.request('POST', `/api/v1/alerts/${id}/accept`));
    return { path: `/api/v1/alerts/${id}/resolve`, body: { reason: 'handled_by_phone' } };
  },
  'POST /api/v1/alerts/{id}/false-alarm': async (_c, p, meant) => ({ path: `/api/v1/alerts/${await alertFor(p, meant, false)}/false-alarm`, body: { note: '误按' } }),
  'POST /api/v1/alerts/{id}/hold': async (_c, p, meant) => ({ path: `/api/v1/alerts/${await alertFor(p, meant, false)}/hold`, body: { reason: '家属在场', minutes: 10 } }),
  // A note leaves the alert as it is; the responder's goes on an alert dispatched to them.
  'POST /api/v1/alerts/{id}/notes': async (c, p, meant) => ({ path: `/api/v1/alerts/${await alertFor(p, meant, c === 'responder')}/notes`, body: { note: '家属回电，已到家' } }),

  'GET /api/v1/tasks': async () => ({ path: '/api/v1/tasks' }),
  'GET /api/v1/tasks/{id}': async (_c, p) => ({ path: `/api/v1/tasks/${p.standingTaskId}` }),
  'POST /api/v1/tasks/{id}/assign': async (c, p, meant) => ({ path: `/api/v1/tasks/${await taskFor(p, meant, false)}/assign`, body: { responderId: responderOf(c, p) } }),
  'POST /api/v1/tasks/{id}/accept': async (_c, p, meant) => ({ path: `/api/v1/tasks/${await taskFor(p, meant, true)}/accept` }),
  'POST /api/v1/tasks/{id}/decline': async (_c, p, meant) => ({ path: `/api/v1/tasks/${await taskFor(p, meant, true)}/decline`, body: { reason: '在忙' } }),
  'POST /api/v1/tasks/{id}/complete': async (c, p, meant) => ({
    path: `/api/v1/tasks/${await taskFor(p, meant, c === 'responder')}/complete`,
    body: { outcome: 'service_delivered' },
  }),
  'POST /api/v1/tasks/{id}/cancel': async (_c, p, meant) => ({ path: `/api/v1/tasks/${await taskFor(p, meant, false)}/cancel`, body: { reason: '不需要了' } }),
  'POST /api/v1/tasks/{id}/close-cleared': async (_c, p, meant) => ({ path: `/api/v1/tasks/${meant === 'ok' ? await clearedTaskFor(p) : p.standingTaskId}/close-cleared` }),
  'POST /api/v1/service-requests': async (_c, p) => ({ path: '/api/v1/service-requests', body: { elderId: p.spareElderId, service: 'question' } }),
  'POST /api/v1/tasks/{id}/retry': async (_c, p, meant) => ({ path: `/api/v1/tasks/${meant === 'ok' ? await retryableVisitFor(p) : p.standingTaskId}/retry` }),
  'GET /api/v1/visit-policy': async () => ({ path: '/api/v1/visit-policy' }),
  // the table as it is: replacing it with itself changes nothing the other calls see
  'PUT /api/v1/visit-policy': async () => ({ path: '/api/v1/visit-policy', body: { rules: (await ok<{ rules: unknown[] }>(admin().request('GET', '/api/v1/visit-policy'))).rules } }),

  'GET /api/v1/reports/alarms': async (_c, p) => ({ path: `/api/v1/reports/alarms?from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&regionId=${p.town.id}` }),
  'GET /api/v1/reports/visit-coverage': async (_c, p) => ({ path: `/api/v1/reports/visit-coverage?month=2025-03&regionId=${p.town.id}` }),
  'GET /api/v1/audit': async () => ({ path: '/api/v1/audit?limit=5' }),
  'GET /api/v1/dead-letters': async (_c, p) => ({ path: `/api/v1/dead-letters?regionId=${p.town.id}&limit=5` }),
  'GET /api/v1/handover': async (_c, p) => ({ path: `/api/v1/handover?regionId=${p.town.id}` }),
  'POST /api/v1/handover/notes': async () => ({ path: '/api/v1/handover/notes', body: { note: '明早八点家属来电' } }),

  'GET /api/v1/elders/lookup': async (_c, p) => ({ path: `/api/v1/elders/lookup?q=${encodeURIComponent(p.phoneNumber)}` }),
  'POST /api/v1/calls': async (_c, p) => ({
    path: '/api/v1/calls',
    body: { direction: 'inbound', line: '12349', callerNumber: p.phoneNumber, elderId: p.phoneElderId, category: 'wellbeing' },
  }),
  'GET /api/v1/calls': async () => ({ path: '/api/v1/calls?limit=500' }),
  'GET /api/v1/calls/{id}': async (_c, p) => ({ path: `/api/v1/calls/${p.standingCallId}` }),
  'POST /api/v1/calls/{id}/alert': async (_c, p, meant) => ({ path: `/api/v1/calls/${await callFor(p, meant, true)}/alert`, body: { priority: 2, note: '电话里说摔倒了' } }),
  'POST /api/v1/calls/{id}/service-request': async (_c, p, meant) => ({ path: `/api/v1/calls/${await callFor(p, meant, true)}/service-request`, body: { service: 'shopping' } }),
  'POST /api/v1/calls/{id}/link': async (_c, p, meant) => ({ path: `/api/v1/calls/${await callFor(p, meant, false)}/link`, body: { elderId: p.phoneElderId } }),
  'POST /api/v1/calls/{id}/register-elder': async (_c, p, meant) => ({ path: `/api/v1/calls/${await callFor(p, meant, false)}/register-elder`, body: { regionId: p.community.id } }),
  'GET /api/v1/alerts/{id}/calling-order': async (_c, p) => ({ path: `/api/v1/alerts/${p.standingAlertId}/calling-order` }),
  // An attempt is noted on the alert's timeline and leaves the alert as it is: the standing alert takes them all.
  'POST /api/v1/alerts/{id}/call-attempts': async (_c, p) => ({ path: `/api/v1/alerts/${p.standingAlertId}/call-attempts`, body: { party: 'elder', outcome: 'no_answer' } }),
  'POST /api/v1/complaints': async (_c, p) => ({ path: '/api/v1/complaints', body: { elderId: p.phoneElderId, subject: 'responder', subjectName: '护理员', statement: '上门迟到' } }),
  'GET /api/v1/complaints': async () => ({ path: '/api/v1/complaints?status=all&limit=500' }),
  'GET /api/v1/complaints/{id}': async (_c, p) => ({ path: `/api/v1/complaints/${p.standingComplaintId}` }),
  'POST /api/v1/complaints/{id}/assign': async (_c, p, meant) => ({ path: `/api/v1/complaints/${await complaintFor(p, meant)}/assign`, body: { ownerId: p.desk.user.id } }),
  'POST /api/v1/complaints/{id}/answer': async (_c, p, meant) => ({ path: `/api/v1/complaints/${await complaintFor(p, meant)}/answer`, body: { answer: '已向服务商核实' } }),
  'POST /api/v1/complaints/{id}/close': async (_c, p, meant) => {
    const { complaintId, followUpCallId } = meant === 'ok' ? await closableComplaint(p) : { complaintId: p.standingComplaintId, followUpCallId: p.standingCallId };
    return { path: `/api/v1/complaints/${complaintId}/close`, body: { followUpCallId, note: '回访满意' } };
  },
  'POST /api/v1/integrations/tokens': async (_c, p) => ({ path: '/api/v1/integrations/tokens', body: { name: '新交换机', regionId: p.town.id } }),
  'GET /api/v1/integrations/tokens': async () => ({ path: '/api/v1/integrations/tokens' }),
  'DELETE /api/v1/integrations/tokens/{id}': async (_c, p, meant) => ({ path: `/api/v1/integrations/tokens/${meant === 'ok' ? await freshToken(p) : p.standingTokenId}` }),
  'GET /api/v1/reports/calls': async (_c, p) => ({ path: `/api/v1/reports/calls?from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&regionId=${p.town.id}` }),
  'POST /api/v1/telephony/incoming': async (_c, p) => ({ path: '/api/v1/telephony/incoming', body: { callerNumber: p.phoneNumber, line: '12349' } }),
};

/** A fresh login of the person, beside their usual session: its token and session id. */
async function loginAgain(who: { username: string; password: string }): Promise<{ token: string; sessionId: string }> {
  const { token } = await ok<{ token: string }>(gw.api.request('POST', '/api/v1/auth/login', who, null));
  const sessions = await ok<{ items: Array<{ id: string; current: boolean }> }>(gw.api.request('GET', '/api/v1/auth/sessions', undefined, token));
  return { token, sessionId: sessions.items.find((s) => s.current)?.id ?? '' };
}

/** The account an admin's call changes: a new responder of the place when it is meant to succeed, else the peer. */
async function accountFor(place: Place, meant: Outcome): Promise<string> {
  if (meant !== 'ok') return place.peer.user.id;
  const body = { username: `acct-${++userNumber}`, password: 'a-long-enough-password', displayName: '新护理员', role: 'responder', responderKind: 'care_worker', regionId: place.community.id };
  return (await ok<{ id: string }>(admin().request('POST', '/api/v1/users', body))).id;
}

/** A new device of the place's spare elder for a call meant to succeed (retired or replaced by it), else the spare one. */
async function deviceFor(place: Place, meant: Outcome): Promise<string> {
  if (meant !== 'ok') return place.spareDeviceId;
  return (await ok<{ id: string }>(admin().request('POST', '/api/v1/devices', { elderId: place.spareElderId, kind: 'door_sensor' }))).id;
}

const alertFor = (place: Place, meant: Outcome, dispatched: boolean) => (meant === 'ok' ? freshAlert(place, dispatched) : Promise.resolve(place.standingAlertId));
const taskFor = (place: Place, meant: Outcome, assigned: boolean) => (meant === 'ok' ? freshTask(place, assigned) : Promise.resolve(place.standingTaskId));
/** A fresh call (the phone elder's, or an unknown caller's when not linked) for a call meant to succeed, else the standing one. */
const callFor = (place: Place, meant: Outcome, linked: boolean) => (meant === 'ok' ? freshCall(place, linked) : Promise.resolve(place.standingCallId));
const complaintFor = (place: Place, meant: Outcome) => (meant === 'ok' ? freshComplaint(place, 'open') : Promise.resolve(place.standingComplaintId));
/** The county admin sends the place's own responder; everybody else one of their own region. */
const responderOf = (caller: Caller, place: Place) => (caller === 'admin' ? place : A).responder.user.id;

function person(caller: Caller): { api: ApiClient; username: string; password: string } {
  if (caller === 'admin') return { api: gw.api, ...TEST_ADMIN };
  const p = { townAdmin, supervisor: net.supervisorA, operator: net.operatorA, responder: net.responderA }[caller];
  return { api: p.api, username: p.user.username, password: p.password };
}
const credentials = (caller: Caller) => ({ username: person(caller).username, password: person(caller).password });

/** What a reply says about access, in the table's words; anything else is shown as `<status> <code>`. */
function outcomeOf(reply: { status: number; body: unknown }, meant: Outcome): string {
  const code = (reply.body as { error?: { code?: string } } | null)?.error?.code ?? '';
  if (reply.status >= 200 && reply.status < 300) {
    if (meant !== 'hidden' && meant !== 'shows') return 'ok';
    const text = JSON.stringify(reply.body);
    return markersOf(B).some((m) => text.includes(m)) ? 'shows' : 'hidden';
  }
  if (reply.status === 403 && code === 'FORBIDDEN_ROLE') return 'role';
  if (reply.status === 403 && code === 'FORBIDDEN_REGION') return 'region';
  if (reply.status === 403 && code === 'ELDER_NOT_YOURS') return 'notyours';
  if (reply.status === 401) return 'anonymous';
  return `${reply.status} ${code}`;
}

const markersOf = (p: Place) => [
  p.town.id,
  p.community.id,
  p.responder.user.id,
  p.desk.user.id,
  p.spareElderId,
  p.alarmElderId,
  p.phoneElderId,
  p.standingAlertId,
  p.standingTaskId,
  p.standingCallId,
  p.standingComplaintId,
  p.standingTokenId,
];

const methodOf = (operation: string) => operation.split(' ')[0] as string;

beforeAll(async () => {
  // Nothing moves by itself while the table runs: dispatches wait for their responder. The table writes far more
  // than a desk does in a minute, all from one address: the write limit is not what it tries.
  gw = await startTestGateway({ DISPATCH_ACCEPT_SECONDS: '86400', ARRIVAL_P1_MINUTES: '1440', RATE_LIMIT_WRITE_PER_MINUTE: '100000' });
  net = await setUpCareNetwork(gw);
  townAdmin = await createPerson(gw, 'town-admin-a', { displayName: '镇管理员', role: 'admin', regionId: net.townA.id });
  const supervisorB = await createPerson(gw, 'sup-b', { displayName: '主管乙', role: 'supervisor', regionId: net.townB.id });
  A = await placeOf(net.townA, net.communityA, { responder: net.responderA, peer: net.responderA2, desk: net.supervisorA }, net.elderA.id, net.elderA.button, '13712340001');
  B = await placeOf(net.townB, net.communityB, { responder: net.responderB, peer: net.responderB, desk: supervisorB }, net.elderB.id, net.elderB.button, '13712340002');
}, 60_000);
afterAll(async () => {
  await Promise.all(buttons.map((b) => b.client.endAsync(true)));
  await net?.close();
  await gw?.close();
});

describe('every route × every role', () => {
  it('when the OpenAPI document lists the operations, then the expectation table has exactly one entry for each', async () => {
    const doc = (await (await fetch(`${gw.httpUrl}/api/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(Object.keys(EXPECTED).sort()).toEqual([...operations].sort());
    expect(Object.keys(REQUESTS).sort()).toEqual([...operations].sort());
  });

  for (const [operation, rows] of Object.entries(EXPECTED)) {
    it(`when ${operation} is called without a token and by each role in and out of its region, then each gets what the table says`, async () => {
      const method = methodOf(operation);
      const seen: string[] = [];
      const wanted: string[] = [];

      const anonymous = await REQUESTS[operation]!('admin', A, 'ok');
      const anonymousReply = await gw.api.request(method, anonymous.path, anonymous.body, null);
      callsMade += 1;
      wanted.push(`anonymous: ${operation === 'POST /api/v1/auth/login' ? 'ok' : 'anonymous'}`);
      seen.push(`anonymous: ${outcomeOf(anonymousReply, 'ok')}`);

      for (const [scope, place] of [['in', A], ['out', B]] as const) {
        const meant = rows[scope].split(' ') as Outcome[];
        expect(meant, `${operation} ${scope}`).toHaveLength(CALLERS.length);
        for (const [i, caller] of CALLERS.entries()) {
          const outcome = meant[i]!;
          if (outcome === '-') continue;
          const call = await REQUESTS[operation]!(caller, place, outcome);
          const reply = await person(caller).api.request(method, call.path, call.body, call.token);
          callsMade += 1;
          wanted.push(`${caller} ${scope}: ${outcome}`);
          seen.push(`${caller} ${scope}: ${outcomeOf(reply, outcome)}`);
        }
      }
      expect(seen).toEqual(wanted);
    });
  }

  it('when any admin adds a county, then it is refused as outside their region and the root stays the root', async () => {
    for (const api of [gw.api, townAdmin.api]) {
      expect(await api.request('POST', '/api/v1/regions', { name: '另一个县', level: 'county' })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    }
    const regions = await ok<{ items: RegionView[] }>(gw.api.request('GET', '/api/v1/regions'));
    expect(regions.items.filter((r) => r.parentId === null)).toHaveLength(1);
    expect((await gw.api.request('GET', '/api/v1/audit?limit=1')).status).toBe(200);
  });

  it('when a PBX announces a call with a live integration token, then the hook answers 202, and the token opens no person\'s route', async () => {
    const { token } = await ok<{ token: string }>(admin().request('POST', '/api/v1/integrations/tokens', { name: '来电弹屏', regionId: A.town.id }));
    const ringing = await gw.api.request('POST', '/api/v1/telephony/incoming', { callerNumber: `+86 ${A.phoneNumber}`, line: '12349' }, token);
    expect(ringing).toMatchObject({ status: 202, body: { matched: 1 } });
    expect((await gw.api.request('GET', '/api/v1/me', undefined, token)).status).toBe(401);
    expect((await gw.api.request('GET', `/api/v1/calls/${A.standingCallId}`, undefined, token)).status).toBe(401);
  });

  it('when the table has run, then it made one call per operation, caller and region', () => {
    const perOperation = Object.values(EXPECTED).map((r) => 1 + [...r.in.split(' '), ...r.out.split(' ')].filter((o) => o !== '-').length);
    expect(callsMade).toBe(perOperation.reduce((a, b) => a + b, 0));
    console.info(`route access: ${Object.keys(EXPECTED).length} operations × ${CALLERS.length + 1} callers, ${callsMade} calls`);
  });
});
