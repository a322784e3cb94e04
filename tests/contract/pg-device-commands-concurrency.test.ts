import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { NewDeviceCommand } from '../../gateway/src/app/ports/store/device-commands.port.js';
import type { Store } from '../../gateway/src/app/ports/store/store.port.js';
import { createPgStore } from '../../gateway/src/adapters/db/pg/store.js';
import { T0 } from '../support/elder-state.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';

// Commands to devices with two gateway instances on one database (two stores, two pools): a device's queue is
// claimed by one instance whole and in order, never split between two, and a command finishes once.

const POOL_SIZE = 6;

const command = (id: string, overrides: Partial<NewDeviceCommand> = {}): NewDeviceCommand => ({
  id, deviceId: 'dev-1', elderId: 'elder-1', alertId: null, type: 'locate', parameters: {}, createdBy: 'user:op-1', createdAt: T0, expiresAt: T0 + 3_600_000,
  ...overrides,
});

async function seedDevice(store: Store): Promise<void> {
  const root = await store.rootRegion();
  await store.createRegion({ id: 'community-1', name: '幸福社区', level: 'community', parentId: root.id, path: `${root.path}community-1/` });
  await store.createElder({
    id: 'elder-1', name: '王奶奶', address: '幸福社区1号', phone: null, idNumber: null, regionId: 'community-1', contacts: [], medicalNotes: '', accessNotes: '',
    assignedResponderIds: [], riskCategory: 'alone', thresholdOverrides: {}, away: null, createdAt: T0,
  });
  await store.createDevice({
    id: 'dev-1', elderId: 'elder-1', kind: 'wearable', room: null, secretHash: 'h', brokerPasswordHash: null, testModeUntil: null, online: true, battery: null,
    lastSeenAt: T0, createdAt: T0, firmware: null, model: null, retiredAt: null, replacedBy: null,
  });
}

describe.skipIf(postgresMissing())('PostgreSQL store, commands to devices from two instances', () => {
  let cluster: PostgresCluster;
  let url: string;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  beforeEach(async () => {
    url = await cluster.newDatabase();
    a = await createPgStore(url, { poolSize: POOL_SIZE, applicationName: 'instance-a' });
    b = await createPgStore(url, { poolSize: POOL_SIZE, applicationName: 'instance-b' });
    await seedDevice(a);
    for (let i = 10; i < 40; i += 1) await a.createDeviceCommand(command(`c-${i}`));
    await Promise.all(Array.from({ length: POOL_SIZE }, () => Promise.all([a.ping(), b.ping()])));
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('when both instances claim one device 12 times at once, then one claim takes all 30 commands in order and the others none', async () => {
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).claimQueuedDeviceCommands('dev-1', T0)));
    const nonEmpty = claims.filter((c) => c.length > 0);
    expect(nonEmpty).toHaveLength(1);
    expect(nonEmpty[0]!.map((c) => c.id)).toEqual(Array.from({ length: 30 }, (_, i) => `c-${i + 10}`));
    expect(nonEmpty[0]!.every((c) => c.status === 'sent' && c.sendCount === 1)).toBe(true);
  });

  it('when a claim meets a command another transaction holds, then it waits and takes the whole queue, not the rest around it', async () => {
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    onTestFinished(() => holder.end());
    await holder.query('BEGIN');
    await holder.query("SELECT seq FROM device_commands WHERE id = 'c-10' FOR UPDATE");
    let settled = false;
    const claim = b.claimQueuedDeviceCommands('dev-1', T0).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await holder.query('COMMIT');
    expect((await claim).map((c) => c.id)).toEqual(Array.from({ length: 30 }, (_, i) => `c-${i + 10}`));
  });

  it('when both instances finish one delivered command at once, then exactly one move happens', async () => {
    await a.claimQueuedDeviceCommands('dev-1', T0);
    await a.transitionDeviceCommand({ id: 'c-10', from: ['sent'], to: 'delivered', at: T0 + 1 });
    const moves = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).transitionDeviceCommand(
          i % 3 ? { id: 'c-10', from: ['sent', 'delivered'], to: 'done', at: T0 + 2 + i } : { id: 'c-10', from: ['sent', 'delivered'], to: 'failed', at: T0 + 2 + i, failureReason: 'x' },
        ),
      ),
    );
    const made = moves.filter((m) => m !== null);
    expect(made).toHaveLength(1);
    expect(await a.getDeviceCommand('c-10')).toEqual(made[0]);
  });

  it('when both instances expire due commands at once, then each command expires once', async () => {
    const swept = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).expireDueDeviceCommands(T0 + 3_600_000, 7)));
    const ids = swept.flat().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    // every sweep takes up to 7; together at least what one sweep alone would have
    expect(ids.length).toBeGreaterThanOrEqual(7);
    expect((await a.expireDueDeviceCommands(T0 + 3_600_000, 100)).length + ids.length).toBe(30);
  });
});
