import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSqliteStore } from '../../gateway/src/adapters/db/sqlite/store.js';
import { createWebhookChannel } from '../../gateway/src/adapters/notify/webhook-channel.js';
import { createMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import { createNotificationComposer } from '../../gateway/src/app/notifications/notification-composer.js';
import { createNotificationOutbox, DEFAULT_OUTBOX_OPTIONS, type OutboxOptions } from '../../gateway/src/app/notifications/notification-outbox.js';
import { RegionDirectory } from '../../gateway/src/app/directories/region-directory.js';
import { emptyCommitBatch } from '../../gateway/src/app/ports/store/decisions.port.js';
import type { OutboxNotification } from '../../gateway/src/app/ports/store/outbox.port.js';
import type { Store } from '../../gateway/src/app/ports/store/store.port.js';
import { eventually } from '../support/mqtt-device.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

// The notification outbox's sender on real parts: a SQLite store in a temporary file, the webhook channel the
// gateway uses, and a real HTTP receiver that can be taken down. Times are shortened through the options; the
// policy is the production one.

const FAST: OutboxOptions = { ...DEFAULT_OUTBOX_OPTIONS, sweepMs: 50, firstRetryMs: 100, maxRetryMs: 400, leaseMs: 30_000 };

interface Rig {
  store: Store;
  webhook: WebhookReceiver;
  metrics: ReturnType<typeof createMetrics>;
  logLines: string[];
  /** A sender as one life of a gateway instance would start it. */
  outbox(options?: Partial<OutboxOptions>, claimant?: string): Promise<ReturnType<typeof createNotificationOutbox>>;
}

async function rig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  const store = createSqliteStore(join(dir, 'gateway.sqlite'));
  const webhook = await startWebhookReceiver();
  onTestFinished(async () => {
    await webhook.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const root = await store.rootRegion();
  await store.createElder({
    id: 'elder-1', name: '王奶奶', address: '幸福社区1号', phone: null, idNumber: null, regionId: root.id, contacts: [{ name: '儿子', relation: 'son', phone: '13900000001', notify: true }],
    medicalNotes: '', accessNotes: '', assignedResponderIds: [], riskCategory: 'alone', thresholdOverrides: {}, away: null, createdAt: Date.now(),
  });
  const metrics = createMetrics();
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const composer = createNotificationComposer({ store, regions: RegionDirectory.load(await store.listRegions()) });
  return {
    store,
    webhook,
    metrics,
    logLines,
    async outbox(options = {}, claimant = 'gw-test') {
      const channel = createWebhookChannel({ url: webhook.url, timeoutMs: 1_000 }, logger);
      const outbox = createNotificationOutbox({ store, channel, composer, metrics, clock: Date.now, newId: randomUUID, claimant, logger }, { ...FAST, ...options });
      onTestFinished(() => outbox.stop());
      await outbox.start();
      return outbox;
    },
  };
}

const familyNotice = (id: string): OutboxNotification => ({
  id,
  createdAt: Date.now(),
  notification: { topic: 'alarm_raised', audience: 'elder_contacts', elderId: 'elder-1', alertId: 'a-1', alertType: 'sos', priority: 1 },
});

const counted = async (counter: { get(): Promise<{ values: Array<{ value: number }> }> }): Promise<number> =>
  (await counter.get()).values.reduce((sum, v) => sum + v.value, 0);

describe('notification outbox', () => {
  it('when a commit stores a family notice and wakes the sender, then it is POSTed at once with its outbox id as the idempotency key, and nothing is left pending', async () => {
    const { store, webhook, metrics, outbox: open } = await rig();
    // A sweep far off: only the wake can send it in time.
    const outbox = await open({ sweepMs: 60_000 });
    const notice = familyNotice('n-1');
    const committedAt = Date.now();
    await store.commit({ ...emptyCommitBatch(), notifications: [notice] }, 'alarm');
    outbox.wake();
    const sent = await webhook.waitFor((n) => n.id === 'n-1', 2_000);
    expect(Date.now() - committedAt).toBeLessThan(1_000);
    expect(webhook.deliveries).toEqual([{ idempotencyKey: 'n-1', notification: sent, at: expect.any(Number) }]);
    expect(sent).toMatchObject({ topic: 'alarm_raised', at: new Date(notice.createdAt).toISOString(), elder: { name: '王奶奶' }, recipients: [{ name: '儿子', phone: '13900000001' }] });
    await outbox.sweepNow();
    expect(await store.countPendingNotifications()).toBe(0);
    expect(await counted(metrics.notificationsDelivered)).toBe(1);
  });

  it('when the webhook is down for 2 s (longer than the in-memory retries used to last), then the notice is retried with backoff and delivered once it is back, always with the same key', async () => {
    const { store, webhook, metrics, outbox: open } = await rig();
    const outbox = await open();
    webhook.setDown(true);
    await store.commit({ ...emptyCommitBatch(), notifications: [familyNotice('n-1')] }, 'alarm');
    outbox.wake();
    await new Promise((r) => setTimeout(r, 2_000));
    // 100, 200, 400, 400 ... ms apart: a handful of attempts, not one per sweep.
    expect(webhook.refused).toBeGreaterThanOrEqual(3);
    expect(webhook.refused).toBeLessThanOrEqual(8);
    expect(await store.countPendingNotifications()).toBe(1);
    webhook.setDown(false);
    await webhook.waitFor((n) => n.id === 'n-1', 2_000);
    await outbox.sweepNow();
    expect(webhook.deliveries.map((d) => d.idempotencyKey)).toEqual(['n-1']);
    expect(await counted(metrics.notificationsRetried)).toBe(webhook.refused);
    expect(await store.countPendingNotifications()).toBe(0);
  });

  it('when the webhook stays down past the give-up time, then the notice is given up with an error log and a metric, and never sent again', async () => {
    const { store, webhook, metrics, logLines, outbox: open } = await rig();
    const outbox = await open({ giveUpAfterMs: 600 });
    webhook.setDown(true);
    await store.commit({ ...emptyCommitBatch(), notifications: [familyNotice('n-1')] }, 'alarm');
    outbox.wake();
    await eventually(() => counted(metrics.notificationsGivenUp), (n) => n === 1, 3_000);
    const line = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'notification given up: not delivered in time');
    expect(line).toMatchObject({ level: 50, notificationId: 'n-1', topic: 'alarm_raised', alertId: 'a-1' });
    expect(await store.countPendingNotifications()).toBe(0);
    webhook.setDown(false);
    const refusedBefore = webhook.refused;
    await new Promise((r) => setTimeout(r, 500));
    await outbox.sweepNow();
    expect(webhook.received).toEqual([]);
    expect(webhook.refused).toBe(refusedBefore);
  });

  it('when a life dies after claiming a notice and before settling it, then the next life of the same instance sends it at start, without waiting for the lease', async () => {
    const { store, webhook, outbox: open } = await rig();
    await store.commit({ ...emptyCommitBatch(), notifications: [familyNotice('n-1')] }, 'alarm');
    // The dead life's claim: leased for the default 30 s.
    const now = Date.now();
    expect(await store.claimNotifications({ claimant: 'gw-test', now, leaseUntil: now + 30_000, limit: 10 })).toHaveLength(1);
    // Another instance must leave it alone while the lease runs.
    const other = await open({}, 'gw-other');
    await other.sweepNow();
    expect(webhook.received).toEqual([]);
    await other.stop();
    await open({}, 'gw-test');
    const sent = await webhook.waitFor((n) => n.id === 'n-1', 2_000);
    expect(Date.now() - now).toBeLessThan(5_000);
    expect(webhook.deliveries.map((d) => d.idempotencyKey)).toEqual([sent.id]);
  });

  it('when a notice is decided outside a rule run (the desk unwatched), then enqueue stores it and it is sent like the others', async () => {
    const { store, webhook, outbox: open } = await rig();
    const outbox = await open({ sweepMs: 60_000 });
    await outbox.enqueue({ topic: 'desk_unwatched', audience: 'supervisors', elderId: null, alertId: null, alertType: null, priority: 1 });
    const sent = await webhook.waitFor((n) => n.topic === 'desk_unwatched', 2_000);
    expect(webhook.deliveries[0]?.idempotencyKey).toBe(sent.id);
    await outbox.sweepNow();
    expect(await store.countPendingNotifications()).toBe(0);
  });

  it('when a sender stops, then the sends under way settle first and nothing is claimed after', async () => {
    const { store, webhook, outbox: open } = await rig();
    const outbox = await open({ sweepMs: 60_000 });
    await store.commit({ ...emptyCommitBatch(), notifications: [familyNotice('n-1')] }, 'alarm');
    outbox.wake();
    await outbox.stop();
    // Stopped right after the wake: either it was delivered and marked, or it is still pending, never half-way.
    const pending = await store.countPendingNotifications();
    expect(pending + webhook.received.length).toBe(1);
    await store.commit({ ...emptyCommitBatch(), notifications: [familyNotice('n-2')] }, 'alarm');
    outbox.wake();
    await new Promise((r) => setTimeout(r, 200));
    expect(webhook.received.map((n) => n.id)).not.toContain('n-2');
  });
});
