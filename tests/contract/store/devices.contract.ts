import { beforeEach, describe, expect, it } from 'vitest';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { DeviceRecord, DeviceStore } from '../../../gateway/src/app/ports/store/devices.port.js';
import type { ElderStore } from '../../../gateway/src/app/ports/store/elders.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';
import { batch, plainElder, seededStore, type OpenStore } from './setup.js';

// Devices (devices.port.ts): listed whole, test mode set and ended, their two secret hashes, and the events they sent,
// recorded with the decision commit; registered several at once (all or none), retired, replaced (in one
// transaction), moved, and what they report about themselves.

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
  firmware: 'v2.1.0',
  model: 'WB-200',
  retiredAt: null,
  replacedBy: null,
};

export function deviceStoreContract(name: string, open: OpenStore): void {
  describe(`device store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: DeviceStore & DecisionStore & ElderStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when a device is registered with a broker password hash, then it reads back with it', async () => {
      const hash = '$7$101$c2FsdHNhbHRzYWx0$aGFzaA==';
      await store.createDevice({ id: 'dev-2', elderId: 'elder-1', kind: 'wearable', room: null, secretHash: 'h2', brokerPasswordHash: hash, testModeUntil: null, online: false, battery: null, lastSeenAt: null, createdAt: T0, firmware: null, model: null, retiredAt: null, replacedBy: null });
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

    it('when several devices are registered at once and one id is taken, then none of them is stored', async () => {
      const spare = { ...wearable, id: 'dev-3' };
      await expect(store.createDevices([spare, { ...wearable, id: 'dev-1' }])).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.getDevice('dev-3')).toBeNull();
      await store.createDevices([wearable, spare]);
      expect(await store.getDevice('dev-3')).toEqual(spare);
      expect(await store.getDevice('dev-2')).toEqual(wearable);
    });

    it('when a device is retired, then it keeps the time and stays retired from then, listed only when asked for', async () => {
      await store.retireDevice('dev-1', T0 + 5, null);
      await store.retireDevice('dev-1', T0 + 9, 'dev-9');
      expect(await store.getDevice('dev-1')).toMatchObject({ retiredAt: T0 + 5, replacedBy: null });
      expect((await store.listDevices()).map((d) => d.id)).toEqual(['dev-1']);
      expect(await store.listDevices({ state: 'retired' })).toHaveLength(1);
    });

    it('when a device is replaced, then the new one is stored and the old one retired, naming it', async () => {
      await store.replaceDevice('dev-1', wearable, T0 + 7);
      expect(await store.getDevice('dev-2')).toEqual(wearable);
      expect(await store.getDevice('dev-1')).toMatchObject({ retiredAt: T0 + 7, replacedBy: 'dev-2' });
    });

    it('when a replacement cannot be completed, then nothing of it is written (one transaction)', async () => {
      await store.createDevice(wearable);
      // the replacement's id is taken: the old device stays in service
      await expect(store.replaceDevice('dev-1', { ...wearable, id: 'dev-2' }, T0)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.getDevice('dev-1')).toMatchObject({ retiredAt: null, replacedBy: null });
      // the old device is already retired: the replacement is not kept
      await store.retireDevice('dev-1', T0, null);
      await expect(store.replaceDevice('dev-1', { ...wearable, id: 'dev-3' }, T0 + 1)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.getDevice('dev-3')).toBeNull();
      expect(await store.getDevice('dev-1')).toMatchObject({ retiredAt: T0, replacedBy: null });
    });

    it('when a device is moved, then it belongs to the other elder and place, and nothing else changes', async () => {
      await store.createElder({ ...plainElder, id: 'elder-3', name: '刘奶奶' });
      const before = (await store.getDevice('dev-1'))!;
      await store.moveDevice('dev-1', { elderId: 'elder-3', room: 'kitchen' });
      expect(await store.getDevice('dev-1')).toEqual({ ...before, elderId: 'elder-3', room: 'kitchen' });
      await store.moveDevice('dev-1', { elderId: 'elder-3', room: null });
      expect(await store.getDevice('dev-1')).toMatchObject({ room: null });
    });

    it('when devices report their identity, then firmware and model are kept, several at once, and a null leaves a field as it was', async () => {
      await store.createDevice(wearable);
      await store.setDeviceIdentities([{ id: 'dev-1', firmware: 'v1.2.0', model: 'SOS-100' }]);
      await store.setDeviceIdentities([{ id: 'dev-1', firmware: 'v1.3.0', model: null }, { id: 'dev-2', firmware: 'v9', model: null }]);
      await store.setDeviceIdentities([]);
      expect(await store.getDevice('dev-1')).toMatchObject({ firmware: 'v1.3.0', model: 'SOS-100' });
      expect(await store.getDevice('dev-2')).toMatchObject({ firmware: 'v9', model: 'WB-200' });
    });
  });
}
