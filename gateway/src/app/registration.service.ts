import { randomBytes } from 'node:crypto';
import type { DeviceKind } from '../../../schemas/index.js';
import type { Elder } from '../../../schemas/index.js';
import type { DeviceRegistry } from './device-registry.js';
import { AppError } from './errors.js';
import { newDeviceSecret, sha256 } from './secrets.js';
import { StoreConflictError, type Store } from './store.port.js';
import { toDeviceView, toElderView } from './views.js';

// Registering elders and their devices. A device's secret is returned once, here, and stored only as a hash.

const newDeviceId = (kind: DeviceKind): string => `${kind.replace('_', '-')}-${randomBytes(6).toString('hex')}`;

export function createRegistrationService(deps: { store: Store; registry: DeviceRegistry; clock: () => number; newId: () => string }) {
  const { store, registry, clock } = deps;
  return {
    async createElder(input: { name: string; address: string; phone?: string | undefined }): Promise<Elder> {
      const elder = { id: deps.newId(), name: input.name, address: input.address, phone: input.phone ?? null, createdAt: clock() };
      await store.createElder(elder);
      return toElderView(elder);
    },

    async getElder(id: string): Promise<Elder> {
      const elder = await store.getElder(id);
      if (!elder) throw new AppError('ELDER_NOT_FOUND');
      return toElderView(elder);
    },

    async createDevice(input: { elderId: string; kind: DeviceKind; id?: string | undefined }) {
      if (!(await store.getElder(input.elderId))) throw new AppError('ELDER_NOT_FOUND');
      const secret = newDeviceSecret();
      const device = {
        id: input.id ?? newDeviceId(input.kind),
        elderId: input.elderId,
        kind: input.kind,
        secretHash: sha256(secret),
        online: false,
        battery: null,
        lastSeenAt: null,
        createdAt: clock(),
      };
      try {
        await store.createDevice(device);
      } catch (err) {
        if (err instanceof StoreConflictError) throw new AppError('DEVICE_ID_TAKEN');
        throw err;
      }
      registry.add(device);
      return { ...toDeviceView(device), secret };
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
