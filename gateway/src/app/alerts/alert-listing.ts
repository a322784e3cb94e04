import type { AlertListQuery } from '../../../../schemas/index.js';
import { OPEN_ALERT_STATUSES } from '../../../../schemas/index.js';
import { requireInScope, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import { decodeKeyCursor } from '../list-cursor.js';
import type { AlertFilter } from '../ports/store/alerts.port.js';

// The alert list's query as the store takes it: the person's region (or a region inside it), the filters, and keyset
// paging newest first. The store is asked for one more than the page, to know whether there is a next one.

export function alertFilterOf(access: Access, query: AlertListQuery, regions: RegionDirectory): AlertFilter {
  const statuses = query.status === 'open' ? OPEN_ALERT_STATUSES : query.status === 'all' ? 'all' : [query.status];
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
