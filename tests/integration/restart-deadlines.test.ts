import { describe, expect, it, onTestFinished } from 'vitest';
import type { AlertView, TaskView } from '../../schemas/index.js';
import { createApiClient, type ApiClient } from '../support/api-client.js';
import { ChaosButton } from '../support/chaos-button.js';
import { createRestartableGateway, type RestartableGateway } from '../support/chaos-gateway.js';
import { registerButtonHomes } from '../support/chaos-homes.js';
import { tallyNotices, waitForNotices } from '../support/chaos-notices.js';
import { chaosSeed, randomInt, seededRandom, sleep, sleepUntil } from '../support/chaos-random.js';
import { deadlineStored, overdueDeadlines, pendingNotifications } from '../support/chaos-store-peek.js';
import { eventually } from '../support/mqtt-device.js';
import { TEST_ADMIN } from '../support/test-gateway.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

// Deadlines are data (docs/decisions/0005-deadlines-are-data.md), proven with a crash rather than a graceful stop. deadline-restart.test.ts
// (door idle) and care-workflow-time.test.ts (escalation) restart an in-process gateway with close(), which lets the
// scheduler finish its tick, and no test restarts across offline deadlines. Here the gateway process is SIGKILLed
// while escalation (unacknowledged P1) and offline deadlines (a dropped connection's grace period, a device's
// heartbeat timeout) are armed; they fall due while it is down and must fire once after the restart, and never
// again, however many kills follow, including kills in the middle of the firing. The escalation notices they send
// are stored with the escalation (the outbox): each must arrive at least once, a second time only as a resend with
// the same idempotency key.
//
// Replay the second test's kills with the seed it prints: CHAOS_SEED=<seed> npx vitest run tests/integration/restart-deadlines.test.ts

const PRESENCE_KINDS = ['device_offline_confirm', 'device_silent'];

async function allOf<T>(api: ApiClient, what: 'alerts' | 'tasks'): Promise<T[]> {
  const reply = await api.request<{ items: T[] }>('GET', `/api/v1/${what}?status=all&limit=1000`);
  if (reply.status !== 200) throw new Error(`GET ${what}: ${reply.status}`);
  return reply.body.items;
}

const escalatedEntries = async (api: ApiClient, alertId: string) =>
  (await api.getAlert(alertId)).timeline.filter((t) => t.action === 'escalated').length;

/** One life's count of fired deadlines of the kinds this file is about, from its /metrics. */
async function firedThisLife(gw: RestartableGateway): Promise<number> {
  const text = await (await fetch(`${gw.httpUrl}/metrics`)).text();
  const lines = text.split('\n').filter((l) => /^gateway_deadlines_fired_total\{kind="(alert_escalation|device_offline_confirm|device_silent)"\}/.test(l));
  return lines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describe('deadlines across a crash', () => {
  it('when escalation and offline deadlines fall due while the gateway is killed, then each fires once after restart (offline ones after the start-up hold), a device that came back is not reported, and a second kill fires nothing again', { timeout: 90_000 }, async () => {
    const GRACE_MS = 2_000;
    const HEARTBEAT_MS = 3_000;
    const ESCALATE_MS = 3_000;
    const webhook = await startWebhookReceiver();
    onTestFinished(() => webhook.close());
    const gw = await createRestartableGateway({
      ESCALATION_P1_SECONDS: `${ESCALATE_MS / 1000},3600`,
      OFFLINE_GRACE_SECONDS: String(GRACE_MS / 1000),
      HEARTBEAT_TIMEOUT_SECONDS: String(HEARTBEAT_MS / 1000),
      DEADLINE_TICK_MS: '50',
      NOTIFY_WEBHOOK_URL: webhook.url,
      LOG_LEVEL: 'warn',
    });
    onTestFinished(() => gw.dispose());
    await gw.start();
    const api = createApiClient(gw.httpUrl);
    await api.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const [sosHome, droppedHome, silentHome] = await registerButtonHomes(api, 3, '重启老人');
    if (!sosHome || !droppedHome || !silentHome) throw new Error('homes not registered');

    // Connected and heard from, then gone with the gateway and never back (hung firmware): only its stored heartbeat
    // timeout can notice, because the gateway never saw the connection end.
    const silent = new ChaosButton(silentHome.deviceId, silentHome.secret, gw.mqttUrl, 0);
    // Each deadline is known to lie between the moment before its cause and the moment after, plus its timeout.
    const silentFrom = Date.now();
    await silent.connect();
    await silent.heartbeat();
    const silentUntil = Date.now();
    onTestFinished(() => silent.close());
    // Presses SOS, then keeps reconnecting and sending heartbeats across every restart: it must never be reported.
    const sos = new ChaosButton(sosHome.deviceId, sosHome.secret, gw.mqttUrl, 200);
    await sos.connect();
    const heartbeats = setInterval(() => void sos.heartbeat().catch(() => undefined), 1_000);
    onTestFinished(async () => {
      clearInterval(heartbeats);
      await sos.close();
    });
    const pressFrom = Date.now();
    await sos.pressSos().acked;
    const pressUntil = Date.now();
    // Loses its link while the gateway runs: the grace period starts, stored with the offline state.
    const dropped = new ChaosButton(droppedHome.deviceId, droppedHome.secret, gw.mqttUrl, 0);
    await dropped.connect();
    const droppedFrom = Date.now();
    dropped.drop();
    // The drop is stored as the start of its grace period (the device shows offline only when the grace ends).
    await eventually(async () => deadlineStored(gw.dataDir, `device_offline_confirm:${droppedHome.deviceId}`), (stored) => stored);
    const droppedUntil = Date.now();
    const [sosAlert] = (await allOf<AlertView>(api, 'alerts')).filter((a) => a.type === 'sos');
    expect(sosAlert).toMatchObject({ escalationLevel: 0, deviceId: sosHome.deviceId });
    const alertId = (sosAlert as AlertView).id;

    const killedAt = await gw.kill();
    // Nothing was due yet when the process died.
    expect(killedAt).toBeLessThan(Math.min(droppedFrom + GRACE_MS, pressFrom + ESCALATE_MS, silentFrom + HEARTBEAT_MS));
    await sleepUntil(Math.max(droppedUntil + GRACE_MS, pressUntil + ESCALATE_MS, silentUntil + HEARTBEAT_MS) + 300);
    const restartedAt = Date.now();
    await gw.start();

    const offlineAlerts = async () => (await allOf<AlertView>(api, 'alerts')).filter((a) => a.type === 'device_offline');
    const raised = await eventually(offlineAlerts, (list) => list.length >= 2, 8_000);
    await eventually(() => api.getAlert(alertId), (a) => a.escalationLevel === 1);
    expect(await escalatedEntries(api, alertId)).toBe(1);
    expect(raised.map((a) => a.deviceId).sort()).toEqual([droppedHome.deviceId, silentHome.deviceId].sort());
    expect(raised.map((a) => a.count)).toEqual([1, 1]);
    // Devices get a moment to reconnect after a restart before their overdue offline deadlines count.
    for (const a of raised) expect(Date.parse(a.raisedAt)).toBeGreaterThanOrEqual(restartedAt + GRACE_MS);
    expect((await webhook.waitFor((n) => n.topic === 'alarm_escalated' && n.alertId === alertId)).level).toBe(1);

    // Crash again once all of it has fired; the third life must find nothing left to do.
    await sleep(300);
    await gw.kill();
    await gw.start();
    await sleep(GRACE_MS + 1_000); // past the start-up hold and many ticks
    expect(await firedThisLife(gw)).toBe(0);
    expect(await escalatedEntries(api, alertId)).toBe(1);
    const finalAlerts = await allOf<AlertView>(api, 'alerts');
    expect(finalAlerts.filter((a) => a.type === 'device_offline').map((a) => [a.deviceId, a.count]).sort()).toEqual(
      [
        [droppedHome.deviceId, 1],
        [silentHome.deviceId, 1],
      ].sort(),
    );
    const maintenance = (await allOf<TaskView>(api, 'tasks')).filter((t) => t.kind === 'maintenance');
    expect(maintenance.map((t) => t.deviceId).sort()).toEqual([droppedHome.deviceId, silentHome.deviceId].sort());
    // One notice; a kill between its POST and its mark could only make it arrive again with the same key.
    const escalation = tallyNotices(webhook.deliveries, 'alarm_escalated', [alertId]);
    expect(escalation.violations).toEqual([]);
    expect(escalation.notified).toBe(1);
    expect((await api.getDevice(sosHome.deviceId)).online).toBe(true);
    expect(await gw.stop()).toBe(0);
  });

  it('when the gateway is killed again and again while overdue deadlines are firing, then each deadline still fires exactly once', { timeout: 120_000 }, async () => {
    const seed = chaosSeed();
    const replay = `seed ${seed}; replay: CHAOS_SEED=${seed} npx vitest run tests/integration/restart-deadlines.test.ts`;
    console.info(`restart-deadlines: ${replay}`);
    const random = seededRandom(seed);
    const SOS_HOMES = 40;
    const DROPPED_HOMES = 20;
    const KILLS = 12; // after the first, which leaves every deadline overdue
    const STEP_MS = 50;
    const GRACE_MS = 1_500;
    const TICK_MS = 300;
    const testBegan = Date.now();
    // Each escalation notice is stored with its escalation: none may be lost to the kills, none told twice (a resend
    // after a kill between its POST and its mark carries the same key).
    const webhook = await startWebhookReceiver();
    onTestFinished(() => webhook.close());
    const gw = await createRestartableGateway({
      NOTIFY_WEBHOOK_URL: webhook.url,
      ESCALATION_P1_SECONDS: '1,3600',
      OFFLINE_GRACE_SECONDS: String(GRACE_MS / 1000),
      HEARTBEAT_TIMEOUT_SECONDS: '2',
      // A slow tick puts the first firing a few hundred milliseconds after the start, where the kills can aim.
      DEADLINE_TICK_MS: String(TICK_MS),
      LOG_LEVEL: 'warn',
    });
    onTestFinished(() => gw.dispose());
    await gw.start();
    const api = createApiClient(gw.httpUrl);
    await api.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const homes = await registerButtonHomes(api, SOS_HOMES + DROPPED_HOMES, '升级老人');
    const droppedHomes = homes.slice(SOS_HOMES);

    // Each SOS home: a P1 alert whose escalation falls due, and a button that dies with the gateway and stays away
    // (its heartbeat timeout falls due). Each dropped home: a grace period that falls due.
    const buttons = homes.map((h) => new ChaosButton(h.deviceId, h.secret, gw.mqttUrl, 0));
    onTestFinished(async () => {
      await Promise.all(buttons.map((b) => b.close()));
    });
    await Promise.all(buttons.map((b) => b.connect()));
    await Promise.all(buttons.slice(0, SOS_HOMES).map((b) => b.pressSos().acked));
    buttons.slice(SOS_HOMES).forEach((b) => b.drop());
    // Each drop is stored as the start of its grace period (the device shows offline only when the grace ends).
    await eventually(
      async () => droppedHomes.every((h) => deadlineStored(gw.dataDir, `device_offline_confirm:${h.deviceId}`)),
      (stored) => stored,
    );
    await gw.kill();
    await sleep(2_300); // every deadline is overdue now
    const overdueAtFirstKill = overdueDeadlines(gw.dataDir, Date.now());

    // Each kill aims at a firing: first the escalations (at the first tick), then the offline deadlines (at the end
    // of the start-up hold). How long a start takes varies, so the aim is found by walking: a life that fired nothing
    // of its target is killed a little later next time; once a target has all fired, the next one is aimed at. A
    // life that fired some but not all of its target was killed in the middle of the firing.
    const targets = [
      { kinds: ['alert_escalation'], nextMs: TICK_MS - 200 },
      { kinds: PRESENCE_KINDS, nextMs: GRACE_MS - 200 },
    ];
    const overdueOf = (counts: Record<string, number>, kinds: string[]) => kinds.reduce((n, kind) => n + (counts[kind] ?? 0), 0);
    const landed: Array<{ afterReadyMs: number; overdueLeft: Record<string, number> }> = [];
    let killsMidFiring = 0;
    /** Escalation notices stored but not yet sent when a kill landed: each one was lost before the outbox. */
    const noticesPendingAtKill = new Set<string>();
    let before = overdueAtFirstKill;
    for (let k = 0; k < KILLS; k++) {
      const target = targets.find((t) => overdueOf(before, t.kinds) > 0);
      // Nothing left to fire: the remaining kills check that nothing fires again.
      const afterReadyMs = (target?.nextMs ?? randomInt(random, 0, GRACE_MS)) + randomInt(random, 0, 40);
      const readyAt = await gw.start();
      await sleepUntil(readyAt + afterReadyMs);
      const killedAt = await gw.kill();
      const left = overdueDeadlines(gw.dataDir, killedAt);
      for (const n of pendingNotifications(gw.dataDir)) if (n.topic === 'alarm_escalated') noticesPendingAtKill.add(n.id);
      if (target) {
        const fired = overdueOf(before, target.kinds) - overdueOf(left, target.kinds);
        if (fired === 0) target.nextMs += STEP_MS;
        else if (overdueOf(left, target.kinds) > 0) killsMidFiring += 1;
      }
      landed.push({ afterReadyMs, overdueLeft: left });
      before = left;
    }

    await gw.start();
    await sleep(GRACE_MS + 3 * TICK_MS + 500);
    const alerts = await allOf<AlertView>(api, 'alerts');
    const tasks = (await allOf<TaskView>(api, 'tasks')).filter((t) => t.kind === 'maintenance');
    const violations: string[] = [];
    for (const a of alerts.filter((x) => x.type === 'sos')) {
      const entries = await escalatedEntries(api, a.id);
      if (a.escalationLevel !== 1 || entries !== 1) violations.push(`alert ${a.id}: escalation level ${a.escalationLevel} with ${entries} 'escalated' entries`);
    }
    for (const h of homes) {
      const offline = alerts.filter((a) => a.type === 'device_offline' && a.deviceId === h.deviceId);
      const visits = tasks.filter((t) => t.deviceId === h.deviceId);
      if (offline.length !== 1 || offline[0]?.count !== 1 || visits.length !== 1) {
        violations.push(`device ${h.deviceId}: ${offline.length} offline alert(s) counted ${offline.map((a) => a.count).join(',')}, ${visits.length} maintenance task(s)`);
      }
    }
    // Every escalation and every SOS told once at least, never as two notices.
    const sosIds = alerts.filter((a) => a.type === 'sos').map((a) => a.id);
    const escalation = await waitForNotices(webhook.deliveries, 'alarm_escalated', sosIds, 10_000);
    const family = tallyNotices(webhook.deliveries, 'alarm_raised', sosIds);
    violations.push(...escalation.violations, ...family.violations);
    expect(await gw.stop()).toBe(0);
    const leftover = overdueDeadlines(gw.dataDir, Date.now());
    const leftInOutbox = pendingNotifications(gw.dataDir);
    const figures = {
      seed,
      kills: gw.kills,
      escalations: SOS_HOMES,
      offlineDeadlines: SOS_HOMES + DROPPED_HOMES,
      overdueAtFirstKill,
      escalationNotified: escalation.notified,
      escalationNotificationsLost: escalation.lost.length,
      escalationNoticeDeliveries: escalation.deliveries,
      escalationNoticesResentWithSameKey: escalation.resentWithSameKey,
      escalationNoticesPendingAtAKill: noticesPendingAtKill.size,
      familyNotificationsLost: family.lost.length,
      leftInOutbox: leftInOutbox.length,
      killsMidFiring,
      landed,
      violations: violations.length,
      testSeconds: Math.round((Date.now() - testBegan) / 100) / 10,
    };
    console.info(`restart-deadlines figures: ${JSON.stringify(figures)}`);
    expect(alerts.filter((a) => a.type === 'sos')).toHaveLength(SOS_HOMES);
    expect(violations, replay).toEqual([]);
    expect(leftInOutbox, replay).toEqual([]);
    expect(Object.keys(leftover).filter((k) => k === 'alert_escalation' || PRESENCE_KINDS.includes(k)), replay).toEqual([]);
  });
});
