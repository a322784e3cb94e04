import type { AlertDetail, AlertView, DeviceKind, DeviceView, Elder, ResolutionReason, RiskCategory, TaskOutcome, TaskView, ThresholdOverrides } from '../../schemas/index.js';

// A thin client over real HTTP for tests. `request` returns status and body so tests can check error replies.

export interface ApiReply<T = unknown> {
  status: number;
  body: T;
}

/**
 * The body of a reply a test's set-up expects to succeed: with `status`, exactly that status; without, any below 300.
 * Anything else throws with the status and the body, so a failed set-up says why.
 */
export async function replyBody<T>(reply: Promise<ApiReply>, status?: number): Promise<T> {
  const r = await reply;
  if (status === undefined ? r.status >= 300 : r.status !== status) throw new Error(`expected ${status ?? 'a 2xx'}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as T;
}

export function createApiClient(baseUrl: string) {
  let token = '';

  async function request<T = unknown>(method: string, path: string, body?: unknown, auth: string | null = token): Promise<ApiReply<T>> {
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Bearer ${auth}`;
    // Bytes go as they are (a file the elder import reads); anything else as JSON.
    const raw = body instanceof Uint8Array;
    if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : raw ? new Uint8Array(body) : JSON.stringify(body) });
    const text = await res.text();
    // A download (CSV) comes back as its text; everything else is JSON.
    const json = (res.headers.get('content-type') ?? 'application/json').includes('json');
    return { status: res.status, body: (text ? (json ? JSON.parse(text) : text) : null) as T };
  }

  async function ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const reply = await request<T>(method, path, body);
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  return {
    request,
    get token() {
      return token;
    },
    async login(username: string, password: string): Promise<string> {
      const reply = await request<{ token: string }>('POST', '/api/v1/auth/login', { username, password }, null);
      if (reply.status !== 200) throw new Error(`login failed: ${reply.status}`);
      token = reply.body.token;
      return token;
    },
    createElder: (body: { name: string; address: string; phone?: string; riskCategory?: RiskCategory }) => ok<Elder>('POST', '/api/v1/elders', body),
    getElder: (id: string) => ok<Elder>('GET', `/api/v1/elders/${id}`),
    setCareProfile: (id: string, body: { riskCategory?: RiskCategory; thresholdOverrides?: ThresholdOverrides }) =>
      ok<Elder>('PUT', `/api/v1/elders/${id}/care-profile`, body),
    setAway: (id: string, body: { until?: string; reason: string }) => ok<Elder>('PUT', `/api/v1/elders/${id}/away`, body),
    endAway: (id: string) => ok<Elder>('DELETE', `/api/v1/elders/${id}/away`),
    createDevice: (body: { elderId: string; kind: DeviceKind; id?: string; room?: string }) =>
      ok<DeviceView & { secret: string }>('POST', '/api/v1/devices', body),
    getDevice: (id: string) => ok<DeviceView>('GET', `/api/v1/devices/${id}`),
    setTestMode: (id: string, minutes: number) => ok<DeviceView>('PUT', `/api/v1/devices/${id}/test-mode`, { minutes }),
    deviceEvents: async (id: string) =>
      (await ok<{ items: Array<{ msgId: string; type: string; payload: Record<string, unknown> }> }>('GET', `/api/v1/devices/${id}/events`)).items,
    listTasks: async (status = 'open') => (await ok<{ items: TaskView[] }>('GET', `/api/v1/tasks?status=${status}`)).items,
    completeTask: (id: string, note?: string, outcome: TaskOutcome = 'service_delivered') =>
      request<TaskView>('POST', `/api/v1/tasks/${id}/complete`, note === undefined ? { outcome } : { outcome, note }),
    listAlerts: async (status = 'open') => (await ok<{ items: AlertView[] }>('GET', `/api/v1/alerts?status=${status}`)).items,
    getAlert: (id: string) => ok<AlertDetail>('GET', `/api/v1/alerts/${id}`),
    ack: (id: string) => request<AlertView>('POST', `/api/v1/alerts/${id}/ack`, {}),
    resolve: (id: string, note?: string, reason: ResolutionReason = 'handled_by_phone') =>
      request<AlertView>('POST', `/api/v1/alerts/${id}/resolve`, note === undefined ? { reason } : { reason, note }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
