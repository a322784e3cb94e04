import type { AlertType, StatusWall, WallHome } from '../../../../schemas/index.js';
import { HOME_STATES, homeStates, OPEN_ALERT_STATUSES } from '../../../../schemas/index.js';
import { DESK_ROLES, inScope, requireRole, type Access } from '../access.js';
import type { CareDirectory } from '../directories/care-directory.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { AlertStore } from '../ports/store/alerts.port.js';

// The status wall's picture: every home (an elder at home, or an institution room) of the caller's region with its
// devices' presence, every state it is in and the homes per state. Homes and presence are read from the in-memory
// directory and registry, never the store: the desk asks for 20,000 homes at every (re)connect, and routine
// heartbeats move presence in memory without a commit (device-status.rule.ts), so memory is also the freshest answer.
// The open alerts are the one read from the store: a few hundred rows at most, and the wall's counts must agree with
// them (a home with an open low-battery alert counts as low battery). Live changes follow as `device.status` events.

/** Every open alert of the region: they are few, and a wall that left some out would count wrong. */
const ALL_OPEN = 1_000_000;

export function createStatusWallService(deps: {
  directory: CareDirectory;
  registry: DeviceRegistry;
  regions: RegionDirectory;
  alerts: Pick<AlertStore, 'listAlerts'>;
  clock: () => number;
}) {
  const { directory, registry, regions, alerts, clock } = deps;
  return {
    async wall(access: Access): Promise<StatusWall> {
      requireRole(access, DESK_ROLES);
      const at = clock();
      const open = await alerts.listAlerts({ statuses: OPEN_ALERT_STATUSES, limit: ALL_OPEN, regionPath: access.regionPath });
      const alertTypes = new Map<string, AlertType[]>();
      for (const alert of open) {
        const list = alertTypes.get(alert.elderId);
        if (list) list.push(alert.type);
        else alertTypes.set(alert.elderId, [alert.type]);
      }
      const counts = { homes: 0, ...Object.fromEntries(HOME_STATES.map((s) => [s, 0])) } as StatusWall['counts'];
      const homes: WallHome[] = [];
      for (const elderId of directory.ids()) {
        const care = directory.get(elderId);
        if (!care || !inScope(access, regions.pathOf(care.regionId) ?? '')) continue;
        const batteryLow = care.thresholds.batteryLow;
        const devices = registry.ofElder(elderId).map((d) => ({
          id: d.id,
          kind: d.kind,
          room: d.room,
          online: d.presence ? d.presence.online : null,
          battery: d.presence?.battery ?? null,
          lastSeenAt: d.presence ? new Date(d.presence.lastSeenAt).toISOString() : null,
        }));
        const states = homeStates({
          alertTypes: alertTypes.get(elderId) ?? [],
          reported: devices.filter((d) => d.online !== null).length,
          offline: devices.filter((d) => d.online === false).length,
          low: devices.filter((d) => d.battery !== null && d.battery < batteryLow).length,
        });
        counts.homes += 1;
        for (const state of states) counts[state] += 1;
        homes.push({ elderId, name: care.summary.name, address: care.summary.address, regionId: care.regionId, batteryLow, devices, states });
      }
      return { at: new Date(at).toISOString(), homes, counts };
    },
  };
}

export type StatusWallService = ReturnType<typeof createStatusWallService>;
