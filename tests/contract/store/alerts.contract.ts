import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertStore } from '../../../gateway/src/app/ports/store/alerts.port.js';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { RegionStore } from '../../../gateway/src/app/ports/store/regions.port.js';
import type { TaskStore } from '../../../gateway/src/app/ports/store/tasks.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';
import { sampleAlert, sampleTask } from '../../support/fixtures.js';
import { batch, raisedEntry, seededStore, type OpenStore } from './setup.js';

// Alerts (alerts.port.ts): written by the decision commit, read back whole, moved by an operator only from the status
// the move expects, one open alert per dedup key, listed by region.

export function alertStoreContract(name: string, open: OpenStore): void {
  describe(`alert store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: AlertStore & DecisionStore & TaskStore & RegionStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when an alert is committed, then it reads back whole with its elder, context and timeline', async () => {
      await store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      expect(await store.getAlert('a-1')).toEqual({ ...sampleAlert('a-1'), elder: { id: 'elder-1', name: '王奶奶', address: '幸福社区1号', regionId: 'community-1' }, assignee: null });
      expect(await store.findOpenAlerts('elder-1')).toEqual([sampleAlert('a-1')]);
      expect(await store.getTimeline('a-1')).toEqual([raisedEntry('a-1')]);
    });

    it('when a second device presses and the first cancels, then the devices still pressing and the cancel read back with the timeline', async () => {
      await store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      const pressed = sampleAlert('a-1', { count: 2, raisedBy: ['dev-1', 'dev-2'] });
      await store.commit(batch({ alerts: [{ kind: 'update', alert: pressed, entry: { ...raisedEntry('a-1'), action: 'repeated', actor: 'device:dev-2' }, expectedStatus: 'raised' }] }), 'alarm');
      expect(await store.findOpenAlerts('elder-1')).toEqual([pressed]);
      const cancel = { alertId: 'a-1', at: T0 + 2, action: 'cancel_requested' as const, actor: 'device:dev-1', note: 'still pressed on dev-2' };
      const asked = { ...pressed, raisedBy: ['dev-2'], cancelRequestedAt: T0 + 2 };
      expect(await store.transitionAlert(asked, cancel, 'raised')).toBe(true);
      expect(await store.getAlert('a-1')).toMatchObject({ raisedBy: ['dev-2'], cancelRequestedAt: T0 + 2, status: 'raised' });
      expect((await store.getTimeline('a-1')).at(-1)).toEqual(cancel);
    });

    it('when a second open alert with the same dedup key is inserted, then the commit fails with a conflict and nothing of it is written', async () => {
      await store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      const racing = store.commit(
        batch({ message: { deviceId: 'dev-1', msgId: 'm-2', receivedAt: T0 }, alerts: [{ kind: 'insert', alert: sampleAlert('a-2'), entry: raisedEntry('a-2'), expectedStatus: null }] }),
        'alarm',
      );
      await expect(racing).rejects.toBeInstanceOf(StoreConflictError);
      expect((await store.listAlerts({ statuses: 'all', limit: 10 })).map((a) => a.id)).toEqual(['a-1']);
      // The failed batch's message id was rolled back too: a resend is processed, not taken for a duplicate.
      expect(await store.commit(batch({ message: { deviceId: 'dev-1', msgId: 'm-2', receivedAt: T0 } }), 'routine')).toBe('committed');
    });

    it('when an update expects a status the alert no longer has, then the whole batch fails with a conflict', async () => {
      await store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      const acked = sampleAlert('a-1', { status: 'acknowledged', acknowledgedAt: T0 + 1, acknowledgedBy: 'user:op' });
      expect(await store.transitionAlert(acked, { alertId: 'a-1', at: T0 + 1, action: 'acknowledged', actor: 'user:op', note: null }, 'raised')).toBe(true);
      const repeat = sampleAlert('a-1', { count: 2 });
      const stale = store.commit(
        batch({ alerts: [{ kind: 'update', alert: repeat, entry: { ...raisedEntry('a-1'), action: 'repeated' }, expectedStatus: 'raised' }], tasks: [sampleTask('t-1')] }),
        'alarm',
      );
      await expect(stale).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.getAlert('a-1')).toMatchObject({ status: 'acknowledged', count: 1 });
      expect(await store.findOpenTasks('elder-1')).toEqual([]);
    });

    it('when alerts are listed for a region, then only elders of that subtree appear; another town sees none', async () => {
      await store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      const root = await store.rootRegion();
      expect((await store.listAlerts({ statuses: 'all', limit: 10, regionPath: `${root.path}town-1/` })).map((a) => a.id)).toEqual(['a-1']);
      expect(await store.listAlerts({ statuses: 'all', limit: 10, regionPath: `${root.path}town-2/` })).toEqual([]);
    });
  });
}
