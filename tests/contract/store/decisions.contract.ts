import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertStore } from '../../../gateway/src/app/ports/store/alerts.port.js';
import type { DeadlineStore } from '../../../gateway/src/app/ports/store/deadlines.port.js';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { DeviceStore } from '../../../gateway/src/app/ports/store/devices.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';
import { sampleAlert } from '../../support/fixtures.js';
import { batch, deadline, raisedEntry, seededStore, type OpenStore } from './setup.js';

// The decision commit (decisions.port.ts): one message's decisions in one transaction, idempotent by message id
// (docs/decisions/0003-idempotency-by-message-id.md) until the id is pruned, each commit with its own outcome, and the
// rules' memory it keeps.

export function decisionStoreContract(name: string, open: OpenStore): void {
  describe(`decision store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: DecisionStore & AlertStore & DeadlineStore & DeviceStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when a message id is committed twice, then the second commit is a duplicate and writes nothing', async () => {
      const message = { deviceId: 'dev-1', msgId: 'm-1', receivedAt: T0 };
      const first = await store.commit(batch({ message, alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      const second = await store.commit(batch({ message, alerts: [{ kind: 'insert', alert: sampleAlert('a-2', { dedupKey: 'other' }), entry: raisedEntry('a-2'), expectedStatus: null }] }), 'alarm');
      expect([first, second]).toEqual(['committed', 'duplicate']);
      expect((await store.listAlerts({ statuses: 'all', limit: 10 })).map((a) => a.id)).toEqual(['a-1']);
    });

    it('when many routine commits arrive at once, then each has its own outcome: the duplicate, the stale claim and the conflict change nothing, the rest are stored', async () => {
      await store.commit(batch({ message: { deviceId: 'dev-1', msgId: 'seen-before', receivedAt: T0 } }), 'routine');
      await store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      const arms = Array.from({ length: 600 }, (_, i) => batch({ arm: [deadline(`door_idle:elder-1:${i}`, T0 + i)] }));
      const outcomes = await Promise.allSettled([
        ...arms.map((b) => store.commit(b, 'routine')),
        store.commit(batch({ message: { deviceId: 'dev-1', msgId: 'seen-before', receivedAt: T0 }, arm: [deadline('door_idle:dup', T0)] }), 'routine'),
        store.commit(batch({ claim: { key: 'door_idle:never-armed', dueAt: T0 }, arm: [deadline('door_idle:stale', T0)] }), 'routine'),
        // Expects a-1 still new; it is open: the whole batch, its deadline included, must be undone.
        store.commit(
          batch({
            alerts: [{ kind: 'update', alert: sampleAlert('a-1', { status: 'acknowledged' }), entry: raisedEntry('a-1'), expectedStatus: 'resolved' }],
            arm: [deadline('door_idle:conflict', T0)],
          }),
          'routine',
        ),
        store.commit(batch({ message: { deviceId: 'dev-1', msgId: 'fresh', receivedAt: T0 } }), 'routine'),
      ]);
      const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : o.reason instanceof StoreConflictError ? 'conflict' : o.reason));
      expect(values).toEqual([...arms.map(() => 'committed'), 'duplicate', 'stale', 'conflict', 'committed']);
      const keys = (await store.listDeadlines('elder-1')).map((d) => d.key);
      expect(keys).toHaveLength(600);
      expect(keys.filter((k) => ['door_idle:dup', 'door_idle:stale', 'door_idle:conflict'].includes(k))).toEqual([]);
      expect(await store.commit(batch({ message: { deviceId: 'dev-1', msgId: 'fresh', receivedAt: T0 } }), 'routine')).toBe('duplicate');
    });

    it('when processed message ids are pruned, then an id older than the cutoff is accepted again and one received since stays a duplicate', async () => {
      const old = { deviceId: 'dev-1', msgId: 'm-old', receivedAt: T0 };
      const atCutoff = { deviceId: 'dev-1', msgId: 'm-at-cutoff', receivedAt: T0 + 60_000 };
      const recent = { deviceId: 'dev-1', msgId: 'm-recent', receivedAt: T0 + 120_000 };
      for (const message of [old, atCutoff, recent]) expect(await store.commit(batch({ message }), 'routine')).toBe('committed');
      expect(await store.pruneProcessedMessages(T0 + 60_000)).toBe(1);
      expect(await store.pruneProcessedMessages(T0 + 60_000)).toBe(0);
      // A redelivery of the forgotten id is processed again, with what it decides.
      const again = await store.commit(
        batch({ message: { ...old, receivedAt: T0 + 130_000 }, alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }),
        'alarm',
      );
      expect(again).toBe('committed');
      expect((await store.listAlerts({ statuses: 'all', limit: 10 })).map((a) => a.id)).toEqual(['a-1']);
      expect(await store.commit(batch({ message: atCutoff }), 'routine')).toBe('duplicate');
      expect(await store.commit(batch({ message: recent }), 'alarm')).toBe('duplicate');
    });

    it('when rule memory and presence are committed, then they read back; a null value forgets the memory', async () => {
      await store.commit(
        batch({
          ruleStates: [{ elderId: 'elder-1', key: 'vitals:dev-1:heart_rate_high', value: { since: T0 } }],
          presence: [{ deviceId: 'dev-1', online: true, battery: 55, lastSeenAt: T0 }],
        }),
        'routine',
      );
      expect(await store.listRuleStates()).toEqual([{ elderId: 'elder-1', key: 'vitals:dev-1:heart_rate_high', value: { since: T0 } }]);
      expect(await store.listRuleStates('elder-1')).toEqual([{ elderId: 'elder-1', key: 'vitals:dev-1:heart_rate_high', value: { since: T0 } }]);
      expect(await store.listRuleStates('elder-none')).toEqual([]);
      expect(await store.getDevice('dev-1')).toMatchObject({ online: true, battery: 55, lastSeenAt: T0, room: 'bedroom' });
      await store.commit(batch({ ruleStates: [{ elderId: 'elder-1', key: 'vitals:dev-1:heart_rate_high', value: null }] }), 'routine');
      expect(await store.listRuleStates()).toEqual([]);
    });
  });
}
