import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deadline } from '../../gateway/src/core/deadline.js';
import { emptyCommitBatch, StoreConflictError, type CommitBatch, type OutboxNotification, type Store } from '../../gateway/src/app/store.port.js';
import { T0 } from '../support/elder-state.js';
import { sampleAlert, sampleTask } from '../support/fixtures.js';

// The one store contract (docs/decisions/0006-one-store-contract-two-engines.md), as a suite every engine must pass: SQLite today, PostgreSQL with
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

    it('when a user is created and is looked up by session, then role and region path read back; an expired session is gone', async () => {
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
        disabledAt: null,
        createdAt: T0,
      });
      await expect(store.createUser({ ...(await store.getUser('u-1'))!, id: 'u-2' })).rejects.toBeInstanceOf(StoreConflictError);
      await store.createSession({ id: 's-1', tokenHash: 'th', userId: 'u-1', createdAt: T0, expiresAt: T0 + 1000, address: '203.0.113.7' });
      expect(await store.findSession('th', T0)).toMatchObject({ sessionId: 's-1', role: 'responder', regionId: 'community-1', regionPath: community.path, displayName: '护理员张' });
      expect(await store.findSession('th', T0 + 1000)).toBeNull();
      expect((await store.listUsers({ regionPath: community.path, role: 'responder' })).map((u) => u.id)).toEqual(['u-1']);
    });

    describe('accounts', () => {
      const user = (id: string, username: string) => ({
        id,
        username,
        displayName: username,
        passwordHash: 'x',
        role: 'operator' as const,
        regionId: 'community-1',
        responderKind: null,
        phone: null,
        onDuty: true,
        disabledAt: null,
        createdAt: T0,
      });
      const session = (id: string, userId: string, createdAt: number) => ({ id, tokenHash: `hash-${id}`, userId, createdAt, expiresAt: T0 + 60_000, address: '198.51.100.1' });

      it('when sessions are listed and revoked one and then all, then only live ones are listed and found, and each revocation names what it ended', async () => {
        await store.createUser(user('u-1', 'li'));
        await store.createUser(user('u-2', 'wang'));
        await store.createSession(session('s-1', 'u-1', T0));
        await store.createSession(session('s-2', 'u-1', T0 + 1));
        await store.createSession(session('s-3', 'u-1', T0 + 2));
        await store.createSession(session('s-other', 'u-2', T0));
        await store.createSession({ ...session('s-old', 'u-1', T0 - 10), expiresAt: T0 });
        expect((await store.listSessions('u-1', T0 + 5)).map((s) => s.id)).toEqual(['s-3', 's-2', 's-1']);
        expect((await store.listSessions('u-1', T0 + 5))[0]).toEqual({ id: 's-3', userId: 'u-1', createdAt: T0 + 2, expiresAt: T0 + 60_000, address: '198.51.100.1' });

        expect(await store.revokeSessions('u-1', T0 + 10, 's-2')).toEqual(['s-2']);
        expect(await store.revokeSessions('u-1', T0 + 11, 's-2')).toEqual([]);
        expect(await store.revokeSessions('u-2', T0 + 11, 's-1')).toEqual([]);
        expect(await store.findSession('hash-s-2', T0 + 12)).toBeNull();
        expect(await store.findSession('hash-s-1', T0 + 12)).toMatchObject({ sessionId: 's-1', userId: 'u-1' });

        expect((await store.revokeSessions('u-1', T0 + 20)).sort()).toEqual(['s-1', 's-3']);
        expect(await store.listSessions('u-1', T0 + 21)).toEqual([]);
        expect(await store.findSession('hash-s-1', T0 + 21)).toBeNull();
        expect(await store.findSession('hash-s-other', T0 + 21)).toMatchObject({ sessionId: 's-other' });
      });

      it('when a user is disabled, then none of their sessions is found until they are enabled; a new password reads back', async () => {
        await store.createUser(user('u-1', 'li'));
        await store.createSession(session('s-1', 'u-1', T0));
        await store.setUserDisabled('u-1', T0 + 5);
        expect(await store.getUser('u-1')).toMatchObject({ disabledAt: T0 + 5 });
        expect(await store.findSession('hash-s-1', T0 + 6)).toBeNull();
        await store.setUserDisabled('u-1', null);
        expect(await store.findSession('hash-s-1', T0 + 7)).toMatchObject({ sessionId: 's-1' });
        await store.setUserPassword('u-1', 'scrypt$new');
        expect(await store.findUserByUsername('li')).toMatchObject({ passwordHash: 'scrypt$new', disabledAt: null });
      });

      it('when logins fail per name and address, then each pair counts alone, unknown names count too, and resets clear one address or all', async () => {
        expect(await store.loginFailures('li', '198.51.100.1')).toEqual({ failures: 0, lockedUntil: null });
        expect(await store.recordLoginFailure('li', '198.51.100.1', null)).toBe(1);
        expect(await store.recordLoginFailure('li', '198.51.100.1', T0 + 900_000)).toBe(2);
        expect(await store.recordLoginFailure('li', '203.0.113.9', null)).toBe(1);
        expect(await store.recordLoginFailure('nobody-has-this-name', '198.51.100.1', null)).toBe(1);
        expect(await store.loginFailures('li', '198.51.100.1')).toEqual({ failures: 2, lockedUntil: T0 + 900_000 });
        expect(await store.loginFailures('li', '203.0.113.9')).toEqual({ failures: 1, lockedUntil: null });

        await store.resetLoginFailures('li', '198.51.100.1');
        expect(await store.loginFailures('li', '198.51.100.1')).toEqual({ failures: 0, lockedUntil: null });
        expect(await store.loginFailures('li', '203.0.113.9')).toEqual({ failures: 1, lockedUntil: null });
        await store.resetLoginFailures('li');
        expect(await store.loginFailures('li', '203.0.113.9')).toEqual({ failures: 0, lockedUntil: null });
        expect(await store.loginFailures('nobody-has-this-name', '198.51.100.1')).toEqual({ failures: 1, lockedUntil: null });
      });
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

    it('when dead letters are recorded, then they list newest first with their elder and region, and each filter narrows them', async () => {
      const letter = (n: number, deviceId: string, reason: string) => ({
        deviceId,
        topic: `devices/${deviceId}/events`,
        reason,
        detail: reason === 'salvaged' ? 'defects: ts_seconds; ts: ts is not a plausible time' : null,
        payloadExcerpt: Buffer.from(`{"n":${n}}`).toString('base64'),
        receivedAt: T0 + n,
      });
      await store.recordDeadLetter(letter(1, 'dev-1', 'payload_invalid'));
      await store.recordDeadLetter(letter(2, 'dev-1', 'salvaged'));
      await store.recordDeadLetter(letter(3, 'ghost', 'unknown_device'));
      const all = await store.listDeadLetters({ limit: 10 });
      expect(all.map((l) => [l.receivedAt - T0, l.reason, l.elderId, l.regionId])).toEqual([
        [3, 'unknown_device', null, null],
        [2, 'salvaged', 'elder-1', 'community-1'],
        [1, 'payload_invalid', 'elder-1', 'community-1'],
      ]);
      expect(all[1]).toMatchObject(letter(2, 'dev-1', 'salvaged'));
      expect(all[0]!.seq).toBeGreaterThan(all[1]!.seq);
      // A region's subtree holds its elders' devices; a letter of no registered device belongs to none.
      expect((await store.listDeadLetters({ regionPath: community.path, limit: 10 })).map((l) => l.receivedAt - T0)).toEqual([2, 1]);
      expect(await store.listDeadLetters({ regionPath: `${community.path}elsewhere/`, limit: 10 })).toEqual([]);
      expect((await store.listDeadLetters({ reason: 'salvaged', limit: 10 })).map((l) => l.receivedAt - T0)).toEqual([2]);
      expect((await store.listDeadLetters({ deviceId: 'ghost', limit: 10 })).map((l) => l.receivedAt - T0)).toEqual([3]);
      expect((await store.listDeadLetters({ receivedFrom: T0 + 2, receivedTo: T0 + 3, limit: 10 })).map((l) => l.receivedAt - T0)).toEqual([2]);
      expect((await store.listDeadLetters({ limit: 1 })).map((l) => l.receivedAt - T0)).toEqual([3]);
    });

    it('when a task’s cause clears by itself, then when and why read back, and a plain task has neither', async () => {
      await store.commit(batch({ tasks: [sampleTask('t-1')] }), 'alarm');
      expect(await store.getTask('t-1')).toMatchObject({ causeClearedAt: null, causeClearedNote: null });
      const cleared = { ...sampleTask('t-1'), causeClearedAt: T0 + 60_000, causeClearedNote: 'battery at 90%' };
      await store.commit(batch({ taskUpdates: [{ task: cleared, expectedStatus: 'open' }] }), 'alarm');
      expect(await store.getTask('t-1')).toMatchObject({ status: 'open', causeClearedAt: T0 + 60_000, causeClearedNote: 'battery at 90%' });
      expect(await store.findOpenTasks('elder-1')).toEqual([cleared]);
    });

    it('when daily activity is added in several flushes, then counts and minutes add up per elder and day, steps keep the highest, and lists are by elder then day within the range', async () => {
      const delta = (elderId: string, day: string, motionEvents: number, steps: number) => ({ elderId, day, motionEvents, doorEvents: 1, bedMinutes: 30.5, steps });
      await store.addActivity([delta('elder-1', '2026-11-22', 10, 1500), delta('elder-1', '2026-11-23', 4, 200), delta('elder-2', '2026-11-23', 7, 0)]);
      await store.addActivity([delta('elder-1', '2026-11-23', 6, 900), delta('elder-1', '2026-11-23', 1, 100)]);
      await store.addActivity([]);
      expect(await store.listActivityDays({ elderId: 'elder-1', fromDay: '2026-11-01', toDay: '2026-11-30' })).toEqual([
        { elderId: 'elder-1', day: '2026-11-22', motionEvents: 10, doorEvents: 1, bedMinutes: 30.5, steps: 1500 },
        { elderId: 'elder-1', day: '2026-11-23', motionEvents: 11, doorEvents: 3, bedMinutes: 91.5, steps: 900 },
      ]);
      expect((await store.listActivityDays({ fromDay: '2026-11-23', toDay: '2026-11-23' })).map((d) => [d.elderId, d.day, d.motionEvents])).toEqual([
        ['elder-1', '2026-11-23', 11],
        ['elder-2', '2026-11-23', 7],
      ]);
      expect(await store.listActivityDays({ elderId: 'elder-1', fromDay: '2026-11-24', toDay: '2026-12-31' })).toEqual([]);
    });
  });
}

