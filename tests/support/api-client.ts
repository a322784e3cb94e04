import type { AlertDetail, AlertView, DeviceView, Elder } from '../../schemas/index.js';

// A thin client over real HTTP for tests. `request` returns status and body so tests can check error replies.

export interface ApiReply<T = unknown> {
  status: number;
  body: T;
}

export function createApiClient(baseUrl: string) {
  let token = '';

  async function request<T = unknown>(method: string, path: string, body?: unknown, auth: string | null = token): Promise<ApiReply<T>> {
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Bearer ${auth}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
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
    createElder: (body: { name: string; address: string; phone?: string }) => ok<Elder>('POST', '/api/v1/elders', body),
    createDevice: (body: { elderId: string; kind: 'call_button'; id?: string }) =>
      ok<DeviceView & { secret: string }>('POST', '/api/v1/devices', body),
    listAlerts: async (status = 'open') => (await ok<{ items: AlertView[] }>('GET', `/api/v1/alerts?status=${status}`)).items,
    getAlert: (id: string) => ok<AlertDetail>('GET', `/api/v1/alerts/${id}`),
    ack: (id: string) => request<AlertView>('POST', `/api/v1/alerts/${id}/ack`, {}),
    resolve: (id: string, note?: string) => request<AlertView>('POST', `/api/v1/alerts/${id}/resolve`, note === undefined ? {} : { note }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
