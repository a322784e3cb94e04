// REST calls to /api/v1 and the session token. Errors come back as ApiError with the server's stable code, so the
// pages translate by code and never show the server's wording. Types come from the gateway's own schemas.

import type {
  ActivityReply,
  DeadLetterListReply,
  AlarmReport,
  AlertDetail,
  AlertView,
  DeviceView,
  Elder,
  ReadingsReply,
  ResponderSuggestion,
  RegionListReply,
  StatusWall,
  TaskView,
  UserView,
  VisitCoverage,
  CallCategory,
  CallingOrder,
  CallLine,
  CallOutcome,
  CallView,
  ComplaintView,
  CreateCallBody,
  ElderLookupItem,
  ServiceType,
  COMPLAINT_SUBJECTS,
} from '../../../schemas/index.js';
import type { Handover, HandoverNoteReply } from '../../../schemas/index.js';

export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];

const TOKEN_KEY = 'dutyDesk.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
  ) {
    super(message || code);
  }
}

export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // the session still works until the tab is reloaded
  }
}

export function clearToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
}

async function request<T>(method: string, path: string, { token, body }: { token?: string | null; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiErrorOf(res.status, data);
  return data as T;
}

/** The ApiError of a refused reply: the server's stable code (else HTTP_<status>) and its message, from its JSON body. */
export function apiErrorOf(status: number, data: unknown): ApiError {
  const error = data && typeof data === 'object' && 'error' in data && data.error && typeof data.error === 'object' ? (data.error as { code?: unknown; message?: unknown }) : {};
  return new ApiError(status, typeof error.code === 'string' ? error.code : `HTTP_${status}`, typeof error.message === 'string' ? error.message : undefined);
}

const enc = encodeURIComponent;
const alertPath = (id: string, action = '') => `/api/v1/alerts/${enc(id)}${action ? `/${action}` : ''}`;
const taskPath = (id: string, action: string) => `/api/v1/tasks/${enc(id)}/${action}`;
/** The note or reason only when something was typed: the server trims, and an empty optional field is left out. */
const optional = (name: string, value: string | null | undefined) => (typeof value === 'string' && value.trim() !== '' ? { [name]: value.trim() } : {});

/** POST /auth/login → { token, expiresAt }. */
export const login = (username: string, password: string) =>
  request<{ token: string; expiresAt: string }>('POST', '/api/v1/auth/login', { body: { username, password } });

/** POST /auth/logout: the gateway ends the session everywhere (a copied token stops working too). */
export const logout = (token: string) => request<null>('POST', '/api/v1/auth/logout', { token });

// ---- who and where ------------------------------------------------------------------------------

export const getMe = (token: string) => request<UserView>('GET', '/api/v1/me', { token });
export const listUsers = (token: string, role?: string) => request<{ items: UserView[] }>('GET', `/api/v1/users${role ? `?role=${enc(role)}` : ''}`, { token });
export const listRegions = (token: string) => request<RegionListReply>('GET', '/api/v1/regions', { token });
export const getElder = (token: string, id: string) => request<Elder>('GET', `/api/v1/elders/${enc(id)}`, { token });
export const getElderReadings = (token: string, id: string) => request<ReadingsReply>('GET', `/api/v1/elders/${enc(id)}/readings`, { token });
/** GET /devices/:id: kind, room, presence (online, battery, last seen) of one device. */
export const getDevice = (token: string, id: string) => request<DeviceView>('GET', `/api/v1/devices/${enc(id)}`, { token });
/** GET /status-wall: every home and room of the caller's region with its devices' presence. */
export const getStatusWall = (token: string) => request<StatusWall>('GET', '/api/v1/status-wall', { token });
/** GET /dead-letters: what devices of the caller's region sent that was refused or salvaged, newest first. */
export const listDeadLetters = (token: string, reason?: string) =>
  request<DeadLetterListReply>('GET', `/api/v1/dead-letters?limit=200${reason ? `&reason=${enc(reason)}` : ''}`, { token });

// ---- reports (the shift's KPIs) -------------------------------------------------------------------

export const getAlarmReport = (token: string, from: string, to: string) =>
  request<AlarmReport>('GET', `/api/v1/reports/alarms?from=${enc(from)}&to=${enc(to)}`, { token });
export const getVisitCoverage = (token: string, month: string) => request<VisitCoverage>('GET', `/api/v1/reports/visit-coverage?month=${enc(month)}`, { token });

// ---- alerts ---------------------------------------------------------------------------------------

export const getAlert = (token: string, id: string) => request<AlertDetail>('GET', alertPath(id), { token });
/** POST /alerts/:id/notes: a free note on the timeline, open or closed alert alike. */
export const addAlertNote = (token: string, id: string, note: string) => request<AlertView>('POST', alertPath(id, 'notes'), { token, body: { note: note.trim() } });
/** GET /alerts?status=closed: the region's alerts closed (resolved, false alarm, cancelled, cleared), raised since `from`, newest first. */
export const listClosedAlerts = (token: string, from: string, limit = 50) =>
  request<{ items: AlertView[]; nextCursor: string | null }>('GET', `/api/v1/alerts?status=closed&from=${enc(from)}&limit=${limit}`, { token });
export const acknowledgeAlert = (token: string, id: string) => request<AlertView>('POST', alertPath(id, 'ack'), { token, body: {} });
export const resolveAlert = (token: string, id: string, reason: string, note?: string) =>
  request<AlertView>('POST', alertPath(id, 'resolve'), { token, body: { reason, ...optional('note', note) } });
export const markFalseAlarm = (token: string, id: string, note: string) => request<AlertView>('POST', alertPath(id, 'false-alarm'), { token, body: { note: note.trim() } });
export const holdAlert = (token: string, id: string, reason: string, minutes: number) =>
  request<AlertView>('POST', alertPath(id, 'hold'), { token, body: { reason: reason.trim(), minutes } });
export const suggestResponders = (token: string, id: string) => request<{ items: ResponderSuggestion[] }>('GET', alertPath(id, 'suggestions'), { token });
export const dispatchAlert = (token: string, id: string, responderId: string) => request<AlertView>('POST', alertPath(id, 'dispatch'), { token, body: { responderId } });
export const acceptAlert = (token: string, id: string) => request<AlertView>('POST', alertPath(id, 'accept'), { token });
export const declineAlert = (token: string, id: string, reason?: string) => request<AlertView>('POST', alertPath(id, 'decline'), { token, body: optional('reason', reason) });
export const arriveAlert = (token: string, id: string) => request<AlertView>('POST', alertPath(id, 'arrive'), { token });

// ---- tasks ----------------------------------------------------------------------------------------

export const assignTask = (token: string, id: string, responderId: string) => request<TaskView>('POST', taskPath(id, 'assign'), { token, body: { responderId } });
export const acceptTask = (token: string, id: string) => request<TaskView>('POST', taskPath(id, 'accept'), { token });
export const declineTask = (token: string, id: string, reason?: string) => request<TaskView>('POST', taskPath(id, 'decline'), { token, body: optional('reason', reason) });
/** `mode`: how a care visit was made (door, phone, video), required by the gateway for its visited/not home/refused. */
export const completeTask = (token: string, id: string, outcome: string, note?: string, mode?: string) =>
  request<TaskView>('POST', taskPath(id, 'complete'), { token, body: { outcome, ...optional('note', note), ...optional('mode', mode) } });
/** The next attempt at a care visit that did not cover its period (nobody home, refused, a way that does not count). */
export const retryTask = (token: string, id: string) => request<TaskView>('POST', taskPath(id, 'retry'), { token, body: {} });
export const cancelTask = (token: string, id: string, reason: string) => request<TaskView>('POST', taskPath(id, 'cancel'), { token, body: { reason: reason.trim() } });
/** A task whose cause cleared by itself, closed in one step. */
export const closeClearedTask = (token: string, id: string) => request<TaskView>('POST', taskPath(id, 'close-cleared'), { token });
/** The home's daily activity and its baseline, for the trend on the home's panel. */
export const getElderActivity = (token: string, id: string, days = 28) => request<ActivityReply>('GET', `/api/v1/elders/${enc(id)}/activity?days=${days}`, { token });

// ---- the telephone: calls, the caller's lookup, calling during an alarm, complaints ---------------------------

/** Query string of the fields that hold something (empty strings and undefined are left out). */
const query = (fields: Record<string, string | number | boolean | undefined | null>) => {
  const parts = Object.entries(fields).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `${k}=${enc(String(v))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
};
const callPath = (id: string, action = '') => `/api/v1/calls/${enc(id)}${action ? `/${action}` : ''}`;
const complaintPath = (id: string, action: string) => `/api/v1/complaints/${enc(id)}/${action}`;

/** GET /elders/lookup: elders by phone (theirs or a contact's), name, address or ID-number tail, best first. */
export const lookupElders = (token: string, q: string) => request<{ items: ElderLookupItem[] }>('GET', `/api/v1/elders/lookup${query({ q, limit: 8 })}`, { token });
export const createCall = (token: string, body: CreateCallBody) => request<CallView>('POST', '/api/v1/calls', { token, body });
export const getCall = (token: string, id: string) => request<CallView>('GET', callPath(id), { token });
export type CallListFilter = { q?: string; line?: CallLine; category?: CallCategory; elderId?: string; unlinked?: boolean; from?: string; to?: string; limit?: number; cursor?: string };
export const listCalls = (token: string, filter: CallListFilter) => request<{ items: CallView[]; nextCursor: string | null }>('GET', `/api/v1/calls${query(filter)}`, { token });
/** POST /calls/:id/alert: an alert with no device, in the queue like any other (P1 unless another priority is given). */
export const raiseCallAlert = (token: string, id: string, priority: 1 | 2 | 3, note?: string) =>
  request<{ call: CallView; alert: AlertView }>('POST', callPath(id, 'alert'), { token, body: { priority, ...optional('note', note) } });
export const requestServiceFromCall = (token: string, id: string, service: ServiceType, note?: string) =>
  request<{ call: CallView; task: TaskView }>('POST', callPath(id, 'service-request'), { token, body: { service, ...optional('note', note) } });
export const linkCallToElder = (token: string, id: string, elderId: string) => request<CallView>('POST', callPath(id, 'link'), { token, body: { elderId } });
/** POST /calls/:id/register-elder: the caller registered as an elder from what the call recorded (the body fills or corrects it), the call linked. */
export const registerElderFromCall = (token: string, id: string, body: { name?: string; address?: string; phone?: string; regionId?: string }) =>
  request<{ call: CallView; elder: Elder }>('POST', callPath(id, 'register-elder'), { token, body });
export const getCallingOrder = (token: string, alertId: string) => request<CallingOrder>('GET', alertPath(alertId, 'calling-order'), { token });
export const logCallAttempt = (token: string, alertId: string, party: string, outcome: CallOutcome, note?: string) =>
  request<unknown>('POST', alertPath(alertId, 'call-attempts'), { token, body: { party, outcome, ...optional('note', note) } });
export type ComplaintListStatus = 'open' | 'answered' | 'closed' | 'overdue' | 'unclosed' | 'all';
export const listComplaints = (token: string, status: ComplaintListStatus = 'unclosed') =>
  request<{ items: ComplaintView[] }>('GET', `/api/v1/complaints${query({ status, limit: 500 })}`, { token });
export const createComplaint = (token: string, body: { callId?: string; elderId?: string; subject: ComplaintSubject; subjectName?: string; statement: string }) =>
  request<ComplaintView>('POST', '/api/v1/complaints', { token, body });
export const answerComplaint = (token: string, id: string, answer: string) => request<ComplaintView>('POST', complaintPath(id, 'answer'), { token, body: { answer: answer.trim() } });
export const assignComplaint = (token: string, id: string, ownerId: string) => request<ComplaintView>('POST', complaintPath(id, 'assign'), { token, body: { ownerId } });
export const closeComplaint = (token: string, id: string, followUpCallId: string, note?: string) =>
  request<ComplaintView>('POST', complaintPath(id, 'close'), { token, body: { followUpCallId, ...optional('note', note) } });

// ---- history and handover -------------------------------------------------------------------------

/** GET /alerts with the history's filters (any status; raised within [from, to)), a page at a time, newest first. */
export type AlertSearch = { elderId?: string; type?: string; status?: string; regionId?: string; from?: string; to?: string; limit?: number; cursor?: string };
export const searchAlerts = (token: string, filter: AlertSearch) =>
  request<{ items: AlertView[]; nextCursor: string | null }>('GET', `/api/v1/alerts${query(filter)}`, { token });
/** GET /handover: the shift's summary since `since` (the server's default: 12 h ago). */
export const getHandover = (token: string, since?: string, regionId?: string) => request<Handover>('GET', `/api/v1/handover${query({ since, regionId })}`, { token });
export const addHandoverNote = (token: string, note: string) => request<HandoverNoteReply>('POST', '/api/v1/handover/notes', { token, body: { note: note.trim() } });

/** True when the server still accepts the token; asked when the live socket is refused before it opens. */
export async function tokenStillValid(token: string): Promise<boolean> {
  try {
    await getMe(token);
    return true;
  } catch (err) {
    return !(err instanceof ApiError && err.status === 401);
  }
}

export type MessageRef = [key: string, vars?: Record<string, string | number>];

/**
 * The message key (and values) for a failed action, by the server's stable code first, then by status.
 * `kind` is 'alert' or 'task': a 409 or 404 reads differently for each.
 */
export function errorMessage(err: unknown, kind: 'alert' | 'task' = 'alert'): MessageRef {
  if (!(err instanceof ApiError) || err.status === 0) return ['error.network'];
  const byCode: Record<string, string> = {
    FORBIDDEN_ROLE: 'error.forbiddenRole',
    FORBIDDEN_REGION: 'error.forbiddenRegion',
    ALERT_NOT_ASSIGNED_TO_YOU: 'error.alertNotYours',
    TASK_NOT_ASSIGNED_TO_YOU: 'error.taskNotYours',
    // a 409 as well, but not a stale status: checked before the status fallback below
    RESPONDER_NOT_AVAILABLE: 'error.responderUnavailable',
    // 409s too, each with its own reason: a test alert is never dispatched; a responder resolves only what they took
    ALERT_TEST_NOT_DISPATCHABLE: 'error.testNotDispatchable',
    ALERT_NOT_ACCEPTED: 'error.notAccepted',
    REQUEST_INVALID: 'error.invalid',
    ALERT_TRANSITION_INVALID: 'error.transition',
    TASK_TRANSITION_INVALID: 'error.taskTransition',
    // care visits (issue 21): strings in messages/visits.ts
    VISIT_MODE_REQUIRED: 'visits.error.modeRequired',
    VISIT_RETRY_NOT_ALLOWED: 'visits.error.retryNotAllowed',
  };
  const key = byCode[err.code];
  if (key) return [key];
  if (err.status === 409) return [kind === 'task' ? 'error.taskTransition' : 'error.transition'];
  if (err.status === 404) return [kind === 'task' ? 'error.taskNotFound' : 'error.notFound'];
  if (err.status === 400) return ['error.invalid'];
  return ['error.generic', { code: err.code }];
}

/** The message keys for a failed login. */
export function loginErrorMessage(err: unknown): MessageRef {
  if (!(err instanceof ApiError) || err.status === 0) return ['error.network'];
  if (err.status === 401 || err.status === 400) return ['login.invalid'];
  if (err.status === 429) return ['login.tooMany'];
  return ['error.generic', { code: err.code }];
}
