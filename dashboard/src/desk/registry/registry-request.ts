// The registry tab's requests: a page of elders by the filters (GET /elders), a record created or changed (POST,
// PATCH /elders), an elder's ledger (GET /elders/:id/ledger) and the files (the ledger, the registry export). The
// server's error message is kept on the ApiError: a REQUEST_INVALID names the field (`/contacts/0/phone ...`), which
// the form shows next to it. A file is fetched with the session's header and saved from a blob.

import type { Elder, Ledger } from '../../../../schemas/index.js';
import { saveDownload, sendWithBearer } from '../../shared/authorized-request.js';
import { withSession } from '../phone/phone-request.js';
import { registryQuery, type RegistryFilter } from './registry-filter.js';

export type FileFormat = 'csv' | 'xlsx';
export type ElderBody = Record<string, unknown>;

/** Elders a page at a time: enough for a screen and a scroll, never the whole county of 20,000 at once. */
export const PAGE_SIZE = 200;

const json = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<T> =>
  withSession(async (session) => (await (await sendWithBearer(session, method, url, body)).json()) as T);

export const listElderPage = (filter: RegistryFilter, cursor: string | null) =>
  json<{ items: Elder[]; nextCursor: string | null }>('GET', `/api/v1/elders?${registryQuery(filter, { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) })}`);

export const createElder = (body: ElderBody) => json<Elder>('POST', '/api/v1/elders', body);
export const updateElder = (id: string, body: ElderBody) => json<Elder>('PATCH', `/api/v1/elders/${encodeURIComponent(id)}`, body);

/** `from` and `to`: local dates, `to` included. */
export const fetchLedger = (id: string, from: string, to: string) =>
  json<Ledger>('GET', `/api/v1/elders/${encodeURIComponent(id)}/ledger?from=${from}&to=${to}`);

const download = async (url: string, fallbackName: string): Promise<void> =>
  saveDownload(await withSession((session) => sendWithBearer(session, 'GET', url)), fallbackName);

export const downloadLedger = (id: string, from: string, to: string, format: FileFormat, fallbackName: string) =>
  download(`/api/v1/elders/${encodeURIComponent(id)}/ledger?from=${from}&to=${to}&format=${format}`, `${fallbackName}.${format}`);

export const downloadRegistry = (filter: RegistryFilter, format: FileFormat) =>
  download(`/api/v1/elders/export?${registryQuery(filter, { format })}`, `registry.${format}`);
