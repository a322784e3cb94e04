import { PENDING_COMMAND_STATUSES, type DeviceCommandType } from '../../../../schemas/index.js';
import { refusalOf } from '../../core/device-commands/command-acceptance.js';
import type { DeviceCommandRecord, DeviceCommandStore } from '../ports/store/device-commands.port.js';
import type { DeviceStore } from '../ports/store/devices.port.js';
import type { DeviceCommandsService } from './device-commands.service.js';

// New hardware in an old device's place (replace, device-lifecycle) should behave as the old one did: the latest
// intervals and thresholds the old device took, or was still to take, are queued for the new one. It gets them when
// it first subscribes; a day gives the installer time to switch it on.

const CARRIED: readonly DeviceCommandType[] = ['set_intervals', 'set_thresholds'];
const CARRY_TTL_MS = 24 * 3600 * 1000;
const PAGE = 200;

export function createCarryOverSettings(deps: { store: DeviceCommandStore & DeviceStore; commands: Pick<DeviceCommandsService, 'place'>; clock: () => number; newId: () => string }) {
  const { store } = deps;

  /** The newest command of each carried type that was done or is still pending, newest first. */
  async function latestSettings(deviceId: string): Promise<DeviceCommandRecord[]> {
    const found = new Map<DeviceCommandType, DeviceCommandRecord>();
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await store.listDeviceCommands({ deviceId, limit: PAGE, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
      for (const c of page) {
        if (!CARRIED.includes(c.type) || found.has(c.type)) continue;
        if (c.status === 'done' || PENDING_COMMAND_STATUSES.includes(c.status)) found.set(c.type, c);
      }
      if (page.length < PAGE || found.size === CARRIED.length) return [...found.values()];
      beforeSeq = page.at(-1)!.seq;
    }
  }

  /** Queues the old device's settings for the new one; returns how many commands were queued. */
  return async function carryOverSettings(fromDeviceId: string, toDeviceId: string, actor: string): Promise<number> {
    const target = await store.getDevice(toDeviceId);
    if (!target) return 0;
    let queued = 0;
    // Oldest first, so the new device takes them in the order the old one did.
    for (const setting of (await latestSettings(fromDeviceId)).reverse()) {
      if (refusalOf(target.kind, setting.type, setting.parameters)) continue;
      const now = deps.clock();
      const placed = await deps.commands.place(
        { id: deps.newId(), deviceId: target.id, elderId: target.elderId, alertId: null, type: setting.type, parameters: setting.parameters, createdBy: actor, createdAt: now, expiresAt: now + CARRY_TTL_MS },
        actor,
        { carriedOverFrom: setting.id },
      );
      if (placed.created) queued += 1;
    }
    return queued;
  };
}
