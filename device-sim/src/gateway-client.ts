import type { z } from 'zod';
import {
  alertDetailSchema,
  alertListReplySchema,
  createDeviceReplySchema,
  deviceEventListReplySchema,
  deviceSchema,
  elderSchema,
  errorReplySchema,
  loginReplySchema,
  regionListReplySchema,
  regionSchema,
  taskListReplySchema,
  taskViewSchema,
  userListReplySchema,
  userSchema,
  type AlertStatus,
  type careProfileBodySchema,
  type createDeviceBodySchema,
  type createElderBodySchema,
  type createRegionBodySchema,
  type createUserBodySchema,
  type setAwayBodySchema,
  type TaskStatus,
  type updateElderBodySchema,
  type UserRole,
} from '../../schemas/index.js';

// A small REST client for the gateway's /api/v1, over real HTTP, as an installer's tool or an
// integration would use it. Replies are parsed with the shared schemas, so a drift in the API fails here
// loudly instead of deep inside a scenario.

// Bodies are the input side of the shared schemas (defaults may be left out); replies are what the schemas parse to.
export type CreateElderBody = z.input<typeof createElderBodySchema>;
export type CreateDeviceBody = z.input<typeof createDeviceBodySchema>;
export type CareProfileBody = z.input<typeof careProfileBodySchema>;
export type SetAwayBody = z.input<typeof setAwayBodySchema>;
export type UpdateElderBody = z.input<typeof updateElderBodySchema>;
export type CreateRegionBody = z.input<typeof createRegionBodySchema>;
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type RegionReply = z.infer<typeof regionSchema>;
export type UserReply = z.infer<typeof userSchema>;
export type ElderReply = z.infer<typeof elderSchema>;
/** A registered device with its secret, which the gateway shows only this once. */
export type DeviceReply = z.infer<typeof createDeviceReplySchema>;
export type DeviceViewReply = z.infer<typeof deviceSchema>;
export type AlertListReply = z.infer<typeof alertListReplySchema>;
export type AlertDetailReply = z.infer<typeof alertDetailSchema>;
export type DeviceEventListReply = z.infer<typeof deviceEventListReplySchema>;
export type TaskListReply = z.infer<typeof taskListReplySchema>;
export type TaskReply = z.infer<typeof taskViewSchema>;
export type AlertListStatus = 'open' | 'all' | AlertStatus;
export type TaskListStatus = 'all' | TaskStatus;

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
  /** Replaces the record's fields that are given: community, address, contacts, notes, assigned responders. */
  updateElder(id: string, body: UpdateElderBody): Promise<ElderReply>;
  /** Risk category and threshold overrides; the overrides replace the elder's previous ones as a whole. */
  setCareProfile(elderId: string, body: CareProfileBody): Promise<ElderReply>;
  /** The elder is out or in hospital: inactivity rules pause. */
  setAway(elderId: string, body: SetAwayBody): Promise<ElderReply>;
  endAway(elderId: string): Promise<ElderReply>;
  /** Registers a device of any kind; `room` is where it is installed ("bathroom", "kitchen", "203"). */
  createDevice(body: CreateDeviceBody): Promise<DeviceReply>;
  /** Test mode for `minutes`: the device's alerts are marked test and never dispatched. */
  setTestMode(deviceId: string, minutes: number): Promise<DeviceViewReply>;
  endTestMode(deviceId: string): Promise<DeviceViewReply>;
  /** The device's events as the gateway recorded them, including detections that did not alarm. */
  listDeviceEvents(deviceId: string, limit?: number): Promise<DeviceEventListReply>;
  /** Alerts by status ('open': raised or acknowledged), at most `limit` (the gateway's default 200, at most 1000). */
  listAlerts(status?: AlertListStatus, limit?: number): Promise<AlertListReply>;
  getAlert(id: string): Promise<AlertDetailReply>;
  listTasks(status?: TaskListStatus, limit?: number): Promise<TaskListReply>;
  completeTask(id: string, note?: string): Promise<TaskReply>;
  /** The caller's region, the regions below it and those above it. */
  listRegions(): Promise<RegionReply[]>;
  /** A town under a county or a community under a town (admins). */
  createRegion(body: CreateRegionBody): Promise<RegionReply>;
  /** People of the caller's region and below, optionally of one role. */
  listUsers(role?: UserRole): Promise<UserReply[]>;
  /** An account in a region of the caller's (admins); 409 USERNAME_TAKEN when the username exists. */
  createUser(body: CreateUserBody): Promise<UserReply>;
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
    async updateElder(id, body) {
      return elderSchema.parse(await request(baseUrl, 'PATCH', elderPath(id), token, body));
    },
    async setCareProfile(elderId, body) {
      return elderSchema.parse(await request(baseUrl, 'PUT', `${elderPath(elderId)}/care-profile`, token, body));
    },
    async setAway(elderId, body) {
      return elderSchema.parse(await request(baseUrl, 'PUT', `${elderPath(elderId)}/away`, token, body));
    },
    async endAway(elderId) {
      return elderSchema.parse(await request(baseUrl, 'DELETE', `${elderPath(elderId)}/away`, token));
    },
    async createDevice(body) {
      return createDeviceReplySchema.parse(await request(baseUrl, 'POST', '/api/v1/devices', token, body));
    },
    async setTestMode(deviceId, minutes) {
      return deviceSchema.parse(await request(baseUrl, 'PUT', `${devicePath(deviceId)}/test-mode`, token, { minutes }));
    },
    async endTestMode(deviceId) {
      return deviceSchema.parse(await request(baseUrl, 'DELETE', `${devicePath(deviceId)}/test-mode`, token));
    },
    async listDeviceEvents(deviceId, limit) {
      const query = limit === undefined ? '' : `?limit=${limit}`;
      return deviceEventListReplySchema.parse(await request(baseUrl, 'GET', `${devicePath(deviceId)}/events${query}`, token));
    },
    async listAlerts(status = 'open', limit) {
      const path = `/api/v1/alerts?status=${encodeURIComponent(status)}${limitQuery(limit)}`;
      return alertListReplySchema.parse(await request(baseUrl, 'GET', path, token));
    },
    async getAlert(id) {
      return alertDetailSchema.parse(await request(baseUrl, 'GET', `/api/v1/alerts/${encodeURIComponent(id)}`, token));
    },
    async listTasks(status = 'open', limit) {
      const path = `/api/v1/tasks?status=${encodeURIComponent(status)}${limitQuery(limit)}`;
      return taskListReplySchema.parse(await request(baseUrl, 'GET', path, token));
    },
    async completeTask(id, note) {
      const path = `/api/v1/tasks/${encodeURIComponent(id)}/complete`;
      return taskViewSchema.parse(await request(baseUrl, 'POST', path, token, note === undefined ? {} : { note }));
    },
    async listRegions() {
      return regionListReplySchema.parse(await request(baseUrl, 'GET', '/api/v1/regions', token)).items;
    },
    async createRegion(body) {
      return regionSchema.parse(await request(baseUrl, 'POST', '/api/v1/regions', token, body));
    },
    async listUsers(role) {
      const path = `/api/v1/users${role === undefined ? '' : `?role=${encodeURIComponent(role)}`}`;
      return userListReplySchema.parse(await request(baseUrl, 'GET', path, token)).items;
    },
    async createUser(body) {
      return userSchema.parse(await request(baseUrl, 'POST', '/api/v1/users', token, body));
    },
  };
}

const elderPath = (id: string): string => `/api/v1/elders/${encodeURIComponent(id)}`;
const devicePath = (id: string): string => `/api/v1/devices/${encodeURIComponent(id)}`;
const limitQuery = (limit: number | undefined): string => (limit === undefined ? '' : `&limit=${limit}`);

/** Logs in and returns a client carrying the token. */
export async function connectGatewayClient(baseUrl: string, username: string, password: string): Promise<GatewayClient> {
  return createGatewayClient(baseUrl, await login(baseUrl, username, password));
}

/** One REST call; the reply's JSON, or a GatewayApiError with the gateway's code. Also used by the demo's responders. */
export async function request(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
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
