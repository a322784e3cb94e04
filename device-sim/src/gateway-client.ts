import type { z } from 'zod';
import {
  alertListReplySchema,
  createDeviceReplySchema,
  elderSchema,
  errorReplySchema,
  loginReplySchema,
} from '../../schemas/index.js';

// A small REST client for the gateway's /api/v1, over real HTTP, as an installer's tool or an
// integration would use it. Replies are parsed with the shared schemas, so a drift in the API fails here
// loudly instead of deep inside a scenario.

export type CreateElderBody = { name: string; address: string; phone?: string };
export type CreateDeviceBody = { elderId: string; kind: 'call_button'; id?: string };
export type ElderReply = z.infer<typeof elderSchema>;
export type DeviceReply = z.infer<typeof createDeviceReplySchema>;
export type AlertListReply = z.infer<typeof alertListReplySchema>;

const REQUEST_TIMEOUT_MS = 10_000;

/** A reply with a 4xx/5xx status; `code` is the gateway's stable error code (or HTTP_<status> without one). */
export class GatewayApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayApiError';
  }
}

export interface GatewayClient {
  readonly baseUrl: string;
  readonly token: string;
  createElder(body: CreateElderBody): Promise<ElderReply>;
  getElder(id: string): Promise<ElderReply>;
  createDevice(body: CreateDeviceBody): Promise<DeviceReply>;
  listAlerts(status?: 'open' | 'all'): Promise<AlertListReply>;
}

/** Logs in and returns the bearer token. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const reply = await request(baseUrl, 'POST', '/api/v1/auth/login', null, { username, password });
  return loginReplySchema.parse(reply).token;
}

export function createGatewayClient(baseUrl: string, token: string): GatewayClient {
  return {
    baseUrl,
    token,
    async createElder(body) {
      return elderSchema.parse(await request(baseUrl, 'POST', '/api/v1/elders', token, body));
    },
    async getElder(id) {
      return elderSchema.parse(await request(baseUrl, 'GET', `/api/v1/elders/${encodeURIComponent(id)}`, token));
    },
    async createDevice(body) {
      return createDeviceReplySchema.parse(await request(baseUrl, 'POST', '/api/v1/devices', token, body));
    },
    async listAlerts(status = 'open') {
      const path = `/api/v1/alerts?status=${encodeURIComponent(status)}`;
      return alertListReplySchema.parse(await request(baseUrl, 'GET', path, token));
    },
  };
}

/** Logs in and returns a client carrying the token. */
export async function connectGatewayClient(baseUrl: string, username: string, password: string): Promise<GatewayClient> {
  return createGatewayClient(baseUrl, await login(baseUrl, username, password));
}

async function request(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  token: string | null,
  body?: unknown,
): Promise<unknown> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  const json = parseJson(text);
  if (!response.ok) {
    const error = errorReplySchema.safeParse(json);
    const { code, message } = error.success
      ? error.data.error
      : { code: `HTTP_${response.status}`, message: 'no error body' };
    throw new GatewayApiError(response.status, code, `${method} ${url.pathname} → ${response.status} ${code}: ${message}`);
  }
  return json;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
