import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import type { StatusWall } from '../../schemas/index.js';
import { seedWallHomes, type SeededHome, type SeededState, type SeededWall } from '../../bench/dashboard/wall-homes.js';
import { chromiumMissing } from '../support/browser.js';
import { HAN, SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';

// The status wall against a real gateway holding 20,000 homes (written into its store before it starts, see
// bench/dashboard/wall-homes.ts): the counts match the data, only the rows in view are in the DOM, the search finds
// one elder among them, and devices speaking real MQTT change the tiles and counts live.

const HOMES = 20_000;

describe.skipIf(chromiumMissing())('status wall', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-wall-'));
  let seeded: SeededWall;
  // registered before useDeskBrowser's: the store is filled before the gateway starts on it
  beforeAll(async () => {
    seeded = await seedWallHomes(dataDir, HOMES);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  // A short grace: a dropped device is offline (with its P3 alert) one second later, not 90 s (issue 28, item 7).
  const desk = useDeskBrowser({ DATA_DIR: dataDir, OFFLINE_GRACE_SECONDS: '1', DEADLINE_TICK_MS: '100' });

  async function openWall(): Promise<{ page: Page; errors: Error[] }> {
    const opened = await desk.openDesk();
    await signIn(opened.page, { user: { username: desk.gw.adminUser }, password: desk.gw.adminPassword });
    await opened.page.getByTestId('tab-wall').click();
    await expect.poll(() => count(opened.page, 'homes'), { ...WAIT, timeout: 20_000 }).toBe(HOMES);
    return opened;
  }

  const count = async (page: Page, key: SeededState | 'homes' | 'openAlert') =>
    Number(await page.getByTestId(`wall-count-${key}`).getAttribute('data-count'));

  async function counts(page: Page): Promise<Record<SeededState | 'homes' | 'openAlert', number>> {
    const keys = ['homes', 'openAlert', 'offline', 'lowBattery', 'online', 'noData'] as const;
    return Object.fromEntries(await Promise.all(keys.map(async (key) => [key, await count(page, key)]))) as Record<(typeof keys)[number], number>;
  }

  /** The tile of one home, found with the search box (the wall holds only the rows in view). */
  async function tileOf(page: Page, home: SeededHome) {
    await page.getByTestId('wall-search').fill(home.name);
    const tiles = page.getByTestId('wall-tile');
    await expect.poll(() => tiles.count(), WAIT).toBe(1);
    return tiles.first();
  }

  /** A seeded device on the broker with its real secret, and a last will as a real device has. */
  async function connect(deviceId: string): Promise<MqttClient> {
    const client = await mqtt.connectAsync(desk.gw.mqttUrl, {
      clientId: deviceId,
      username: deviceId,
      password: seeded.secretOf(deviceId),
      reconnectPeriod: 0,
      will: { topic: `devices/${deviceId}/status`, payload: Buffer.from(JSON.stringify({ msgId: `will-${randomUUID()}`, ts: Date.now(), type: 'offline' })), qos: 1, retain: false },
    });
    onTestFinished(() => client.endAsync(true));
    return client;
  }

  const heartbeat = (client: MqttClient, deviceId: string, battery: number) =>
    client.publishAsync(`devices/${deviceId}/status`, JSON.stringify({ msgId: randomUUID(), ts: Date.now(), type: 'heartbeat', battery }), { qos: 1 });

  const homeIn = (state: SeededState, nth = 0): SeededHome => seeded.homes.filter((h) => h.state === state)[nth]!;

  test('when the wall opens on 20,000 homes, then its counts match the data and only the rows in view are in the DOM', async () => {
    const { page, errors } = await openWall();
    expect(await counts(page)).toEqual({ ...seeded.counts, openAlert: 0 });
    const tiles = await page.getByTestId('wall-tile').count();
    expect(tiles).toBeGreaterThan(0);
    expect(tiles).toBeLessThan(500);
    // dense: tiles wholly in the 1920×1080 window, below the KPI strip and the tabs (the 11-rem tiles showed about 28)
    const inView = await page.getByTestId('wall-tile').evaluateAll(
      (els) => els.filter((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= window.innerHeight).length,
    );
    expect(inView).toBeGreaterThanOrEqual(60);
    expect(await page.getByTestId('wall-group').count()).toBeGreaterThan(0);
    // tiles carry their state as data and as words, not as colour alone
    const first = page.getByTestId('wall-tile').first();
    expect(await first.getAttribute('data-state')).toMatch(/^(openAlert|offline|lowBattery|online|noData)$/);
    expect((await first.locator('.wall-tile-problem').textContent())?.trim()).not.toBe('');

    // scrolling far down draws other homes, still only a screenful of them
    const firstElder = await first.getAttribute('data-elder-id');
    await page.getByTestId('wall-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
    await expect.poll(async () => page.getByTestId('wall-tile').first().getAttribute('data-elder-id'), WAIT).not.toBe(firstElder);
    expect(await page.getByTestId('wall-tile').count()).toBeLessThan(500);
    await page.screenshot({ path: join(SCREENSHOTS, 'status-wall-zh.png') });
    expect(await page.evaluate(() => performance.getEntriesByName('wall:first-render').length)).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the operator searches or picks a state, then the wall shows just those homes, and a tile opens its devices', async () => {
    const { page, errors } = await openWall();
    const wanted = homeIn('online', 4321);
    const tile = await tileOf(page, wanted);
    expect(await tile.getAttribute('data-elder-id')).toBe(wanted.elderId);
    // by device id as well
    await page.getByTestId('wall-search').fill(wanted.deviceIds[0]!);
    await expect.poll(() => page.getByTestId('wall-tile').getAttribute('data-elder-id'), WAIT).toBe(wanted.elderId);

    await page.getByTestId('wall-tile').click();
    const panel = page.getByTestId('wall-panel');
    await expect.poll(() => panel.textContent(), WAIT).toContain(wanted.deviceIds[0]!);
    expect(await panel.getByTestId('wall-device').first().getAttribute('data-state')).toBe('online');
    await page.getByTestId('wall-panel-close').click();
    await panel.waitFor({ state: 'detached' });

    await page.getByTestId('wall-search').fill('');
    await page.getByTestId('wall-count-offline').click();
    expect(await page.getByTestId('wall-count-offline').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => new Set(await page.getByTestId('wall-tile').evaluateAll((els) => els.map((el) => el.getAttribute('data-state')))), WAIT).toEqual(
      new Set(['offline']),
    );
    await page.getByTestId('wall-count-homes').click();

    // English: every label of the wall in English (names and addresses are data)
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('wall-count-online').textContent(), WAIT).toContain('Online');
    const labels = await page.getByTestId('status-wall').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.typed').forEach((typed) => typed.remove());
      return copy.textContent + ' ' + (copy.querySelector('input')?.getAttribute('placeholder') ?? '');
    });
    expect(labels).not.toMatch(HAN);
    await page.screenshot({ path: join(SCREENSHOTS, 'status-wall-en.png') });
    expect(errors).toEqual([]);
  }, 60_000);

  test('when devices go offline, come online or report a low battery over MQTT, then their tiles and the counts change live', async () => {
    const { page, errors } = await openWall();
    const before = await counts(page);
    const goesOffline = homeIn('online', 10);
    const comesOnline = homeIn('noData', 3);
    const runsLow = homeIn('online', 20);
    const [offlineId, onlineId, lowId] = [goesOffline.deviceIds[0]!, comesOnline.deviceIds[0]!, runsLow.deviceIds[0]!];

    const dropping = await connect(offlineId);
    const first = await connect(onlineId);
    await heartbeat(first, onlineId, 90);
    const low = await connect(lowId);
    await heartbeat(low, lowId, 8);
    // the connection dies without DISCONNECT: the broker publishes the last will; after the grace the device is
    // offline with a P3 device_offline alert, which (like a battery under the elder's limit) is drawn first; the home
    // is still counted offline (or low battery) as well (issue 20: it used to drop out of that count)
    dropping.stream.destroy();

    await expect.poll(() => counts(page), { ...WAIT, timeout: 15_000 }).toEqual({
      ...before,
      online: before.online - 2 + 1,
      noData: before.noData - 1,
      openAlert: before.openAlert + 2,
      offline: before.offline + 1,
      lowBattery: before.lowBattery + 1,
    });
    const offlineTile = await tileOf(page, goesOffline);
    expect(await offlineTile.getAttribute('data-state')).toBe('openAlert');
    expect(await offlineTile.textContent()).toContain('设备离线');
    expect(await (await tileOf(page, comesOnline)).getAttribute('data-state')).toBe('online');
    const lowTile = await tileOf(page, runsLow);
    await expect.poll(() => lowTile.getAttribute('data-state'), WAIT).toBe('openAlert');
    expect(await lowTile.textContent()).toContain('电量低');

    // a tile with an open alert opens the home's panel with that alert; a click on it shows it in the queue's pane
    await lowTile.click();
    const lowAlert = page.getByTestId('wall-panel').getByTestId('home-alert');
    await expect.poll(() => lowAlert.count(), WAIT).toBe(1);
    expect(await lowAlert.innerText()).toContain('电量低');
    const alertId = await lowAlert.getAttribute('data-alert-id');
    await lowAlert.click();
    await expect.poll(() => page.getByTestId('alert-pane').getAttribute('data-alert-id'), WAIT).toBe(alertId);
    expect(await page.getByTestId('alert-pane').textContent()).toContain(runsLow.name);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when one home has an open alert, an offline device and a low battery at once, then it counts in all three, shows in each filter and wears a mark for each', async () => {
    const { page, errors } = await openWall();
    const before = await counts(page);
    // an online home with two devices (a call button and a smoke detector)
    const home = seeded.homes.filter((h) => h.state === 'online' && h.deviceIds.length >= 2)[7]!;
    const [lowId, dropId] = [home.deviceIds[0]!, home.deviceIds[1]!];
    const low = await connect(lowId);
    await heartbeat(low, lowId, 7);
    const dropping = await connect(dropId);
    await heartbeat(dropping, dropId, 90);
    dropping.stream.destroy();

    // one home: one more in each of the three, one fewer online; homes unchanged (the states overlap)
    await expect.poll(() => counts(page), { ...WAIT, timeout: 15_000 }).toEqual({
      ...before,
      online: before.online - 1,
      openAlert: before.openAlert + 1,
      offline: before.offline + 1,
      lowBattery: before.lowBattery + 1,
    });
    // the counts agree with the data: the API's, and the open alerts'
    const apiWall = async () => (await desk.gw.api.request<StatusWall>('GET', '/api/v1/status-wall')).body;
    expect((await apiWall()).homes.find((h) => h.elderId === home.elderId)?.states).toEqual(['openAlert', 'offline', 'lowBattery']);
    // polled: a device of an earlier test may still be going offline
    await expect.poll(async () => JSON.stringify(await counts(page)) === JSON.stringify((await apiWall()).counts), WAIT).toBe(true);

    const tile = await tileOf(page, home);
    await expect.poll(() => tile.getAttribute('data-states'), WAIT).toBe('openAlert offline lowBattery');
    expect(await tile.getAttribute('data-state')).toBe('openAlert');
    const marks = tile.getByTestId('wall-tile-also');
    expect(await marks.locator('[data-state]').evaluateAll((els) => els.map((el) => el.getAttribute('data-state')))).toEqual(['offline', 'lowBattery']);
    expect(await marks.getAttribute('aria-label')).toBe('同时：离线、电量低');

    // each of the three filters shows the home (the search narrows the wall to it)
    for (const state of ['openAlert', 'offline', 'lowBattery'] as const) {
      await page.getByTestId(`wall-count-${state}`).click();
      await expect.poll(() => page.getByTestId('wall-tile').evaluateAll((els) => els.map((el) => el.getAttribute('data-elder-id'))), WAIT).toEqual([home.elderId]);
    }
    await page.getByTestId('wall-count-online').click();
    await expect.poll(() => page.getByTestId('wall-tile').count(), WAIT).toBe(0);
    await page.getByTestId('wall-count-homes').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'status-wall-three-states-zh.png') });

    await page.getByTestId('lang-en').click();
    await expect.poll(() => marks.getAttribute('aria-label'), WAIT).toBe('Also: Offline, Low battery');
    expect(errors).toEqual([]);
  }, 60_000);
});
