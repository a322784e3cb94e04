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

export function acknowledgeAlert(token, id) {
  return request('POST', `/api/v1/alerts/${encodeURIComponent(id)}/ack`, { token, body: {} });
}

export function resolveAlert(token, id, note) {
  return request('POST', `/api/v1/alerts/${encodeURIComponent(id)}/resolve`, { token, body: note ? { note } : {} });
}

/** POST /tasks/:id/complete → TaskView; 409 TASK_TRANSITION_INVALID when it was already done or cancelled. */
export function completeTask(token, id) {
  return request('POST', `/api/v1/tasks/${encodeURIComponent(id)}/complete`, { token, body: {} });
}

/** True when the server still accepts the token; used when the live socket is refused before it opens. */
export async function tokenStillValid(token) {
  try {
    await request('GET', '/api/v1/alerts?status=open&limit=1', { token });
    return true;
  } catch (err) {
    return !(err instanceof ApiError && err.status === 401);
  }
}
