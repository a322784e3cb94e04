import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceCommandStore, NewDeviceCommand } from '../../../gateway/src/app/ports/store/device-commands.port.js';
import type { DeviceStore } from '../../../gateway/src/app/ports/store/devices.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';
import { seededStore, type OpenStore } from './setup.js';

// Commands to devices (device-commands.port.ts, issue 22): stored queued, claimed for sending in the order they were
// created and by one caller only, moved only from the status the mover expects, sent back to the queue when the
// device went away, and expired at their stored deadline.

const MINUTE = 60_000;

const command = (id: string, overrides: Partial<NewDeviceCommand> = {}): NewDeviceCommand => ({
  id,
  deviceId: 'dev-1',
  elderId: 'elder-1',
  alertId: null,
  type: 'set_intervals',
  parameters: { heartbeatSeconds: 300 },
  createdBy: 'user:op-1',
  createdAt: T0,
  expiresAt: T0 + 60 * MINUTE,
  ...overrides,
});

export function deviceCommandStoreContract(name: string, open: OpenStore): void {
  describe(`device command store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: DeviceCommandStore & DeviceStore;
    beforeEach(async () => {
      store = seeded.store;
      const seededDevice = (await store.getDevice('dev-1'))!;
      await store.createDevice({ ...seededDevice, id: 'dev-2' });
    });
    const statusOf = async (id: string) => (await store.getDeviceCommand(id))?.status;

    it('when a command is created, then it reads back queued and whole; its id a second time is a conflict', async () => {
      const created = await store.createDeviceCommand(command('c-1', { alertId: 'alert-9', type: 'play_message', parameters: { text: '请开门' } }));
      expect(created).toEqual({
        ...command('c-1', { alertId: 'alert-9', type: 'play_message', parameters: { text: '请开门' } }),
        status: 'queued', sentAt: null, deliveredAt: null, finishedAt: null, sendCount: 0, failureReason: null, resultData: null, seq: created.seq,
      });
      expect(await store.getDeviceCommand('c-1')).toEqual(created);
      expect(await store.getDeviceCommand('c-none')).toBeNull();
      await expect(store.createDeviceCommand(command('c-1'))).rejects.toBeInstanceOf(StoreConflictError);
    });

    it('when commands are listed, then newest first, by device or alert, a page before a seq', async () => {
      for (const [id, deviceId, alertId] of [['c-1', 'dev-1', 'a-1'], ['c-2', 'dev-2', null], ['c-3', 'dev-1', null], ['c-4', 'dev-1', 'a-1']] as const) {
        await store.createDeviceCommand(command(id, { deviceId, alertId }));
      }
      const ids = async (f: Parameters<DeviceCommandStore['listDeviceCommands']>[0]) => (await store.listDeviceCommands(f)).map((c) => c.id);
      expect(await ids({ limit: 10 })).toEqual(['c-4', 'c-3', 'c-2', 'c-1']);
      expect(await ids({ deviceId: 'dev-1', limit: 10 })).toEqual(['c-4', 'c-3', 'c-1']);
      expect(await ids({ alertId: 'a-1', limit: 10 })).toEqual(['c-4', 'c-1']);
      const [first] = await store.listDeviceCommands({ deviceId: 'dev-1', limit: 1 });
      expect(await ids({ deviceId: 'dev-1', beforeSeq: first!.seq, limit: 1 })).toEqual(['c-3']);
    });

    it("when a device's queued commands are claimed, then in the order created, marked sent, the expired and other devices' left", async () => {
      await store.createDeviceCommand(command('c-b'));
      await store.createDeviceCommand(command('c-late', { expiresAt: T0 + MINUTE }));
      await store.createDeviceCommand(command('c-a'));
      await store.createDeviceCommand(command('c-other', { deviceId: 'dev-2' }));
      const claimed = await store.claimQueuedDeviceCommands('dev-1', T0 + MINUTE);
      expect(claimed.map((c) => [c.id, c.status, c.sentAt, c.sendCount])).toEqual([
        ['c-b', 'sent', T0 + MINUTE, 1],
        ['c-a', 'sent', T0 + MINUTE, 1],
      ]);
      expect(await store.getDeviceCommand('c-b')).toEqual(claimed[0]);
      expect(await statusOf('c-late')).toBe('queued');
      expect(await statusOf('c-other')).toBe('queued');
      expect(await store.claimQueuedDeviceCommands('dev-1', T0 + MINUTE)).toEqual([]);
    });

    it('when two callers claim at once, then one of them takes every command, in order, and the other none', async () => {
      for (const id of ['c-1', 'c-2', 'c-3', 'c-4', 'c-5']) await store.createDeviceCommand(command(id));
      const results = await Promise.all([store.claimQueuedDeviceCommands('dev-1', T0), store.claimQueuedDeviceCommands('dev-1', T0)]);
      const taken = results.map((r) => r.map((c) => c.id)).sort((a, b) => b.length - a.length);
      expect(taken).toEqual([['c-1', 'c-2', 'c-3', 'c-4', 'c-5'], []]);
    });

    it('when a command moves from a status it is not in, then the move returns null and nothing changes', async () => {
      const created = await store.createDeviceCommand(command('c-1'));
      expect(await store.transitionDeviceCommand({ id: 'c-1', from: ['sent'], to: 'delivered', at: T0 + 1 })).toBeNull();
      expect(await store.transitionDeviceCommand({ id: 'c-1', from: ['delivered'], to: 'failed', at: T0 + 1, failureReason: 'x' })).toBeNull();
      expect(await store.transitionDeviceCommand({ id: 'c-none', from: ['queued'], to: 'expired', at: T0 + 1 })).toBeNull();
      expect(await store.getDeviceCommand('c-1')).toEqual(created);
    });

    it('when a command is delivered and then done, then each move records its time, and the result data is kept', async () => {
      await store.createDeviceCommand(command('c-1', { type: 'locate', parameters: {} }));
      await store.claimQueuedDeviceCommands('dev-1', T0 + 1);
      const delivered = await store.transitionDeviceCommand({ id: 'c-1', from: ['sent'], to: 'delivered', at: T0 + 2 });
      expect(delivered).toMatchObject({ status: 'delivered', sentAt: T0 + 1, deliveredAt: T0 + 2, finishedAt: null });
      const data = { lat: 30.27, lon: 120.15, accuracyM: 12 };
      const done = await store.transitionDeviceCommand({ id: 'c-1', from: ['sent', 'delivered'], to: 'done', at: T0 + 3, resultData: data });
      expect(done).toMatchObject({ status: 'done', deliveredAt: T0 + 2, finishedAt: T0 + 3, resultData: data, failureReason: null });
      expect(await store.getDeviceCommand('c-1')).toEqual(done);
      expect(await store.transitionDeviceCommand({ id: 'c-1', from: ['sent', 'delivered'], to: 'failed', at: T0 + 4, failureReason: 'late' })).toBeNull();
    });

    it('when a command fails, then its reason and finish time are recorded', async () => {
      await store.createDeviceCommand(command('c-1'));
      const failed = await store.transitionDeviceCommand({ id: 'c-1', from: ['queued', 'sent', 'delivered'], to: 'failed', at: T0 + 5, failureReason: 'unsupported' });
      expect(failed).toMatchObject({ status: 'failed', failureReason: 'unsupported', finishedAt: T0 + 5, deliveredAt: null, resultData: null });
    });

    it('when the device goes away before its PUBACK, then its sent commands are queued again and claimed with a second send', async () => {
      await store.createDeviceCommand(command('c-1'));
      await store.createDeviceCommand(command('c-2'));
      await store.claimQueuedDeviceCommands('dev-1', T0 + 1);
      await store.transitionDeviceCommand({ id: 'c-2', from: ['sent'], to: 'delivered', at: T0 + 2 });
      expect(await store.requeueSentDeviceCommands('dev-1')).toBe(1);
      expect(await statusOf('c-1')).toBe('queued');
      expect(await statusOf('c-2')).toBe('delivered');
      expect(await store.requeueSentDeviceCommands('dev-2')).toBe(0);
      expect((await store.claimQueuedDeviceCommands('dev-1', T0 + 3)).map((c) => [c.id, c.sendCount, c.sentAt])).toEqual([['c-1', 2, T0 + 3]]);
    });

    it('when deadlines pass, then pending commands expire oldest deadline first, up to the limit, and finished ones stay', async () => {
      expect(await store.nextDeviceCommandDeadline()).toBeNull();
      await store.createDeviceCommand(command('c-q', { expiresAt: T0 + 3 * MINUTE }));
      await store.createDeviceCommand(command('c-s', { expiresAt: T0 + 2 * MINUTE, deviceId: 'dev-2' }));
      await store.createDeviceCommand(command('c-done', { expiresAt: T0 + MINUTE }));
      await store.createDeviceCommand(command('c-later', { expiresAt: T0 + 10 * MINUTE }));
      await store.claimQueuedDeviceCommands('dev-2', T0);
      await store.transitionDeviceCommand({ id: 'c-done', from: ['queued'], to: 'done', at: T0 });
      expect(await store.nextDeviceCommandDeadline()).toBe(T0 + 2 * MINUTE);

      const first = await store.expireDueDeviceCommands(T0 + 3 * MINUTE, 1);
      expect(first.map((c) => [c.id, c.status, c.finishedAt])).toEqual([['c-s', 'expired', T0 + 3 * MINUTE]]);
      expect((await store.expireDueDeviceCommands(T0 + 3 * MINUTE, 10)).map((c) => c.id)).toEqual(['c-q']);
      expect(await store.expireDueDeviceCommands(T0 + 3 * MINUTE, 10)).toEqual([]);
      expect(await statusOf('c-done')).toBe('done');
      expect(await statusOf('c-later')).toBe('queued');
      expect(await store.nextDeviceCommandDeadline()).toBe(T0 + 10 * MINUTE);
    });
  });
}
