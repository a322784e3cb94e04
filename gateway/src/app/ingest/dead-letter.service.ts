import type { DeadLetterListQuery, DeadLetterView } from '../../../../schemas/index.js';
import { DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import type { DeadLetterStore } from '../ports/store/dead-letters.port.js';
import { AppError } from '../errors.js';
import type { RegionDirectory } from '../directories/region-directory.js';

// What devices sent that the gateway could not take as sent, for the desk and the admins: a firmware that sends
// seconds for milliseconds is seen here the day it is installed, not when an alarm is missed. Scoped like every
// list (docs/decisions/0010-regions-scope-everything.md): the caller's region, or a region below it; a device's letters follow its elder.

export function createDeadLetterService(deps: { store: DeadLetterStore; regions: RegionDirectory }) {
  return {
    async list(access: Access, query: DeadLetterListQuery): Promise<DeadLetterView[]> {
      requireRole(access, DESK_ROLES);
      let regionPath = access.regionPath;
      if (query.regionId !== undefined) {
        const path = deps.regions.pathOf(query.regionId);
        if (path === undefined) throw new AppError('REGION_NOT_FOUND');
        requireInScope(access, path);
        regionPath = path;
      }
      const from = query.from === undefined ? undefined : Date.parse(query.from);
      const to = query.to === undefined ? undefined : Date.parse(query.to);
      if (from !== undefined && to !== undefined && from > to) throw new AppError('READINGS_RANGE_INVALID');
      const letters = await deps.store.listDeadLetters({
        regionPath,
        limit: query.limit,
        ...(query.deviceId !== undefined ? { deviceId: query.deviceId } : {}),
        ...(query.reason !== undefined ? { reason: query.reason } : {}),
        ...(from !== undefined ? { receivedFrom: from } : {}),
        ...(to !== undefined ? { receivedTo: to } : {}),
      });
      return letters.map((l) => ({
        seq: l.seq,
        deviceId: l.deviceId,
        elderId: l.elderId,
        regionId: l.regionId,
        topic: l.topic,
        reason: l.reason,
        detail: l.detail,
        payloadExcerpt: l.payloadExcerpt,
        receivedAt: new Date(l.receivedAt).toISOString(),
      }));
    },
  };
}

export type DeadLetterService = ReturnType<typeof createDeadLetterService>;
