import { beforeEach, describe, expect, it } from 'vitest';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { HandoverNoteRecord, HandoverStore } from '../../../gateway/src/app/ports/store/handover.port.js';
import type { RegionStore } from '../../../gateway/src/app/ports/store/regions.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';
import { sampleAlert, sampleTask } from '../../support/fixtures.js';
import { batch, raisedEntry, seededStore, type OpenStore } from './setup.js';

// The shift handover's reads and notes (handover.port.ts): every read is of a region's subtree and a window
// [since, until); notes newest first, people's notes only, overdue tasks most overdue first, closed alerts counted by
// status and reason by the time they ended.

const MINUTE = 60_000;

const note = (id: string, o: Partial<HandoverNoteRecord> = {}): HandoverNoteRecord => ({
  id,
  regionId: 'community-1',
  author: 'user:op',
  authorName: '值班员甲',
  note: '家属明早来电',
  at: T0,
  ...o,
});

export function handoverStoreContract(name: string, open: OpenStore): void {
  describe(`handover store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: HandoverStore & DecisionStore & RegionStore;
    let town: string;
    let community: string;
    beforeEach(async () => {
      store = seeded.store;
      community = seeded.community.path;
      town = community.replace(/community-1\/$/, '');
    });

    it('when notes are written in a community and its town, then each region reads its subtree within the window, newest first, and an id is taken once', async () => {
      await store.addHandoverNote(note('n-1'));
      await store.addHandoverNote(note('n-2', { regionId: 'town-1', at: T0 + MINUTE, note: '镇里的留言' }));
      await store.addHandoverNote(note('n-old', { at: T0 - 60 * MINUTE }));
      const window = { since: T0 - MINUTE, until: T0 + 10 * MINUTE, limit: 10 };
      expect(await store.listHandoverNotes({ ...window, regionPath: town })).toEqual([note('n-2', { regionId: 'town-1', at: T0 + MINUTE, note: '镇里的留言' }), note('n-1')]);
      expect((await store.listHandoverNotes({ ...window, regionPath: community })).map((n) => n.id)).toEqual(['n-1']);
      expect((await store.listHandoverNotes({ ...window, regionPath: town, until: T0 + MINUTE })).map((n) => n.id)).toEqual(['n-1']);
      await expect(store.addHandoverNote(note('n-1'))).rejects.toBeInstanceOf(StoreConflictError);
    });

    it("when an alert's timeline has notes by people, a device and the gateway, then only the people's notes in the window are listed, with the alert's type and elder", async () => {
      await store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: { ...raisedEntry('a-1'), note: '设备备注' }, expectedStatus: null }] }), 'alarm');
      const held = sampleAlert('a-1', { status: 'on_hold', acknowledgedAt: T0 + MINUTE, acknowledgedBy: 'user:op', holdReason: '等家属', holdUntil: T0 + 60 * MINUTE, heldFrom: 'acknowledged' });
      await store.commit(batch({ alerts: [{ kind: 'update', alert: held, entry: { alertId: 'a-1', at: T0 + 2 * MINUTE, action: 'held', actor: 'user:op', note: '等家属' }, expectedStatus: 'raised' }] }), 'alarm');
      await store.commit(batch({ alerts: [{ kind: 'update', alert: held, entry: { alertId: 'a-1', at: T0 + 3 * MINUTE, action: 'noted', actor: 'system:rules', note: '网关备注' }, expectedStatus: 'on_hold' }] }), 'alarm');
      await store.commit(batch({ alerts: [{ kind: 'update', alert: held, entry: { alertId: 'a-1', at: T0 + 4 * MINUTE, action: 'noted', actor: 'user:op2', note: '' }, expectedStatus: 'on_hold' }] }), 'alarm');
      const window = { since: T0, until: T0 + 10 * MINUTE, limit: 10 };
      expect(await store.listNotedAlertEntries({ ...window, regionPath: town })).toEqual([
        { alertId: 'a-1', alertType: 'sos', elderName: '王奶奶', at: T0 + 2 * MINUTE, actor: 'user:op', note: '等家属' },
      ]);
      expect(await store.listNotedAlertEntries({ ...window, regionPath: town, since: T0 + 3 * MINUTE })).toEqual([]);
    });

    it('when tasks are open past their due time, done with a note or open with none, then the overdue ones come most overdue first and the noted ones in their window', async () => {
      await store.commit(
        batch({
          tasks: [
            sampleTask('t-late', { dueAt: T0 + MINUTE }),
            sampleTask('t-later', { kind: 'follow_up', reason: 'alert_follow_up', dedupKey: 'follow_up:a-1', deviceId: null, dueAt: T0 + 2 * MINUTE }),
            sampleTask('t-future', { kind: 'service', reason: 'service_request', dedupKey: 'service:meal', deviceId: null, dueAt: T0 + 60 * MINUTE }),
            sampleTask('t-undated', { kind: 'service', reason: 'service_request', dedupKey: 'service:ride', deviceId: null }),
            sampleTask('t-done', { status: 'done', dedupKey: 'done', dueAt: T0, completedAt: T0 + 3 * MINUTE, completedBy: 'user:resp', outcome: 'fixed', note: '换了电池' }),
          ],
        }),
        'alarm',
      );
      const overdue = await store.listOverdueTasks({ regionPath: town, now: T0 + 5 * MINUTE, limit: 10 });
      expect(overdue.map((t) => t.id)).toEqual(['t-late', 't-later']);
      expect(overdue[0]!.elder.name).toBe('王奶奶');
      expect(await store.listNotedTasks({ regionPath: town, since: T0, until: T0 + 10 * MINUTE, limit: 10 })).toEqual([
        { taskId: 't-done', kind: 'maintenance', elderName: '王奶奶', at: T0 + 3 * MINUTE, actor: 'user:resp', note: '换了电池' },
      ]);
      expect(await store.listOverdueTasks({ regionPath: '/elsewhere/', now: T0 + 5 * MINUTE, limit: 10 })).toEqual([]);
    });

    it('when alerts ended in different ways inside and outside the window, then those that ended inside are counted by status and reason', async () => {
      const ended = [
        sampleAlert('a-phone', { dedupKey: 'k1', status: 'resolved', resolvedAt: T0 + MINUTE, resolvedBy: 'user:op', resolutionReason: 'handled_by_phone' }),
        sampleAlert('a-phone2', { dedupKey: 'k2', status: 'resolved', resolvedAt: T0 + 2 * MINUTE, resolvedBy: 'user:op', resolutionReason: 'handled_by_phone' }),
        sampleAlert('a-false', { dedupKey: 'k3', status: 'false_alarm', resolvedAt: T0 + 3 * MINUTE, resolvedBy: 'user:op' }),
        sampleAlert('a-cancel', { dedupKey: 'k4', status: 'cancelled', cancelledAt: T0 + 4 * MINUTE }),
        sampleAlert('a-clear', { dedupKey: 'k5', type: 'heart_rate_high', priority: 2, status: 'cleared', clearedAt: T0 + 5 * MINUTE }),
        sampleAlert('a-before', { dedupKey: 'k6', status: 'resolved', resolvedAt: T0 - MINUTE, resolutionReason: 'other' }),
        sampleAlert('a-open', { dedupKey: 'k7' }),
      ];
      await store.commit(batch({ alerts: ended.map((alert) => ({ kind: 'insert' as const, alert, entry: raisedEntry(alert.id), expectedStatus: null })) }), 'alarm');
      const counts = await store.countClosedAlerts({ regionPath: town, since: T0, until: T0 + 10 * MINUTE });
      expect(counts).toHaveLength(4);
      expect(counts).toEqual(
        expect.arrayContaining([
          { status: 'resolved', resolutionReason: 'handled_by_phone', count: 2 },
          { status: 'false_alarm', resolutionReason: null, count: 1 },
          { status: 'cancelled', resolutionReason: null, count: 1 },
          { status: 'cleared', resolutionReason: null, count: 1 },
        ]),
      );
      expect(await store.countClosedAlerts({ regionPath: '/elsewhere/', since: T0, until: T0 + 10 * MINUTE })).toEqual([]);
    });
  });
}
