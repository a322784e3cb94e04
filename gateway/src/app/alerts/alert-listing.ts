import type { AlertListQuery, AlertStatus } from '../../../../schemas/index.js';
import { ALERT_STATUSES, OPEN_ALERT_STATUSES } from '../../../../schemas/index.js';
import { requireInScope, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import { decodeKeyCursor } from '../list-cursor.js';
import type { AlertFilter } from '../ports/store/alerts.port.js';

// The alert list's query as the store takes it: the person's region (or a region inside it), the filters, and keyset
// paging newest first. The store is asked for one more than the page, to know whether there is a next one.

/** The closed statuses: nothing changes these alerts any more (a note may still be added). */
const CLOSED_STATUSES = ALERT_STATUSES.filter((s) => !OPEN_ALERT_STATUSES.includes(s));

/** The `status` query as the store's list of statuses ('all': any). */
function statusesOf(status: AlertListQuery['status']): readonly AlertStatus[] | 'all' {
  if (status === 'all') return 'all';
  if (status === 'open') return OPEN_ALERT_STATUSES;
  if (status === 'closed') return CLOSED_STATUSES;
  return Array.isArray(status) ? [...new Set(status)] : [status];
}

export function alertFilterOf(access: Access, query: AlertListQuery, regions: RegionDirectory): AlertFilter {
  const statuses = statusesOf(query.status);
  const from = query.from === undefined ? undefined : Date.parse(query.from);
  const to = query.to === undefined ? undefined : Date.parse(query.to);
  if (from !== undefined && to !== undefined && from > to) throw new AppError('REQUEST_INVALID', '`from` must not be after `to`');
  const region = query.regionId === undefined ? undefined : regions.get(query.regionId);
  if (query.regionId !== undefined) {
    if (!region) throw new AppError('REGION_NOT_FOUND');
    requireInScope(access, region.path);
  }
  // A responder's list is what is dispatched to them, which may lie in a neighbouring community (alert.service.ts).
  const regionPath = region?.path ?? (access.role === 'responder' ? undefined : access.regionPath);
  return {
    statuses,
    limit: query.limit + 1,
    ...(regionPath !== undefined ? { regionPath } : {}),
    ...(query.mine || access.role === 'responder' ? { assigneeId: access.userId } : {}),
    ...(query.elderId !== undefined ? { elderId: query.elderId } : {}),
    ...(query.type !== undefined ? { type: query.type } : {}),
    ...(from !== undefined ? { raisedFrom: from } : {}),
    ...(to !== undefined ? { raisedTo: to } : {}),
    ...(query.cursor !== undefined ? { before: decodeKeyCursor(query.cursor) } : {}),
  };
}
