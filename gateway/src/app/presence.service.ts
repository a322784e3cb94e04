import type { Logger } from 'pino';
import type { DeviceStatus } from '../../../schemas/index.js';
import { presenceFromStatus, type DevicePresence } from '../core/device-presence.js';
import type { DeviceRegistry } from './device-registry.js';
import type { LiveEvents } from './live-events.port.js';
import type { Store } from './store.port.js';

// Keeps each device's presence (online, battery, last seen) in the registry and the store, and tells the desk.

export function createPresenceService(deps: {
  store: Store;
  registry: DeviceRegistry;
  live: LiveEvents;
  clock: () => number;
  logger: Logger;
}) {
  const { store, registry, live, clock } = deps;
  const logger = deps.logger.child({ module: 'presence' });

  async function apply(deviceId: string, next: DevicePresence): Promise<void> {
    const device = registry.get(deviceId);
    if (!device) return;
    const changed = device.presence?.online !== next.online;
    device.presence = next;
    await store.updateDevicePresence(deviceId, next);
    if (changed) logger.info({ deviceId, online: next.online }, 'device presence changed');
    live.publish({
      type: 'device.status',
      device: {
        deviceId,
        elderId: device.elderId,
        online: next.online,
        battery: next.battery,
        lastSeenAt: new Date(next.lastSeenAt).toISOString(),
      },
    });
  }

  return {
    /** A status message from the device (heartbeat, test signal, or its last will). */
    async onStatus(deviceId: string, status: DeviceStatus): Promise<void> {
      const device = registry.get(deviceId);
      if (!device) return;
      await apply(deviceId, presenceFromStatus(status, device.presence, clock()));
    },
    /** The broker saw the device connect or its connection end. */
    async onConnection(deviceId: string, connected: boolean): Promise<void> {
      const device = registry.get(deviceId);
      if (!device) return;
      const now = clock();
      const previous = device.presence;
      await apply(deviceId, {
        online: connected,
        battery: previous?.battery ?? null,
        lastSeenAt: connected ? now : (previous?.lastSeenAt ?? now),
      });
    },
  };
}

export type PresenceService = ReturnType<typeof createPresenceService>;
