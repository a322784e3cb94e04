import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivityReply, TaskView, WsEvent } from '../../schemas/index.js';
import { shiftDay } from '../../gateway/src/core/rules/life-signs/activity-trend.rule.js';
import { useLiveGateway } from '../support/live-gateway.js';
import { manualClock } from '../support/manual-clock.js';
import { chinaClock, connectDevice, eventually, registerElder } from '../support/mqtt-device.js';
import { startTestGateway } from '../support/test-gateway.js';

// The rules of issue 28 over real MQTT: night wandering, no movement after a fall, tasks that follow their alert,
// and the daily activity trend. Night windows are moved around the current time and minutes shrink to a second.

const env = useLiveGateway({ DEADLINE_TICK_MS: '50' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alertOf = (elderId: string, type: string, status?: string) => (e: WsEvent) =>
  (e.type === 'alert.raised' || e.type === 'alert.updated') && e.alert.elder.id === elderId && e.alert.type === type && (status === undefined || e.alert.status === status);
const NIGHT_NOW = { nightStart: chinaClock(-60), nightEnd: chinaClock(60) } as const;

describe('night wandering', () => {
  it('when an elder with dementia gets out of bed at night and out of the door, and is not back in time, then a P1 night-wandering alert is raised; back in bed is noted on it', async () => {
    const elderId = await registerElder(env.gw, { riskCategory: 'dementia', thresholdOverrides: { ...NIGHT_NOW, nightWanderingMinutes: 0.02 } });
    const bed = await connectDevice(env.gw, elderId, 'bed_sensor', { room: 'bedroom' });
    const door = await connectDevice(env.gw, elderId, 'door_sensor', { room: 'entrance' });
    await bed.send('events', 'out_of_bed');
    await door.send('events', 'door_open');
    const raised = await env.live.waitFor(alertOf(elderId, 'night_wandering', 'raised'), 5000);
    expect(raised).toMatchObject({ type: 'alert.raised', alert: { priority: 1, deviceId: door.id, context: { via: 'door' } } });
    await bed.send('events', 'in_bed');
    const noted = await env.live.waitFor((e) => alertOf(elderId, 'night_wandering')(e) && e.type === 'alert.updated' && 'backAt' in e.alert.context);
    expect(noted).toMatchObject({ alert: { status: 'raised' } });
    if (raised.type !== 'alert.raised') throw new Error('expected alert.raised');
    expect((await env.gw.api.getAlert(raised.alert.id)).timeline.map((t) => [t.action, t.note])).toEqual([
      ['raised', null],
      ['noted', 'back in bed'],
    ]);
  });

  it('when the watch of a general elder leaves the home fence at night after a bed exit, then the alert is P2', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { ...NIGHT_NOW, nightWanderingMinutes: 0.02 } });
    const bed = await connectDevice(env.gw, elderId, 'bed_sensor');
    const watch = await connectDevice(env.gw, elderId, 'wearable');
    await bed.send('events', 'out_of_bed');
    await watch.send('events', 'geofence_exit', { fence: 'home' });
    const raised = await env.live.waitFor(alertOf(elderId, 'night_wandering', 'raised'), 5000);
    expect(raised).toMatchObject({ alert: { priority: 2, deviceId: watch.id, context: { via: 'fence', fence: 'home' } } });
  });

  it('when the door opens at night while the elder is in bed, or the elder is back in bed in time, then no night-wandering alert is raised', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { ...NIGHT_NOW, nightWanderingMinutes: 0.02 } });
    const bed = await connectDevice(env.gw, elderId, 'bed_sensor');
    const door = await connectDevice(env.gw, elderId, 'door_sensor');
    await door.send('events', 'door_open');
    await bed.send('events', 'out_of_bed');
    await door.send('events', 'door_open');
    await bed.send('events', 'in_bed');
    await sleep(1800);
    expect((await env.gw.api.listAlerts('all')).filter((a) => a.elder.id === elderId && a.type === 'night_wandering')).toEqual([]);
  });
});

describe('no movement after a fall', () => {
  it('when the watch reports a fall and nothing moves, then the P1 fall alert says so and its timeline has the no-movement line', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { fallNoMovementMinutes: 0.02 } });
    const watch = await connectDevice(env.gw, elderId, 'wearable');
    await watch.send('events', 'fall');
    const marked = await env.live.waitFor((e) => e.type === 'alert.updated' && alertOf(elderId, 'fall')(e) && e.alert.context['noMovementAfterFall'] === true, 5000);
    expect(marked).toMatchObject({ type: 'alert.updated', alert: { priority: 1, status: 'raised', context: { noMovementAfterFall: true } } });
    if (marked.type !== 'alert.updated') throw new Error('expected alert.updated');
    const detail = await env.gw.api.getAlert(marked.alert.id);
    expect(detail.timeline.map((t) => t.action)).toEqual(['raised', 'no_movement_after_fall']);
  });

  it('when motion is seen in the home right after the fall, then the alert is not marked and the movement is noted', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { fallNoMovementMinutes: 0.03 } });
    const watch = await connectDevice(env.gw, elderId, 'wearable');
    const pir = await connectDevice(env.gw, elderId, 'motion_sensor', { room: 'living room' });
    await watch.send('events', 'fall');
    await env.live.waitFor(alertOf(elderId, 'fall', 'raised'));
    await pir.send('events', 'motion');
    await sleep(2500);
    const [fall] = (await env.gw.api.listAlerts('open')).filter((a) => a.elder.id === elderId && a.type === 'fall');
    expect(fall?.context['noMovementAfterFall']).toBeUndefined();
    expect((await env.gw.api.getAlert(fall?.id ?? '')).timeline.map((t) => [t.action, t.note])).toEqual([
      ['raised', null],
      ['noted', 'movement after the fall: motion seen'],
    ]);
  });
});

describe('tasks follow their alert', () => {
  it('when a flat battery opened a maintenance visit and the battery is then full, then the visit says its cause cleared and the desk closes it in one step', async () => {
    const elderId = await registerElder(env.gw);
    const button = await connectDevice(env.gw, elderId, 'call_button');
    await button.send('status', 'heartbeat', { battery: 8 });
    const visit = await eventually(
      async () => (await env.gw.api.listTasks()).find((t) => t.elder.id === elderId && t.kind === 'maintenance'),
      (t) => t !== undefined,
    );
    if (!visit) throw new Error('no visit');
    expect(visit).toMatchObject({ reason: 'low_battery', causeClearedAt: null });
    const early = await env.gw.api.request('POST', `/api/v1/tasks/${visit.id}/close-cleared`);
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'TASK_TRANSITION_INVALID' } } });

    await button.send('status', 'heartbeat', { battery: 95 });
    const cleared = await eventually(
      () => env.gw.api.request<TaskView>('GET', `/api/v1/tasks/${visit.id}`),
      (r) => r.body.causeClearedAt !== null,
    );
    expect(cleared.body).toMatchObject({ status: 'open', causeClearedNote: 'battery at 95%' });
    const closed = await env.gw.api.request<TaskView>('POST', `/api/v1/tasks/${visit.id}/close-cleared`);
    expect(closed).toMatchObject({ status: 200, body: { status: 'done', outcome: 'not_needed', note: 'cause cleared: battery at 95%' } });
    const again = await env.gw.api.request('POST', `/api/v1/tasks/${visit.id}/close-cleared`);
    expect(again.status).toBe(409);
  });
});

describe('activity trend', () => {
  it('when the gateway stops between flushes and starts again, then the day’s counts were stored at the stop and read back after the start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gateway-activity-'));
    try {
      // An hour between flushes: only the stop can have stored these counts.
      const settings = { DATA_DIR: dataDir, ACTIVITY_FLUSH_SECONDS: '3600' };
      const first = await startTestGateway(settings);
      const elderId = await registerElder(first);
      const pir = await connectDevice(first, elderId, 'motion_sensor', { closeAfterTest: false });
      for (let i = 0; i < 5; i++) await pir.send('events', 'motion');
      await pir.client.endAsync(true);
      await first.close();

      const second = await startTestGateway(settings);
      try {
        const trend = await second.api.request<ActivityReply>('GET', `/api/v1/elders/${elderId}/activity?days=1`);
        expect(trend.body.days).toEqual([expect.objectContaining({ motionEvents: 5 })]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('when a home’s activity falls to a seventh of its usual for two days, then after local midnight a wellness check is opened, and the trend endpoint shows the days and the baseline', async () => {
    // 10:00 local on the first day of a 9-day history (a 7-day baseline, the shortest the profile allows, then two
    // low days); the gateway reads this clock, the devices speak real MQTT.
    const start = Date.UTC(2026, 9, 1, 2, 0, 0);
    const clock = manualClock(start);
    const gw = await startTestGateway({ ACTIVITY_FLUSH_SECONDS: '0.1', HEARTBEAT_TIMEOUT_SECONDS: '100000000', TEST_SIGNAL_INTERVAL_HOURS: '100000' }, { clock: clock.now });
    try {
      // Days without motion would otherwise raise inactivity (and its own wellness check) as the clock jumps.
      const elderId = await registerElder(gw, { riskCategory: 'alone', thresholdOverrides: { inactivityDaytimeHours: 100000, doorIdleHours: 100000, activityBaselineDays: 7 } });
      const pir = await connectDevice(gw, elderId, 'motion_sensor', { room: 'living room' });
      const door = await connectDevice(gw, elderId, 'door_sensor', { room: 'entrance' });
      const DAY = 86_400_000;
      for (let day = 0; day < 9; day++) {
        clock.set(start + day * DAY);
        const passes = day < 7 ? 20 : 2;
        await Promise.all(Array.from({ length: passes }, () => pir.send('events', 'motion')));
        await door.send('events', 'door_open');
      }
      // 00:30 local on the day after the last: the schedule flushes, sees a new day and reviews.
      clock.set(start + 9 * DAY - 9.5 * 3600_000);
      // The login token lived 12 h of this clock.
      await gw.api.login(gw.adminUser, gw.adminPassword);
      const check = await eventually(
        async () => (await gw.api.listTasks()).find((t) => t.elder.id === elderId && t.kind === 'wellness_check'),
        (t) => t !== undefined,
        10_000,
      );
      expect(check).toMatchObject({ reason: 'activity_drop', status: 'open', note: 'activity 3, 3 events a day against 21 usual' });
      expect((await gw.api.listAlerts('all')).filter((a) => a.elder.id === elderId && a.type !== 'device_offline')).toEqual([]);

      const trend = await gw.api.request<ActivityReply>('GET', `/api/v1/elders/${elderId}/activity?days=28`);
      expect(trend.status).toBe(200);
      const lastDay = '2026-10-09';
      // The last 28 days, today included: the 9 days heard (today, at 00:30, has nothing yet).
      expect(trend.body.days.map((d) => d.day)).toEqual(Array.from({ length: 9 }, (_, i) => shiftDay('2026-10-01', i)));
      expect(trend.body.days.at(-1)).toEqual({ day: lastDay, motionEvents: 2, doorEvents: 1, bedMinutes: 0, steps: 0 });
      expect(trend.body.baseline).toEqual({ events: 21, steps: 0, days: 7 });
      expect(trend.body.dropSince).toBe(shiftDay(lastDay, -1));
      const bad = await gw.api.request('GET', `/api/v1/elders/${elderId}/activity?days=400`);
      expect(bad.status).toBe(400);
    } finally {
      await gw.close();
    }
  });
});
