import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSqliteStore } from '../../gateway/src/adapters/db/sqlite/store.js';
import { localDay } from '../../gateway/src/core/local-time.js';
import { shiftDay } from '../../gateway/src/core/rules/life-signs/activity-trend.rule.js';
import { chromiumMissing } from '../support/browser.js';
import { HAN, SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { chinaClock, connectDevice, registerElder } from '../support/mqtt-device.js';

// The rules of issue 28 on the duty desk in a real Chromium: a night-wandering alarm raised over real MQTT shows in
// the queue with how the elder left, in both languages; a home whose activity fell shows its trend on the status
// wall's panel (days, baseline, the drop) and the wellness check it opened on the tasks board.
// The home with the drop is written into the store before the gateway starts: its 30 days of history cannot be
// lived through in a test, and the review at start finds the drop as it would after a real midnight.

const TREND_ELDER = { id: 'elder-trend-1', name: '赵爷爷', address: '城关镇幸福社区12号' };

describe.skipIf(chromiumMissing())('night wandering and the activity trend on the desk', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-trend-'));
  const today = localDay(Date.now(), 480);
  // registered before useDeskBrowser's: the store holds the home before the gateway starts on it
  beforeAll(async () => {
    const store = createSqliteStore(join(dataDir, 'gateway.sqlite'));
    await store.createElder({
      ...TREND_ELDER,
      phone: null,
      idNumber: null,
      regionId: 'county',
      contacts: [],
      medicalNotes: '',
      accessNotes: '',
      assignedResponderIds: [],
      riskCategory: 'alone',
      thresholdOverrides: {},
      away: null,
      createdAt: Date.now() - 40 * 86_400_000,
    });
    // 28 usual days of 40 motion passes and 2 door uses, then two days of 5 and 1.
    const days = Array.from({ length: 30 }, (_, i) => {
      const low = i >= 28;
      return { elderId: TREND_ELDER.id, day: shiftDay(today, i - 30), motionEvents: low ? 5 : 40, doorEvents: low ? 1 : 2, bedMinutes: 480, steps: 0 };
    });
    await store.addActivity(days);
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const desk = useDeskBrowser({ DATA_DIR: dataDir, DEADLINE_TICK_MS: '50', OFFLINE_GRACE_SECONDS: '3600' });

  test('when an elder with dementia walks out of the door at night and is not back, then the desk shows a P1 night-wandering alarm saying how, in Chinese and in English', async () => {
    const elderId = await registerElder(desk.gw, {
      riskCategory: 'dementia',
      thresholdOverrides: { nightStart: chinaClock(-60), nightEnd: chinaClock(60), nightWanderingMinutes: 0.02 },
    });
    const bed = await connectDevice(desk.gw, elderId, 'bed_sensor', { room: 'bedroom' });
    const door = await connectDevice(desk.gw, elderId, 'door_sensor', { room: 'entrance' });
    const { page, errors } = await desk.openDesk();
    await signIn(page, { user: { username: desk.gw.adminUser }, password: desk.gw.adminPassword });
    await bed.send('events', 'out_of_bed');
    await door.send('events', 'door_open');

    const row = page.locator('[data-testid=alert-row][data-type=night_wandering]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-priority')).toBe('1');
    const zh = await row.innerText();
    expect(zh).toContain('夜间外出未归');
    expect(zh).toContain('夜间出门');
    expect(zh).toMatch(/已外出 \d+ 分钟/);
    await page.screenshot({ path: join(SCREENSHOTS, 'night-wandering-zh.png') });

    await page.getByTestId('lang-en').click();
    await expect.poll(() => row.innerText(), WAIT).toContain('Out at night, not back');
    expect(await row.innerText()).toContain('Went out of the door at night');
    const labels = await row.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.typed').forEach((typed) => typed.remove());
      return copy.textContent ?? '';
    });
    expect(labels).not.toMatch(HAN);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when a home’s activity fell for two days, then its panel on the status wall shows the trend, the baseline and the drop, and the tasks board has its wellness check', async () => {
    const { page, errors } = await desk.openDesk();
    await signIn(page, { user: { username: desk.gw.adminUser }, password: desk.gw.adminPassword });
    await page.getByTestId('tab-wall').click();
    await page.getByTestId('wall-search').fill(TREND_ELDER.name);
    const tile = page.getByTestId('wall-tile');
    await expect.poll(() => tile.count(), WAIT).toBe(1);
    await tile.click();

    const trend = page.getByTestId('wall-panel').getByTestId('activity-trend');
    // The last 28 days with today: 27 days known (today has nothing yet).
    await expect.poll(() => trend.getAttribute('data-days'), WAIT).toBe('27');
    expect(await trend.locator('canvas').count()).toBeGreaterThan(0);
    expect(await trend.getByTestId('activity-baseline').innerText()).toBe('平日约 42 次/天');
    expect(await trend.getByTestId('activity-drop').innerText()).toContain(shiftDay(today, -2));
    await page.screenshot({ path: join(SCREENSHOTS, 'activity-trend-zh.png') });

    await page.getByTestId('lang-en').click();
    await expect.poll(() => trend.getByTestId('activity-baseline').innerText(), WAIT).toBe('Usually about 42 a day');
    expect(await trend.innerText()).not.toMatch(HAN);
    await page.screenshot({ path: join(SCREENSHOTS, 'activity-trend-en.png') });

    await page.getByTestId('lang-zh').click();
    await page.getByTestId('tab-tasks').click();
    const check = page.locator('[data-testid=task-row][data-reason=activity_drop]');
    await check.waitFor({ timeout: 10_000 });
    await check.scrollIntoViewIfNeeded();
    expect(await check.innerText()).toContain('日常活动明显减少');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when a flat battery’s visit has its cause cleared by a full battery, then its card says so and one click closes it', async () => {
    const elderId = await registerElder(desk.gw);
    const button = await connectDevice(desk.gw, elderId, 'call_button');
    const { page, errors } = await desk.openDesk();
    await signIn(page, { user: { username: desk.gw.adminUser }, password: desk.gw.adminPassword });
    await page.getByTestId('tab-tasks').click();
    await button.send('status', 'heartbeat', { battery: 7 });
    const card = page.locator(`[data-testid=task-row][data-reason=low_battery]`).filter({ hasText: button.id });
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getByTestId('task-close-cleared-button').count()).toBe(0);

    await button.send('status', 'heartbeat', { battery: 96 });
    await card.getByTestId('task-cause-cleared').waitFor({ timeout: 10_000 });
    await card.scrollIntoViewIfNeeded();
    expect(await card.getByTestId('task-cause-cleared').innerText()).toContain('原因已自行消除');
    await card.getByTestId('task-close-cleared-button').click();
    await expect.poll(async () => (await desk.gw.api.listTasks('done')).filter((t) => t.deviceId === button.id).map((t) => t.outcome), WAIT).toEqual(['not_needed']);
    await expect.poll(() => page.locator('[data-testid=task-column][data-column=open] [data-testid=task-row][data-reason=low_battery]').filter({ hasText: button.id }).count(), WAIT).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
