import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { createWebhookChannel } from '../../gateway/src/adapters/notify/webhook-channel.js';
import { createMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import { createNotificationComposer } from '../../gateway/src/app/notifications/notification-composer.js';
import { createNotificationOutbox, DEFAULT_OUTBOX_OPTIONS } from '../../gateway/src/app/notifications/notification-outbox.js';
import { RegionDirectory } from '../../gateway/src/app/directories/region-directory.js';
import { emptyCommitBatch, type CommitBatch } from '../../gateway/src/app/ports/store/decisions.port.js';
import type { OutboxNotification } from '../../gateway/src/app/ports/store/outbox.port.js';
import { StoreConflictError, type Store } from '../../gateway/src/app/ports/store/store.port.js';
import type { Deadline } from '../../gateway/src/core/deadline.js';
import { PG_MIGRATIONS } from '../../gateway/src/adapters/db/pg/schema.js';
import { createPgStore } from '../../gateway/src/adapters/db/pg/store.js';
import { T0 } from '../support/elder-state.js';
import { sampleAlert } from '../support/fixtures.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

// Two gateway instances on one database, as behind one broker: two stores with two pools, racing the writes the
// store contract settles for one. Every race is started with all its commits in flight at once.

const POOL_SIZE = 10;

const batch = (parts: Partial<CommitBatch> = {}): CommitBatch => ({ ...emptyCommitBatch(), ...parts });

const deadline = (key: string, dueAt: number): Deadline => ({ key, kind: 'door_idle', elderId: 'elder-1', deviceId: 'dev-1', dueAt, data: { since: T0 } });

const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((n, o) => ({ ...n, [o]: (n[o] ?? 0) + 1 }), {});

async function seedElder(store: Store): Promise<void> {
  const root = await store.rootRegion();
  await store.createRegion({ id: 'community-1', name: '幸福社区', level: 'community', parentId: root.id, path: `${root.path}community-1/` });
  await store.createElder({
    id: 'elder-1', name: '王奶奶', address: '幸福社区1号', phone: null, idNumber: null, regionId: 'community-1', contacts: [], medicalNotes: '', accessNotes: '',
    assignedResponderIds: [], riskCategory: 'alone', thresholdOverrides: {}, away: null, createdAt: T0,
  });
  await store.createDevice({ id: 'dev-1', elderId: 'elder-1', kind: 'call_button', room: null, secretHash: 'h', brokerPasswordHash: null, testModeUntil: null, online: false, battery: null, lastSeenAt: null, createdAt: T0, firmware: null, model: null, retiredAt: null, replacedBy: null });
}

/** Opens every connection of the pool now, so that a race is not spread out by connection setup. */
const warm = (store: Store) => Promise.all(Array.from({ length: POOL_SIZE }, () => store.ping()));

describe.skipIf(postgresMissing())('PostgreSQL store, two instances on one database', () => {
  let cluster: PostgresCluster;
  let url: string;
  let instances: Store[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  afterEach(async () => {
    await Promise.all(instances.map((s) => s.close()));
    instances = [];
  });

  const open = async (): Promise<Store> => {
    const store = await createPgStore(url, { poolSize: POOL_SIZE, applicationName: `instance-${instances.length + 1}` });
    instances.push(store);
    return store;
  };

  describe('when both instances run on a seeded database', () => {
    let a: Store;
    let b: Store;
    beforeEach(async () => {
      url = await cluster.newDatabase();
      a = await open();
      b = await open();
      await seedElder(a);
      await Promise.all([warm(a), warm(b)]);
    });

    it('when the same message id is committed 20 times at once, then exactly one commit is committed and the rest are duplicates', async () => {
      const message = { deviceId: 'dev-1', msgId: 'm-1', receivedAt: T0 };
      const deviceEvent = { deviceId: 'dev-1', elderId: 'elder-1', msgId: 'm-1', type: 'fall', deviceTs: T0, receivedAt: T0, payload: '{"type":"fall"}' };
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).commit(batch({ message, deviceEvent }), 'alarm')));
      expect(tally(outcomes)).toEqual({ committed: 1, duplicate: 19 });
      expect(await a.listDeviceEvents('dev-1', 50)).toHaveLength(1);
    });

    it('when both claim the same deadlines at once, then each deadline is committed once and stale once', async () => {
      const keys = Array.from({ length: 10 }, (_, i) => `door_idle:elder-1:${i}`);
      await a.commit(batch({ arm: keys.map((key) => deadline(key, T0)) }), 'routine');
      const claims = keys.flatMap((key) => [a, b].map(async (store) => ({ key, outcome: await store.commit(batch({ claim: { key, dueAt: T0 } }), 'alarm') })));
      const results = await Promise.all(claims);
      for (const key of keys) expect(results.filter((r) => r.key === key).map((r) => r.outcome).sort()).toEqual(['committed', 'stale']);
      expect(await a.listDeadlines('elder-1')).toEqual([]);
    });

    it('when both insert an open SOS alert for the same elder at once, then one succeeds, the other conflicts, and one alert is stored', async () => {
      const raise = (store: Store, id: string) =>
        store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert(id), entry: { alertId: id, at: T0, action: 'raised', actor: 'device:dev-1', note: null }, expectedStatus: null }] }), 'alarm');
      const [first, second] = await Promise.allSettled([raise(a, 'a-from-a'), raise(b, 'a-from-b')]);
      const settled = [first, second];
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.reason).toBeInstanceOf(StoreConflictError);
      expect(await a.listAlerts({ statuses: 'all', limit: 10 })).toHaveLength(1);
    });

    it('when two batches claim and re-arm each other\'s deadlines at once, then neither deadlocks: one commits, the other is stale', async () => {
      for (let round = 0; round < 5; round++) {
        const [k1, k2] = [`door_idle:elder-1:x${round}`, `door_idle:elder-1:y${round}`];
        await a.commit(batch({ arm: [deadline(k1, T0), deadline(k2, T0)] }), 'routine');
        const outcomes = await Promise.all([
          a.commit(batch({ claim: { key: k1, dueAt: T0 }, arm: [deadline(k2, T0 + 60_000)] }), 'alarm'),
          b.commit(batch({ claim: { key: k2, dueAt: T0 }, arm: [deadline(k1, T0 + 60_000)] }), 'alarm'),
        ]);
        // A deadlock would abort one of them (after deadlock_timeout), which rejects instead of reporting 'stale'.
        expect(outcomes.sort()).toEqual(['committed', 'stale']);
      }
    });

    it('when both instances claim the same due notifications with many senders at once, then every notification is claimed by exactly one sender', async () => {
      const notices: OutboxNotification[] = Array.from({ length: 120 }, (_, i) => ({
        id: `n-${String(i).padStart(3, '0')}`,
        createdAt: T0 + i,
        notification: { topic: 'alarm_raised', audience: 'elder_contacts', elderId: 'elder-1', alertId: `a-${i}`, alertType: 'sos', priority: 1 },
      }));
      await a.commit(batch({ notifications: notices }), 'alarm');
      const now = T0 + 1_000;
      // Eight senders per instance, each claiming a few at a time until nothing is left: as many claims in flight
      // at once as the pools allow. A lease far in the future: nothing becomes due again during the race.
      const sender = async (store: Store, name: string): Promise<string[]> => {
        const mine: string[] = [];
        for (;;) {
          const claimed = await store.claimNotifications({ claimant: name, now, leaseUntil: now + 3_600_000, limit: 3 });
          if (claimed.length === 0) return mine;
          mine.push(...claimed.map((n) => n.id));
        }
      };
      const claims = await Promise.all([a, b].flatMap((store, s) => Array.from({ length: 8 }, (_, i) => sender(store, `instance-${s}-sender-${i}`))));
      const all = claims.flat();
      expect(all).toHaveLength(notices.length);
      expect(new Set(all).size).toBe(notices.length);
      // Both instances took part: the race was real.
      expect(claims.slice(0, 8).flat().length).toBeGreaterThan(0);
      expect(claims.slice(8).flat().length).toBeGreaterThan(0);
      expect(await b.countPendingNotifications()).toBe(notices.length);
    });

    it('when both instances\' notification senders are woken at once for the same notices, then each notice is POSTed once, by one of them', async () => {
      const webhook = await startWebhookReceiver();
      onTestFinished(() => webhook.close());
      const logger = pino({ level: 'silent' });
      const regions = RegionDirectory.load(await a.listRegions());
      const senders = [a, b].map((store, i) =>
        createNotificationOutbox(
          {
            store,
            channel: createWebhookChannel({ url: webhook.url }, logger),
            composer: createNotificationComposer({ store, regions }),
            metrics: createMetrics(),
            clock: Date.now,
            newId: randomUUID,
            claimant: `instance-${i + 1}`,
            logger,
          },
          { ...DEFAULT_OUTBOX_OPTIONS, sweepMs: 20 },
        ),
      );
      for (const s of senders) onTestFinished(() => s.stop());
      await Promise.all(senders.map((s) => s.start()));
      // Each instance commits half of them and wakes its own sender; both sweep every 20 ms besides.
      const notices = Array.from({ length: 60 }, (_, i): OutboxNotification => ({
        id: `n-${i}`,
        createdAt: Date.now(),
        notification: { topic: 'alarm_raised', audience: 'elder_contacts', elderId: 'elder-1', alertId: `a-${i}`, alertType: 'sos', priority: 1 },
      }));
      await Promise.all(
        notices.map(async (n, i) => {
          await (i % 2 ? a : b).commit(batch({ notifications: [n] }), 'alarm');
          senders[i % 2]?.wake();
        }),
      );
      for (let until = Date.now() + 10_000; webhook.received.length < notices.length && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
      await Promise.all(senders.map((s) => s.sweepNow()));
      expect(webhook.deliveries.map((d) => d.idempotencyKey).sort()).toEqual(notices.map((n) => n.id).sort());
      expect(await a.countPendingNotifications()).toBe(0);
    });
  });

  it('when two instances migrate the same empty database at the same moment, then both start and the schema is applied once', async () => {
    url = await cluster.newDatabase();
    const [a, b] = await Promise.all([open(), open()]);
    expect(await a.listRegions()).toEqual(await b.listRegions());
    expect(await a.listRegions()).toHaveLength(1);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toEqual(PG_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    } finally {
      await client.end();
    }
  });
});
