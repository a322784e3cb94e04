// The devices tab's requests (issue 22): a page of devices by the filters, one device, its commands (send, list),
// retire, replace, move, and the bulk registration (a CSV posted as it is; dry run first, then the commit). All with
// the desk's session; a 401 ends it (withSession).

import type { CreateDeviceCommandBody, DeviceCommandView, DeviceView, Elder } from '../../../../schemas/index.js';
import { saveBlob, sendWithBearer } from '../../shared/authorized-request.js';
import { withSession } from '../phone/phone-request.js';
import { deviceQuery, type DeviceFilter } from './device-filter.js';

/** Devices a page at a time: a screen and a scroll, never a county's thousands at once. */
export const PAGE_SIZE = 200;
/** The newest commands of a device; older ones behind "more". */
export const COMMAND_PAGE_SIZE = 20;

const enc = encodeURIComponent;

const json = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<T> =>
  withSession(async (session) => (await (await sendWithBearer(session, method, url, body)).json()) as T);

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const listDevicePage = (filter: DeviceFilter, cursor: string | null, now: number) =>
  json<Page<DeviceView>>('GET', `/api/v1/devices?${deviceQuery(filter, now, { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) })}`);

export const getDeviceView = (id: string) => json<DeviceView>('GET', `/api/v1/devices/${enc(id)}`);
export const getElder = (id: string) => json<Elder>('GET', `/api/v1/elders/${enc(id)}`);

export const sendDeviceCommand = (deviceId: string, body: CreateDeviceCommandBody) => json<DeviceCommandView>('POST', `/api/v1/devices/${enc(deviceId)}/commands`, body);

export const listDeviceCommands = (deviceId: string, cursor: string | null = null) =>
  json<Page<DeviceCommandView>>('GET', `/api/v1/devices/${enc(deviceId)}/commands?limit=${COMMAND_PAGE_SIZE}${cursor ? `&cursor=${enc(cursor)}` : ''}`);

export const retireDevice = (id: string, reason: string) => json<DeviceView>('POST', `/api/v1/devices/${enc(id)}/retire`, { reason });

export const replaceDevice = (id: string, body: { newId?: string; reason?: string }) => json<DeviceView & { secret: string }>('POST', `/api/v1/devices/${enc(id)}/replace`, body);

export const moveDevice = (id: string, body: { elderId?: string; room?: string | null }) => json<DeviceView>('PATCH', `/api/v1/devices/${enc(id)}`, body);

export interface DeviceImportReply {
  dryRun: boolean;
  rows: { line: number; id: string | null; kind: string | null; elderId: string | null; room: string | null; error: { code: string; message: string } | null }[];
  invalidRows: number;
  created: { id: string; kind: string; elderId: string; secret: string }[];
}

/** The file goes as text/csv whatever the browser guessed (some systems call a .csv application/vnd.ms-excel). */
export const importDevices = (file: File, dryRun: boolean) =>
  json<DeviceImportReply>('POST', `/api/v1/device-imports?dryRun=${String(dryRun)}`, new Blob([file], { type: 'text/csv' }));

/** The gateway's template: the columns under their Chinese headers and two example rows. */
export const downloadDeviceTemplate = (name: string) =>
  withSession(async (session) => saveBlob(await (await sendWithBearer(session, 'GET', '/api/v1/device-imports/template.csv')).blob(), `${name}.csv`));
