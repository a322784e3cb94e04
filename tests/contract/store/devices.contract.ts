import { beforeEach, describe, expect, it } from 'vitest';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { DeviceRecord, DeviceStore } from '../../../gateway/src/app/ports/store/devices.port.js';
import { T0 } from '../../support/elder-state.js';
import { batch, seededStore, type OpenStore } from './setup.js';

// Devices (devices.port.ts): listed whole, test mode set and ended, their two secret hashes, and the events they sent,
// recorded with the decision commit.

const wearable: DeviceRecord = {
  id: 'dev-2',
  elderId: 'elder-1',
  kind: 'wearable',
  room: null,
  secretHash: 'h2',
  brokerPasswordHash: '$7$101$c2FsdHNhbHRzYWx0$aGFzaA==',
  testModeUntil: null,
  online: true,
  battery: 80,
  lastSeenAt: T0 - 60_000,
  createdAt: T0 + 1,
};

export function deviceStoreContract(name: string, open: OpenStore): void {
  describe(`device store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: DeviceStore & DecisionStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when a device is registered with a broker password hash, then it reads back with it', async () => {
      const hash = '$7$101$c2FsdHNhbHRzYWx0$aGFzaA==';
      await store.createDevice({ id: 'dev-2', elderId: 'elder-1', kind: 'wearable', room: null, secretHash: 'h2', brokerPasswordHash: hash, testModeUntil: null, online: false, battery: null, lastSeenAt: null, createdAt: T0 });
      expect(await store.getDevice('dev-2')).toMatchObject({ id: 'dev-2', secretHash: 'h2', brokerPasswordHash: hash });
      expect(await store.getDevice('dev-1')).toMatchObject({ brokerPasswordHash: null });
    });

    it('when a second device is registered, then the list holds both, each whole', async () => {
      const seededDevice = (await store.getDevice('dev-1'))!;
      await store.createDevice(wearable);
      const listed = await store.listDevices();
      expect([...listed].sort((a, b) => a.id.localeCompare(b.id))).toEqual([seededDevice, wearable]);
    });

    it('when test mode is set and then ended, then it reads back and clears, and nothing else of the device changes', async () => {
      await store.createDevice(wearable);
      await store.setDeviceTestMode('dev-2', T0 + 1800_000);
      expect(await store.getDevice('dev-2')).toEqual({ ...wearable, testModeUntil: T0 + 1800_000 });
      expect(await store.getDevice('dev-1')).toMatchObject({ testModeUntil: null });
      await store.setDeviceTestMode('dev-2', null);
      expect(await store.getDevice('dev-2')).toEqual(wearable);
    });

    it('when a device gets a new secret, then both hashes change together', async () => {
      await store.setDeviceSecret('dev-1', { secretHash: 'h-new', brokerPasswordHash: '$7$101$bmV3$bmV3' });
      expect(await store.getDevice('dev-1')).toMatchObject({ secretHash: 'h-new', brokerPasswordHash: '$7$101$bmV3$bmV3' });
    });

    it('when a device event is recorded with its batch, then the device event list returns it newest first', async () => {
      for (const [msgId, type] of [['e-1', 'wandering'], ['e-2', 'fall']] as const) {
        await store.commit(
          batch({
            message: { deviceId: 'dev-1', msgId, receivedAt: T0 },
            deviceEvent: { deviceId: 'dev-1', elderId: 'elder-1', msgId, type, deviceTs: T0 - 5, receivedAt: T0, payload: `{"type":"${type}"}` },
          }),
          'routine',
        );
      }
      expect((await store.listDeviceEvents('dev-1', 10)).map((e) => e.msgId)).toEqual(['e-2', 'e-1']);
    });
  });
}
