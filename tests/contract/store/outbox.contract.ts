import { beforeEach, describe, expect, it } from 'vitest';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { OutboxNotification, OutboxStore } from '../../../gateway/src/app/ports/store/outbox.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';
import { sampleAlert } from '../../support/fixtures.js';
import { batch, raisedEntry, seededStore, type OpenStore } from './setup.js';

// The notification outbox (outbox.port.ts): notifications stored with their cause by the decision commit, claimed
// under a lease by one sender at a time, settled by the attempt that claimed them, pruned once settled.

const familyNotice = (id: string, createdAt: number, alertId = 'a-1'): OutboxNotification => ({
  id,
  createdAt,
  notification: { topic: 'alarm_raised', audience: 'elder_contacts', elderId: 'elder-1', alertId, alertType: 'sos', priority: 1 },
});

const LEASE_MS = 30_000;

export function outboxStoreContract(name: string, open: OpenStore): void {
  describe(`outbox store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: OutboxStore & DecisionStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when notifications are committed with their cause, then a claim returns them oldest first and leases them: nobody gets them again until the lease ends', async () => {
      await store.commit(
        batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }], notifications: [familyNotice('n-2', T0 + 1), familyNotice('n-1', T0)] }),
        'alarm',
      );
      expect(await store.countPendingNotifications()).toBe(2);
      const first = await store.claimNotifications({ claimant: 'gw-a', now: T0 + 1, leaseUntil: T0 + LEASE_MS, limit: 10 });
      expect(first).toEqual([
        { ...familyNotice('n-1', T0), attempt: 1 },
        { ...familyNotice('n-2', T0 + 1), attempt: 1 },
      ]);
      expect(await store.claimNotifications({ claimant: 'gw-b', now: T0 + LEASE_MS - 1, leaseUntil: T0 + 2 * LEASE_MS, limit: 10 })).toEqual([]);
      // The claimant died without settling them: once the lease is over, they are due for anybody, as a next attempt.
      const again = await store.claimNotifications({ claimant: 'gw-b', now: T0 + LEASE_MS, leaseUntil: T0 + 2 * LEASE_MS, limit: 1 });
      expect(again).toEqual([{ ...familyNotice('n-1', T0), attempt: 2 }]);
    });

    it('when a batch is a duplicate or conflicts, then its notifications are not stored', async () => {
      const message = { deviceId: 'dev-1', msgId: 'm-1', receivedAt: T0 };
      const raise = (id: string) => ({ kind: 'insert' as const, alert: sampleAlert(id), entry: raisedEntry(id), expectedStatus: null });
      await store.commit(batch({ message, alerts: [raise('a-1')], notifications: [familyNotice('n-1', T0)] }), 'alarm');
      expect(await store.commit(batch({ message, notifications: [familyNotice('n-2', T0)] }), 'alarm')).toBe('duplicate');
      await expect(store.commit(batch({ alerts: [raise('a-2')], notifications: [familyNotice('n-3', T0, 'a-2')] }), 'alarm')).rejects.toBeInstanceOf(StoreConflictError);
      const claimed = await store.claimNotifications({ claimant: 'gw-a', now: T0, leaseUntil: T0 + LEASE_MS, limit: 10 });
      expect(claimed.map((n) => n.id)).toEqual(['n-1']);
    });

    it('when a notification is stored on its own, then it is pending like one a rule decided', async () => {
      const deskNotice: OutboxNotification = { id: 'n-desk', createdAt: T0, notification: { topic: 'desk_unwatched', audience: 'supervisors', elderId: null, alertId: null, alertType: null, priority: 1 } };
      expect(await store.commit(batch({ notifications: [deskNotice] }), 'alarm')).toBe('committed');
      expect(await store.claimNotifications({ claimant: 'gw-a', now: T0, leaseUntil: T0 + LEASE_MS, limit: 10 })).toEqual([{ ...deskNotice, attempt: 1 }]);
    });

    it('when an attempt fails, then the notification is due again at its retry time; once delivered it is never claimed again', async () => {
      await store.commit(batch({ notifications: [familyNotice('n-1', T0)] }), 'alarm');
      const [claimed] = await store.claimNotifications({ claimant: 'gw-a', now: T0, leaseUntil: T0 + LEASE_MS, limit: 10 });
      expect(await store.settleNotification('n-1', claimed!.attempt, { state: 'retry', nextAttemptAt: T0 + 2_000, error: 'webhook 503' })).toBe(true);
      expect(await store.claimNotifications({ claimant: 'gw-a', now: T0 + 1_999, leaseUntil: T0 + LEASE_MS, limit: 10 })).toEqual([]);
      const [retried] = await store.claimNotifications({ claimant: 'gw-a', now: T0 + 2_000, leaseUntil: T0 + LEASE_MS, limit: 10 });
      expect(retried?.attempt).toBe(2);
      expect(await store.settleNotification('n-1', 2, { state: 'delivered', at: T0 + 2_100 })).toBe(true);
      expect(await store.countPendingNotifications()).toBe(0);
      expect(await store.claimNotifications({ claimant: 'gw-a', now: T0 + 10 * LEASE_MS, leaseUntil: T0 + 11 * LEASE_MS, limit: 10 })).toEqual([]);
      // Delivered twice (a resend after a crash between delivery and mark): the second mark changes nothing.
      expect(await store.settleNotification('n-1', 2, { state: 'delivered', at: T0 + 2_200 })).toBe(false);
    });

    it('when a claim whose lease ran out settles late, then a retry or give-up changes nothing and the later claim stands', async () => {
      await store.commit(batch({ notifications: [familyNotice('n-1', T0)] }), 'alarm');
      await store.claimNotifications({ claimant: 'gw-a', now: T0, leaseUntil: T0 + LEASE_MS, limit: 10 });
      const [later] = await store.claimNotifications({ claimant: 'gw-b', now: T0 + LEASE_MS, leaseUntil: T0 + 2 * LEASE_MS, limit: 10 });
      expect(later?.attempt).toBe(2);
      expect(await store.settleNotification('n-1', 1, { state: 'retry', nextAttemptAt: T0 + LEASE_MS + 1, error: 'timeout' })).toBe(false);
      expect(await store.settleNotification('n-1', 1, { state: 'given_up', at: T0 + LEASE_MS + 1, error: 'timeout' })).toBe(false);
      // Still leased to gw-b: not due before its lease ends.
      expect(await store.claimNotifications({ claimant: 'gw-c', now: T0 + LEASE_MS + 2, leaseUntil: T0 + 3 * LEASE_MS, limit: 10 })).toEqual([]);
      // A late delivery is a delivery, whoever claimed last.
      expect(await store.settleNotification('n-1', 1, { state: 'delivered', at: T0 + LEASE_MS + 3 })).toBe(true);
      expect(await store.settleNotification('n-1', 2, { state: 'retry', nextAttemptAt: T0 + LEASE_MS + 4, error: 'x' })).toBe(false);
      expect(await store.countPendingNotifications()).toBe(0);
    });

    it('when a notification is given up, then it is no longer pending, and settled ones are pruned after the cutoff', async () => {
      await store.commit(batch({ notifications: [familyNotice('n-1', T0), familyNotice('n-2', T0 + 1)] }), 'alarm');
      const claimed = await store.claimNotifications({ claimant: 'gw-a', now: T0 + 1, leaseUntil: T0 + LEASE_MS, limit: 10 });
      expect(await store.settleNotification('n-1', 1, { state: 'given_up', at: T0 + 100, error: 'webhook 503' })).toBe(true);
      expect(claimed).toHaveLength(2);
      expect(await store.countPendingNotifications()).toBe(1);
      expect(await store.claimNotifications({ claimant: 'gw-a', now: T0 + 10 * LEASE_MS, leaseUntil: T0 + 11 * LEASE_MS, limit: 10 })).toEqual([{ ...familyNotice('n-2', T0 + 1), attempt: 2 }]);
      expect(await store.pruneSettledNotifications(T0 + 100)).toBe(0);
      expect(await store.pruneSettledNotifications(T0 + 101)).toBe(1);
      // A pending notification is never pruned, however old.
      expect(await store.pruneSettledNotifications(T0 + 100 * LEASE_MS)).toBe(0);
      expect(await store.countPendingNotifications()).toBe(1);
    });

    it('when a restarted claimant releases its claims, then its leased notifications are due at once and another claimant\'s stay leased', async () => {
      await store.commit(batch({ notifications: [familyNotice('n-1', T0), familyNotice('n-2', T0 + 1)] }), 'alarm');
      await store.claimNotifications({ claimant: 'gw-a', now: T0 + 1, leaseUntil: T0 + LEASE_MS, limit: 1 });
      await store.claimNotifications({ claimant: 'gw-b', now: T0 + 1, leaseUntil: T0 + LEASE_MS, limit: 1 });
      expect(await store.releaseNotificationClaims('gw-a', T0 + 5)).toBe(1);
      const due = await store.claimNotifications({ claimant: 'gw-a', now: T0 + 5, leaseUntil: T0 + LEASE_MS, limit: 10 });
      expect(due).toEqual([{ ...familyNotice('n-1', T0), attempt: 2 }]);
    });
  });
}
