import type { StatusWall, WallHome } from '../../../../schemas/index.js';
import { DESK_ROLES, inScope, requireRole, type Access } from '../access.js';
import type { CareDirectory } from '../directories/care-directory.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import type { RegionDirectory } from '../directories/region-directory.js';

// The status wall's picture: every home (an elder at home, or an institution room) of the caller's region with its
// devices' presence. Read from the in-memory directory and registry only, never the store: the desk asks for 20,000
// homes at every (re)connect, and routine heartbeats move presence in memory without a commit
// (device-status.rule.ts), so memory is also the freshest answer. Live changes follow as `device.status` events.

export function createStatusWallService(deps: { directory: CareDirectory; registry: DeviceRegistry; regions: RegionDirectory; clock: () => number }) {
  const { directory, registry, regions, clock } = deps;
  return {
    wall(access: Access): StatusWall {
      requireRole(access, DESK_ROLES);
      const homes: WallHome[] = [];
      for (const elderId of directory.ids()) {
        const care = directory.get(elderId);
        if (!care || !inScope(access, regions.pathOf(care.regionId) ?? '')) continue;
        homes.push({
          elderId,
          name: care.summary.name,
          address: care.summary.address,
          regionId: care.regionId,
          batteryLow: care.thresholds.batteryLow,
          devices: registry.ofElder(elderId).map((d) => ({
            id: d.id,
            kind: d.kind,
            room: d.room,
            online: d.presence ? d.presence.online : null,
            battery: d.presence?.battery ?? null,
            lastSeenAt: d.presence ? new Date(d.presence.lastSeenAt).toISOString() : null,
          })),
        });
      }
      return { at: new Date(clock()).toISOString(), homes };
    },
  };
}

export type StatusWallService = ReturnType<typeof createStatusWallService>;
