import { DESK_ROLES, requireRole, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import { elderInScope } from '../directories/elder-in-scope.js';
import type { DeviceRecord, DeviceStore } from '../ports/store/devices.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';

// Who may manage a device: the desk (operators, supervisors, admins) of the region its elder lives in, as for
// registering one (registration.service.ts). Responders may not: they go to the door, they do not change the fleet.

export function deviceScope(deps: { store: Pick<DeviceStore, 'getDevice'> & Pick<ElderStore, 'getElder'>; regions: RegionDirectory }) {
  const { store, regions } = deps;

  /** The elder, when the person's region contains the elder's. */
  const elder = elderInScope({ store, regions });

  /** A device of the person's region that the desk may manage; retired devices too (their history stays readable). */
  async function device(access: Access, id: string): Promise<DeviceRecord> {
    requireRole(access, DESK_ROLES);
    const record = await store.getDevice(id);
    if (!record) throw new AppError('DEVICE_NOT_FOUND');
    await elder(access, record.elderId);
    return record;
  }

  /** A device still in service: a retired one can be neither retired again, replaced nor moved. */
  async function activeDevice(access: Access, id: string): Promise<DeviceRecord> {
    const record = await device(access, id);
    if (record.retiredAt !== null) throw new AppError('DEVICE_RETIRED', record.replacedBy ? `the device is retired, replaced by ${record.replacedBy}` : undefined);
    return record;
  }

  return { elder, device, activeDevice };
}
