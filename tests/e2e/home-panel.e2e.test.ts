import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import type { AlertView, Elder, RegionView, StatusWall } from '../../schemas/index.js';
import { seedWallHomes } from '../../bench/dashboard/wall-homes.js';
import { wgs84ToGcj02 } from '../../dashboard/src/shared/map-links.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, rootRegion, type Person } from '../support/care-network.js';
import { HAN, SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';

// A home's panel on the status wall and the map links to the home, in a real Chromium against a real gateway: a
// wall of some four hundred homes (seeded into the store, bench/dashboard/wall-homes.ts) plus two elders registered
// over REST, one with a location and one without. The located home has an SOS, an offline smoke detector and a low
// call-button battery at once, from real devices over MQTT: its small tile wears a mark for each, it is found under
// each filter, and its panel lists the open alerts (one click shows it in the queue's pane), the elder's record with
// the map links at its coordinates, and its devices. On the responder's phone (390×844) the dispatched alert has a
// big "navigate" button that unfolds the map apps; an elder without a location gets none.
// Screenshots for the issue go to /tmp (wall-zh.png, home-panel-zh.png, responder-nav.png).

const SEEDED = 400;
const HOME = { lat: 30.611957, lng: 114.302731 };
const SHOTS = '/tmp';

const ok = <T>(reply: Promise<ApiReply>, status = 200) => replyBody<T>(reply, status);

describe.skipIf(chromiumMissing())('home panel and map links', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-home-panel-'));
  // registered before useDeskBrowser's: the store is filled before the gateway starts on it
  beforeAll(async () => {
    await seedWallHomes(dataDir, SEEDED);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  // a dropped device is offline (with its P3 alert) a second later
  const desk = useDeskBrowser({ DATA_DIR: dataDir, OFFLINE_GRACE_SECONDS: '1', DEADLINE_TICK_MS: '100' });

  let community: RegionView;
  let operator: Person;
  let responder: Person;
  let located: Elder;
  let unlocated: Elder;

  beforeAll(async () => {
    const n = randomUUID().slice(0, 6);
    const county = await rootRegion(desk.gw);
    const town = await createRegion(desk.gw, '东关街道', 'town', county.id);
    community = await createRegion(desk.gw, '幸福社区', 'community', town.id);
    operator = await createPerson(desk.gw, `op-${n}`, { displayName: '值班员陈静', role: 'operator', regionId: county.id });
    responder = await createPerson(desk.gw, `care-${n}`, { displayName: '护理员李秀梅', role: 'responder', regionId: community.id, responderKind: 'care_worker', phone: '13907310101' });
    const record = {
      regionId: community.id,
      phone: '13812345678',
      riskCategory: 'alone',
      contacts: [{ name: '周建华', relation: '儿子', phone: '13900000011', notify: true }],
      medicalNotes: '高血压，每日服药',
      accessNotes: '门口密码钥匙盒，密码由网格员保管',
      assignedResponderIds: [responder.user.id],
    };
    located = await ok<Elder>(desk.gw.api.request('POST', '/api/v1/elders', { name: '周桂兰', address: '东关街道幸福社区8栋302', location: HOME, ...record }), 201);
    unlocated = await ok<Elder>(desk.gw.api.request('POST', '/api/v1/elders', { name: '吴德明', address: '东关街道幸福社区3栋101', ...record }), 201);
  }, 30_000);

  /** A device of the elder registered over REST and connected with its secret and a last will, as a real one. */
  async function device(elderId: string, kind: 'call_button' | 'smoke_detector', room: string): Promise<{ id: string; client: MqttClient }> {
    const { id, secret } = await ok<{ id: string; secret: string }>(desk.gw.api.request('POST', '/api/v1/devices', { elderId, kind, room }), 201);
    const client = await mqtt.connectAsync(desk.gw.mqttUrl, {
      clientId: id,
      username: id,
      password: secret,
      reconnectPeriod: 0,
      will: { topic: `devices/${id}/status`, payload: Buffer.from(JSON.stringify({ msgId: `will-${randomUUID()}`, ts: Date.now(), type: 'offline' })), qos: 1, retain: false },
    });
    onTestFinished(() => client.endAsync(true));
    return { id, client };
  }

  const publish = (d: { id: string; client: MqttClient }, channel: 'status' | 'events', body: Record<string, unknown>) =>
    d.client.publishAsync(`devices/${d.id}/${channel}`, JSON.stringify({ msgId: randomUUID(), ts: Date.now(), ...body }), { qos: 1 });

  const openAlertsOf = async (elderId: string) => (await operator.api.request<{ items: AlertView[] }>('GET', `/api/v1/alerts?status=open&elderId=${elderId}`)).body.items;

  /** SOS on the call button, its battery low, the smoke detector dropped: the three states at once. Returns the SOS. */
  async function threeStates(elderId: string): Promise<AlertView> {
    const button = await device(elderId, 'call_button', '卧室');
    const smoke = await device(elderId, 'smoke_detector', '厨房');
    await publish(button, 'status', { type: 'heartbeat', battery: 7 });
    await publish(smoke, 'status', { type: 'heartbeat', battery: 90 });
    smoke.client.stream.destroy();
    await publish(button, 'events', { type: 'sos' });
    const wallOf = async () => (await operator.api.request<StatusWall>('GET', '/api/v1/status-wall')).body.homes.find((h) => h.elderId === elderId);
    await expect.poll(async () => (await wallOf())?.states, { ...WAIT, timeout: 15_000 }).toEqual(['openAlert', 'offline', 'lowBattery']);
    const sos = (await openAlertsOf(elderId)).find((a) => a.type === 'sos');
    if (!sos) throw new Error('the SOS never became an alert');
    return sos;
  }

  async function openWall(): Promise<{ page: Page; errors: Error[] }> {
    const opened = await desk.openDesk();
    // the machine running the suites may be busy: a page slow to answer is not what this suite tests
    opened.page.setDefaultTimeout(30_000);
    await signIn(opened.page, { user: operator.user, password: operator.password });
    await opened.page.getByTestId('tab-wall').click();
    await expect.poll(async () => Number(await opened.page.getByTestId('wall-count-homes').getAttribute('data-count')), { ...WAIT, timeout: 20_000 }).toBe(SEEDED + 2);
    return opened;
  }

  /** Tiles wholly inside the window: what the operator sees without scrolling. */
  const tilesInView = (page: Page) =>
    page.getByTestId('wall-tile').evaluateAll((tiles) =>
      tiles.filter((tile) => {
        const box = tile.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight && box.width > 0;
      }).length,
    );

  test('when a home has an open alert, an offline device and a low battery, then its small tile marks all three, each filter finds it, and its panel lists alerts, record with map links and devices', async () => {
    const sos = await threeStates(located.id);
    const { page, errors } = await openWall();

    // dense: a screenful of tiles at 1920×1080 below the banner, KPI strip and tabs (11-rem tiles showed about 28)
    const inView = await tilesInView(page);
    expect(inView).toBeGreaterThanOrEqual(50);
    await page.screenshot({ path: join(SHOTS, 'wall-zh.png') });

    // the three states, as the tile's data and as marks, and under each filter
    await page.getByTestId('wall-search').fill('周桂兰');
    const tile = page.getByTestId('wall-tile');
    await expect.poll(() => tile.count(), WAIT).toBe(1);
    await expect.poll(() => tile.getAttribute('data-states'), WAIT).toBe('openAlert offline lowBattery');
    expect(await tile.getByTestId('wall-tile-also').locator('[data-state]').evaluateAll((els) => els.map((el) => el.getAttribute('data-state')))).toEqual(['offline', 'lowBattery']);
    for (const state of ['openAlert', 'offline', 'lowBattery'] as const) {
      await page.getByTestId(`wall-count-${state}`).click();
      await expect.poll(() => page.getByTestId('wall-tile').evaluateAll((els) => els.map((el) => el.getAttribute('data-elder-id'))), WAIT).toEqual([located.id]);
    }
    await page.getByTestId('wall-count-online').click();
    await expect.poll(() => page.getByTestId('wall-tile').count(), WAIT).toBe(0);
    await page.getByTestId('wall-count-homes').click();
    // the counts agree with the gateway's (and so with its open alerts)
    const apiCounts = (await operator.api.request<StatusWall>('GET', '/api/v1/status-wall')).body.counts;
    for (const key of ['homes', 'openAlert', 'offline', 'lowBattery', 'online', 'noData'] as const) {
      expect(Number(await page.getByTestId(`wall-count-${key}`).getAttribute('data-count')), key).toBe(apiCounts[key]);
    }

    // the panel: states, every open alert of the home, the record with the map links, the devices
    await tile.click();
    const panel = page.getByTestId('wall-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-elder-id')).toBe(located.id);
    expect(await panel.getByTestId('wall-panel-states').getAttribute('data-states')).toBe('openAlert offline lowBattery');
    const open = await openAlertsOf(located.id);
    expect(open.map((a) => a.type).sort()).toEqual(['device_offline', 'low_battery', 'sos']);
    await expect.poll(() => panel.getByTestId('home-alert').evaluateAll((els) => els.map((el) => el.getAttribute('data-alert-id'))), WAIT).toEqual(
      expect.arrayContaining(open.map((a) => a.id)),
    );
    // most urgent first, as the queue
    expect(await panel.getByTestId('home-alert').first().getAttribute('data-alert-id')).toBe(sos.id);
    expect(await panel.getByTestId('home-alert').count()).toBe(3);

    const record = panel.getByTestId('home-record');
    await record.getByTestId('elder-record').waitFor();
    expect(await record.getByTestId('elder-access').innerText()).toContain('门口密码钥匙盒');
    expect(await record.getByTestId('contact-call').getAttribute('href')).toBe('tel:13900000011');
    const links = record.getByTestId('map-links');
    expect([Number(await links.getAttribute('data-lat')), Number(await links.getAttribute('data-lng'))]).toEqual([HOME.lat, HOME.lng]);
    const gcj = wgs84ToGcj02(HOME);
    const href = async (app: string) => (await links.locator(`[data-app="${app}"]`).getAttribute('href')) ?? '';
    expect(new URL(await href('amap')).searchParams.get('position')).toBe(`${gcj.lng.toFixed(6)},${gcj.lat.toFixed(6)}`);
    expect(new URL(await href('baidu')).searchParams.get('location')).toBe(`${gcj.lat.toFixed(6)},${gcj.lng.toFixed(6)}`);
    expect(new URL(await href('tencent')).searchParams.get('marker')).toContain(`coord:${gcj.lat.toFixed(6)},${gcj.lng.toFixed(6)};title:周桂兰`);
    expect(await href('geo')).toMatch(/^geo:30\.611957,114\.302731\?q=30\.611957,114\.302731\(/);

    const devices = panel.getByTestId('home-devices').getByTestId('wall-device');
    await expect.poll(() => devices.evaluateAll((els) => els.map((el) => el.getAttribute('data-state')).sort()), WAIT).toEqual(['lowBattery', 'offline']);
    await page.screenshot({ path: join(SHOTS, 'home-panel-zh.png') });

    // English: the panel's labels in English (names, addresses and notes are data)
    await page.getByTestId('lang-en').click();
    await expect.poll(() => panel.getByTestId('home-alerts').innerText(), WAIT).toContain('Open alerts');
    const labels = await panel.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.typed').forEach((typed) => typed.remove());
      return copy.textContent ?? '';
    });
    expect(labels).not.toMatch(HAN);
    await page.getByTestId('lang-zh').click();

    // an alert of the panel shows in the queue's pane, selected
    await panel.locator(`[data-testid="home-alert"][data-alert-id="${sos.id}"]`).click();
    await expect.poll(() => page.evaluate(() => location.hash), WAIT).toBe('#queue');
    await expect.poll(() => page.getByTestId('alert-pane').getAttribute('data-alert-id'), WAIT).toBe(sos.id);
    await page.screenshot({ path: join(SCREENSHOTS, 'home-alert-in-queue-zh.png') });
    expect(errors).toEqual([]);
  }, 90_000);

  test('when an elder has no location, then the panel shows the record without map links', async () => {
    const { page, errors } = await openWall();
    await page.getByTestId('wall-search').fill('吴德明');
    await expect.poll(() => page.getByTestId('wall-tile').count(), WAIT).toBe(1);
    await page.getByTestId('wall-tile').click();
    const record = page.getByTestId('wall-panel').getByTestId('home-record');
    await record.getByTestId('elder-access').waitFor();
    expect(await page.getByTestId('wall-panel').getAttribute('data-elder-id')).toBe(unlocated.id);
    expect(await record.getByTestId('map-links').count()).toBe(0);
    expect(await record.getByTestId('elder-location').count()).toBe(0);
    expect(await page.getByTestId('home-alerts').getAttribute('data-count')).toBe('0');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when an alert of a located home is dispatched to the responder, then the phone offers a big navigate button with the map apps at the home; none for a home without a location', async () => {
    const button = await device(located.id, 'call_button', '客厅');
    const other = await device(unlocated.id, 'call_button', '卧室');
    await publish(button, 'events', { type: 'sos' });
    await publish(other, 'events', { type: 'sos' });
    await expect.poll(async () => (await openAlertsOf(unlocated.id)).some((a) => a.type === 'sos'), WAIT).toBe(true);
    const sos = (await openAlertsOf(located.id)).find((a) => a.type === 'sos')!;
    const otherSos = (await openAlertsOf(unlocated.id)).find((a) => a.type === 'sos')!;
    for (const alert of [sos, otherSos]) {
      const sent = await operator.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: responder.user.id });
      if (sent.status !== 200) throw new Error(`dispatch: ${sent.status} ${JSON.stringify(sent.body)}`);
    }

    const { page, errors } = await desk.openPhone(responder);
    page.setDefaultTimeout(30_000);
    const card = page.getByTestId('responder-alert').filter({ hasText: '周桂兰' });
    await card.waitFor();
    const nav = card.getByTestId('r-nav-button');
    await nav.waitFor();
    expect(await nav.innerText()).toContain('导航到老人家');
    // a thumb-sized button, right under the next step
    expect((await nav.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await card.getByTestId('r-accept').click();
    await expect.poll(() => card.getAttribute('data-stage'), WAIT).toBe('accepted');
    await nav.click();
    const links = card.getByTestId('r-nav').getByTestId('map-link');
    await expect.poll(() => links.evaluateAll((els) => els.map((el) => el.getAttribute('data-app'))), WAIT).toEqual(['amap', 'baidu', 'tencent', 'geo']);
    const gcj = wgs84ToGcj02(HOME);
    const amap = new URL((await links.first().getAttribute('href')) ?? '');
    expect(amap.searchParams.get('position')).toBe(`${gcj.lng.toFixed(6)},${gcj.lat.toFixed(6)}`);
    expect(amap.searchParams.get('name')).toBe('周桂兰 东关街道幸福社区8栋302');
    expect(await links.last().getAttribute('href')).toMatch(/^geo:30\.611957,114\.302731\?/);
    for (const link of await links.all()) expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // the record lower down does not repeat the links
    expect(await card.getByTestId('elder-record').getByTestId('map-links').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await card.scrollIntoViewIfNeeded();
    await card.getByTestId('r-nav').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(SHOTS, 'responder-nav.png') });

    const otherCard = page.getByTestId('responder-alert').filter({ hasText: '吴德明' });
    await otherCard.getByTestId('elder-access').waitFor();
    expect(await otherCard.getByTestId('r-nav').count()).toBe(0);
    expect(await otherCard.getByTestId('map-links').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
