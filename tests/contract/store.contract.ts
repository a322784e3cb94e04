import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deadline } from '../../gateway/src/core/deadline.js';
import { emptyCommitBatch, StoreConflictError, type CommitBatch, type OutboxNotification, type Store } from '../../gateway/src/app/store.port.js';
import { T0 } from '../support/elder-state.js';
import { sampleAlert, sampleTask } from '../support/fixtures.js';

// The one store contract (DESIGN.md, decision 6), as a suite every engine must pass: SQLite today, PostgreSQL with
// the scale-out issue. Only the Store interface is used here, never an engine's internals.

const batch = (parts: Partial<CommitBatch> = {}): CommitBatch => ({ ...emptyCommitBatch(), ...parts });

const raisedEntry = (alertId: string) => ({ alertId, at: T0, action: 'raised' as const, actor: 'device:dev-1', note: null });

const deadline = (key: string, dueAt: number): Deadline => ({ key, kind: 'door_idle', elderId: 'elder-1', deviceId: 'dev-1', dueAt, data: { since: T0 } });

const familyNotice = (id: string, createdAt: number, alertId = 'a-1'): OutboxNotification => ({
  id,
  createdAt,
  notification: { topic: 'alarm_raised', audience: 'elder_contacts', elderId: 'elder-1', alertId, alertType: 'sos', priority: 1 },
});

const LEASE_MS = 30_000;

export function storeContract(name: string, open: () => Promise<{ store: Store; dispose: () => Promise<void> }>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const community = { id: 'community-1', name: '幸福社区', level: 'community' as const, parentId: 'town-1', path: '' };

    beforeEach(async () => {
      ({ store, dispose } = await open());
      const root = await store.rootRegion();
      await store.createRegion({ id: 'town-1', name: '城关镇', level: 'town', parentId: root.id, path: `${root.path}town-1/` });
      community.path = `${root.path}town-1/community-1/`;
      await store.createRegion(community);
      await store.createElder({
        id: 'elder-1',
        name: '王奶奶',
        address: '幸福社区1号',
        phone: null,
        regionId: 'community-1',
        contacts: [{ name: '儿子', relation: 'son', phone: '13900000001', notify: true }],
        medicalNotes: '',
        accessNotes: '钥匙在邻居家',
        assignedResponderIds: [],
        riskCategory: 'alone',
        thresholdOverrides: { heartRateHigh: 110 },
        away: null,
        createdAt: T0,
      });
      await store.createDevice({ id: 'dev-1', elderId: 'elder-1', kind: 'call_button', room: 'bedroom', secretHash: 'h', brokerPasswordHash: null, testModeUntil: null, online: false, battery: null, lastSeenAt: null, createdAt: T0 });
    });
    afterEach(async () => {
      await dispose();
    });

    it('when a message id is committed twice, then the second commit is a duplicate and writes nothing', async () => {
      const message = { deviceId: 'dev-1', msgId: 'm-1', receivedAt: T0 };
      const first = await store.commit(batch({ message, alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      const second = await store.commit(batch({ message, alerts: [{ kind: 'insert', alert: sampleAlert('a-2', { dedupKey: 'other' }), entry: raisedEntry('a-2'), expectedStatus: null }] }), 'alarm');
      expect([first, second]).toEqual(['committed', 'duplicate']);
      expect((await store.listAlerts({ statuses: 'all', limit: 10 })).map((a) => a.id)).toEqual(['a-1']);
    });

    it('when an alert is committed, then it reads back whole with its elder, context and timeline', async () => {
      await store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      expect(await store.getAlert('a-1')).toEqual({ ...sampleAlert('a-1'), elder: { id: 'elder-1', name: '王奶奶', address: '幸福社区1号', regionId: 'community-1' }, assignee: null });
      expect(await store.findOpenAlerts('elder-1')).toEqual([sampleAlert('a-1')]);
      expect(await store.getTimeline('a-1')).toEqual([raisedEntry('a-1')]);
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

    it('when a deadline is armed, moved and claimed, then it is due once, at its latest time, and a stale claim changes nothing', async () => {
      await store.commit(batch({ arm: [deadline('door_idle:elder-1', T0 + 1000)] }), 'routine');
      await store.commit(batch({ arm: [deadline('door_idle:elder-1', T0 + 5000)] }), 'routine');
      expect(await store.dueDeadlines(T0 + 1000, 10)).toEqual([]);
      expect(await store.dueDeadlines(T0 + 5000, 10)).toEqual([deadline('door_idle:elder-1', T0 + 5000)]);
      expect(await store.commit(batch({ claim: { key: 'door_idle:elder-1', dueAt: T0 + 1000 } }), 'alarm')).toBe('stale');
      expect(await store.commit(batch({ claim: { key: 'door_idle:elder-1', dueAt: T0 + 5000 } }), 'alarm')).toBe('committed');
      expect(await store.commit(batch({ claim: { key: 'door_idle:elder-1', dueAt: T0 + 5000 } }), 'alarm')).toBe('stale');
      expect(await store.listDeadlines('elder-1')).toEqual([]);
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

    it('when a device is registered with a broker password hash, then it reads back with it', async () => {
      const hash = '$7$101$c2FsdHNhbHRzYWx0$aGFzaA==';
      await store.createDevice({ id: 'dev-2', elderId: 'elder-1', kind: 'wearable', room: null, secretHash: 'h2', brokerPasswordHash: hash, testModeUntil: null, online: false, battery: null, lastSeenAt: null, createdAt: T0 });
      expect(await store.getDevice('dev-2')).toMatchObject({ id: 'dev-2', secretHash: 'h2', brokerPasswordHash: hash });
      expect(await store.getDevice('dev-1')).toMatchObject({ brokerPasswordHash: null });
    });

    it('when a device gets a new secret, then both hashes change together', async () => {
      await store.setDeviceSecret('dev-1', { secretHash: 'h-new', brokerPasswordHash: '$7$101$bmV3$bmV3' });
      expect(await store.getDevice('dev-1')).toMatchObject({ secretHash: 'h-new', brokerPasswordHash: '$7$101$bmV3$bmV3' });
    });

    it('when a task is open, then a second open task with the same dedup key conflicts; once done, a new one may open', async () => {
      await store.commit(batch({ tasks: [sampleTask('t-1')] }), 'alarm');
      await expect(store.commit(batch({ tasks: [sampleTask('t-2')] }), 'alarm')).rejects.toBeInstanceOf(StoreConflictError);
      const done = { ...sampleTask('t-1'), status: 'done' as const, completedAt: T0 + 10, completedBy: 'user:op', note: '换了电池' };
      expect(await store.updateTask(done, 'open')).toBe(true);
      expect(await store.updateTask(done, 'open')).toBe(false);
      await store.commit(batch({ tasks: [sampleTask('t-2')] }), 'alarm');
      expect((await store.listTasks({ statuses: ['open'], limit: 10 })).map((t) => t.id)).toEqual(['t-2']);
      expect(await store.getTask('t-1')).toMatchObject({ status: 'done', note: '换了电池', elder: { name: '王奶奶' } });
    });

    it('when the care profile, away state and test mode change, then they read back', async () => {
      await store.updateElderCareProfile('elder-1', { riskCategory: 'disabled', thresholdOverrides: { spo2Low: 88, spo2LowClear: 91 } });
      await store.setElderAway('elder-1', { since: T0, until: T0 + 3600_000, reason: '住院' });
      await store.setDeviceTestMode('dev-1', T0 + 1800_000);
      expect(await store.getElder('elder-1')).toMatchObject({
        riskCategory: 'disabled',
        thresholdOverrides: { spo2Low: 88, spo2LowClear: 91 },
        away: { since: T0, until: T0 + 3600_000, reason: '住院' },
      });
      expect(await store.getDevice('dev-1')).toMatchObject({ testModeUntil: T0 + 1800_000 });
      await store.setElderAway('elder-1', null);
      expect((await store.getElder('elder-1'))?.away).toBeNull();
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

    it('when alerts are listed for a region, then only elders of that subtree appear; another town sees none', async () => {
      await store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert('a-1'), entry: raisedEntry('a-1'), expectedStatus: null }] }), 'alarm');
      const root = await store.rootRegion();
      expect((await store.listAlerts({ statuses: 'all', limit: 10, regionPath: `${root.path}town-1/` })).map((a) => a.id)).toEqual(['a-1']);
      expect(await store.listAlerts({ statuses: 'all', limit: 10, regionPath: `${root.path}town-2/` })).toEqual([]);
    });

    it('when a user is created, fails logins and is looked up by session, then role, region path and lockout read back', async () => {
      await store.createUser({
        id: 'u-1',
        username: 'zhang',
        displayName: '护理员张',
        passwordHash: 'x',
        role: 'responder',
        regionId: 'community-1',
        responderKind: 'care_worker',
        phone: null,
        onDuty: true,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: T0,
      });
      await expect(store.createUser({ ...(await store.getUser('u-1'))!, id: 'u-2' })).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.recordLoginFailure('u-1', null)).toBe(1);
      expect(await store.recordLoginFailure('u-1', T0 + 900_000)).toBe(2);
      expect(await store.findUserByUsername('zhang')).toMatchObject({ failedLogins: 2, lockedUntil: T0 + 900_000 });
      await store.resetLoginFailures('u-1');
      await store.createSession({ tokenHash: 'th', userId: 'u-1', expiresAt: T0 + 1000 });
      expect(await store.findSession('th', T0)).toMatchObject({ role: 'responder', regionId: 'community-1', regionPath: community.path, displayName: '护理员张' });
      expect(await store.findSession('th', T0 + 1000)).toBeNull();
      expect((await store.listUsers({ regionPath: community.path, role: 'responder' })).map((u) => u.id)).toEqual(['u-1']);
    });

    it('when a task update expects a status the task no longer has, then the batch fails and its audit lines are not written', async () => {
      await store.commit(batch({ tasks: [sampleTask('t-1')] }), 'alarm');
      const assigned = { ...sampleTask('t-1'), status: 'assigned' as const, assigneeId: 'u-1', assignedAt: T0 };
      const audit = { at: T0, actor: 'user:op', action: 'assigned', entityType: 'task' as const, entityId: 't-1', detail: {} };
      await store.commit(batch({ taskUpdates: [{ task: assigned, expectedStatus: 'open' }], audit: [audit] }), 'alarm');
      await expect(store.commit(batch({ taskUpdates: [{ task: assigned, expectedStatus: 'open' }], audit: [audit] }), 'alarm')).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.listAudit({ entityType: 'task', entityId: 't-1', limit: 10 })).toHaveLength(1);
      expect(await store.countOpenAssignments(['u-1', 'u-9'])).toEqual(new Map([['u-1', 1], ['u-9', 0]]));
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

