// REST calls to /api/v1 and the session token. Errors come back as ApiError with the server's stable code,
// so the page translates by code and never shows the server's wording.

const TOKEN_KEY = 'dutyDesk.token';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

export function loadToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function saveToken(token) {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // the session still works until the tab is reloaded
  }
}

export function clearToken() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
}

async function request(method, path, { token, body } = {}) {
  const headers = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = data && typeof data === 'object' && data.error ? data.error : {};
    throw new ApiError(res.status, typeof error.code === 'string' ? error.code : `HTTP_${res.status}`, error.message);
  }
  return data;
}

/** POST /auth/login → { token, expiresAt }. */
export function login(username, password) {
  return request('POST', '/api/v1/auth/login', { body: { username, password } });
}

const enc = encodeURIComponent;
const alertPath = (id, action = '') => `/api/v1/alerts/${enc(id)}${action ? `/${action}` : ''}`;
const taskPath = (id, action) => `/api/v1/tasks/${enc(id)}/${action}`;
/** The note or reason only when something was typed: the server trims, and an empty optional field is left out. */
const optional = (name, value) => (typeof value === 'string' && value.trim() !== '' ? { [name]: value.trim() } : {});

// ---- who and where --------------------------------------------------------------------------

/** GET /me → UserView: role, region, duty; the pages decide what to show from it. */
export function getMe(token) {
  return request('GET', '/api/v1/me', { token });
}

/** GET /users → { items: UserView[] } of the caller's region (desk roles only). */
export function listUsers(token, role) {
  return request('GET', `/api/v1/users${role ? `?role=${enc(role)}` : ''}`, { token });
}

/** GET /regions → { items: RegionView[] }: the caller's region, below and above. */
export function listRegions(token) {
  return request('GET', '/api/v1/regions', { token });
}

/** GET /elders/:id → the elder's record: contacts in calling order, medical and access notes. */
export function getElder(token, id) {
  return request('GET', `/api/v1/elders/${enc(id)}`, { token });
}

/** GET /elders/:id/readings → { from, to, series: [{ deviceId, metric, unit, points: [{ t, v }] }] }. */
export function getElderReadings(token, id) {
  return request('GET', `/api/v1/elders/${enc(id)}/readings`, { token });
}

// ---- alerts -----------------------------------------------------------------------------------

/** GET /alerts/:id → AlertView with its timeline. */
export function getAlert(token, id) {
  return request('GET', alertPath(id), { token });
}

export function acknowledgeAlert(token, id) {
  return request('POST', alertPath(id, 'ack'), { token, body: {} });
}

/** The reason is required (RESOLUTION_REASONS); the note is optional. */
export function resolveAlert(token, id, reason, note) {
  return request('POST', alertPath(id, 'resolve'), { token, body: { reason, ...optional('note', note) } });
}

export function markFalseAlarm(token, id, note) {
  return request('POST', alertPath(id, 'false-alarm'), { token, body: { note: note.trim() } });
}

export function holdAlert(token, id, reason, minutes) {
  return request('POST', alertPath(id, 'hold'), { token, body: { reason: reason.trim(), minutes } });
}

/** GET /alerts/:id/suggestions → { items }: responders to send, best first. */
export function suggestResponders(token, id) {
  return request('GET', alertPath(id, 'suggestions'), { token });
}

export function dispatchAlert(token, id, responderId) {
  return request('POST', alertPath(id, 'dispatch'), { token, body: { responderId } });
}

export function acceptAlert(token, id) {
  return request('POST', alertPath(id, 'accept'), { token });
}

export function declineAlert(token, id, reason) {
  return request('POST', alertPath(id, 'decline'), { token, body: optional('reason', reason) });
}

export function arriveAlert(token, id) {
  return request('POST', alertPath(id, 'arrive'), { token });
}

// ---- tasks ------------------------------------------------------------------------------------

export function assignTask(token, id, responderId) {
  return request('POST', taskPath(id, 'assign'), { token, body: { responderId } });
}

export function acceptTask(token, id) {
  return request('POST', taskPath(id, 'accept'), { token });
}

export function declineTask(token, id, reason) {
  return request('POST', taskPath(id, 'decline'), { token, body: optional('reason', reason) });
}

/** POST /tasks/:id/complete {outcome, note?} → TaskView; 409 TASK_TRANSITION_INVALID when already done or cancelled. */
export function completeTask(token, id, outcome, note) {
  return request('POST', taskPath(id, 'complete'), { token, body: { outcome, ...optional('note', note) } });
}

export function cancelTask(token, id, reason) {
  return request('POST', taskPath(id, 'cancel'), { token, body: { reason: reason.trim() } });
}

/** True when the server still accepts the token; used when the live socket is refused before it opens. */
export async function tokenStillValid(token) {
  try {
    await getMe(token);
    return true;
  } catch (err) {
    return !(err instanceof ApiError && err.status === 401);
  }
}

/**
 * The message key (and values) for a failed action, by the server's stable code first, then by status.
 * `kind` is 'alert' or 'task': a 409 or 404 reads differently for each.
 */
export function errorMessage(err, kind = 'alert') {
  if (!(err instanceof ApiError) || err.status === 0) return ['error.network'];
  switch (err.code) {
    case 'FORBIDDEN_ROLE':
      return ['error.forbiddenRole'];
    case 'FORBIDDEN_REGION':
      return ['error.forbiddenRegion'];
    case 'ALERT_NOT_ASSIGNED_TO_YOU':
      return ['error.alertNotYours'];
    case 'TASK_NOT_ASSIGNED_TO_YOU':
      return ['error.taskNotYours'];
    // a 409 as well, but not a stale status: checked before the status fallback below
    case 'RESPONDER_NOT_AVAILABLE':
      return ['error.responderUnavailable'];
    case 'REQUEST_INVALID':
      return ['error.invalid'];
    case 'ALERT_TRANSITION_INVALID':
      return ['error.transition'];
    case 'TASK_TRANSITION_INVALID':
      return ['error.taskTransition'];
    default:
      break;
  }
  if (err.status === 409) return [kind === 'task' ? 'error.taskTransition' : 'error.transition'];
  if (err.status === 404) return [kind === 'task' ? 'error.taskNotFound' : 'error.notFound'];
  if (err.status === 400) return ['error.invalid'];
  return ['error.generic', { code: err.code }];
}
