import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { AlertView, Elder, RegionView } from '../../schemas/index.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, rootRegion, type Person } from '../support/care-network.js';
import { HAN, PHONE, signIn, useDeskBrowser, WAIT, type DeskBrowser } from '../support/desk-browser.js';

// The alarm queue beside its detail pane, in a real Chromium against a real gateway with twenty-odd open alarms: one
// line per alert (at least 15 rows on a 1920×1080 screen with the top bar, the banner and the KPI strip in sight),
// an SOS from a real MQTT.js button selected, acknowledged and dispatched from the pane while the queue re-sorts
// (it stays selected and in view), a note on its timeline, resolved (the pane shows it closed, it does not jump),
// and after a reload "recently closed" has it from the server. In Chinese and in English, and on a phone.

const SLOW = 120_000;

interface Setup {
  community: RegionView;
  operator: Person;
  responder: Person;
  /** The SOS elder: a real button pressed SOS over MQTT. */
  sosElder: Elder;
}

const ok = <T>(reply: Promise<ApiReply>, status = 201) => replyBody<T>(reply, status);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁'];

/** A town, a community, an operator and a responder; 21 elders with a telephone alarm each (P1 to P3) and one with a call button. */
async function provision(desk: DeskBrowser): Promise<Setup> {
  const n = randomUUID().slice(0, 6);
  const api = desk.gw.api;
  const town = await createRegion(desk.gw, '城关镇', 'town', (await rootRegion(desk.gw)).id);
  const community = await createRegion(desk.gw, '幸福社区', 'community', town.id);
  const operator = await createPerson(desk.gw, `op-pane-${n}`, { displayName: '值班员陈静', role: 'operator', regionId: town.id });
  const responder = await createPerson(desk.gw, `resp-pane-${n}`, {
    displayName: '护理员张丽',
    role: 'responder',
    regionId: community.id,
    responderKind: 'care_worker',
    phone: '13800138001',
  });
  const elderOf = (name: string, address: string) =>
    ok<Elder>(
      api.request('POST', '/api/v1/elders', {
        name,
        address,
        regionId: community.id,
        contacts: [{ name: '王建国', relation: '儿子', phone: '13900000001', notify: true }],
        assignedResponderIds: [responder.user.id],
      }),
    );
  const sosElder = await elderOf('欧阳桂兰', '清源县城关镇幸福社区88栋2单元1502（很长的地址用来测试省略号是否正常显示）');
  const device = await ok<{ id: string; secret: string }>(api.request('POST', '/api/v1/devices', { elderId: sosElder.id, kind: 'call_button' }));
  const client = await mqtt.connectAsync(desk.gw.mqttUrl, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0 });
  // the SOS first: the oldest unacknowledged P1 heads the queue, and acknowledging it moves it down
  await client.publishAsync(`devices/${device.id}/events`, JSON.stringify({ msgId: randomUUID(), ts: Date.now(), type: 'sos' }), { qos: 1 });
  for (const [i, surname] of SURNAMES.entries()) {
    const elder = await elderOf(`${surname}秀英`, `清源县城关镇幸福社区${i + 1}栋${(i % 4) + 1}单元${101 + i}`);
    const call = await ok<{ id: string }>(api.request('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', elderId: elder.id, category: 'emergency' }));
    await ok(api.request('POST', `/api/v1/calls/${call.id}/alert`, { priority: i < 4 ? 1 : i < 10 ? 2 : 3, note: '电话求助' }));
  }
  return {
    community,
    operator,
    responder,
    sosElder,
  };
}

/** Rows whose whole box lies inside the window (and inside the queue's own scrolling box). */
function rowsInView(page: Page): Promise<number> {
  return page.evaluate(() => {
    const list = document.querySelector('[data-testid=alert-queue]');
    if (!list) return 0;
    const box = list.getBoundingClientRect();
    return Array.from(list.querySelectorAll('[data-testid=alert-row]')).filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= Math.max(0, box.top) - 1 && r.bottom <= Math.min(window.innerHeight, box.bottom) + 1 && r.height > 0;
    }).length;
  });
}

/** Whether an element's whole box lies inside the window. */
async function inWindow(page: Page, testid: string): Promise<boolean> {
  const box = await page.getByTestId(testid).first().boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

/** The selected row, and whether it lies inside the window and the queue's scrolling box. */
async function selectedRowInView(page: Page, alertId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const list = document.querySelector('[data-testid=alert-queue]');
    const row = list?.querySelector(`[data-testid=alert-row][data-alert-id="${id}"]`);
    if (!list || !row || row.getAttribute('data-selected') !== 'true') return false;
    const box = list.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    return r.top >= Math.max(0, box.top) - 1 && r.bottom <= Math.min(window.innerHeight, box.bottom) + 1;
  }, alertId);
}

describe.skipIf(chromiumMissing())('the queue beside its detail pane', () => {
  const desk = useDeskBrowser({ OFFLINE_GRACE_SECONDS: '3600', DISPATCH_ACCEPT_SECONDS: '86400' });
  let setup: Setup;
  let sosAlert: AlertView;

  beforeAll(async () => {
    setup = await provision(desk);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = (await desk.gw.api.listAlerts('open')).find((a) => a.elder.id === setup.sosElder.id);
      if (found) {
        sosAlert = found;
        break;
      }
      if (Date.now() > deadline) throw new Error('the SOS never reached the gateway');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  test(
    'when twenty-two alarms are open, then at least 15 one-line rows fit the desk screen; the SOS stays selected and in view through acknowledge and dispatch from the pane, takes a note, shows closed after resolve, and is in recently closed after a reload',
    async () => {
      const { page, errors } = await desk.openDesk();
      await signIn(page, setup.operator);
      const rows = page.getByTestId('alert-queue').getByTestId('alert-row');
      await expect.poll(() => rows.count(), WAIT).toBe(22);

      // the top bar, the banner and the KPI strip in sight, and at least 15 whole rows under them
      await page.getByTestId('unack-banner').waitFor();
      expect(await inWindow(page, 'kpi-bar')).toBe(true);
      expect(await inWindow(page, 'unack-banner')).toBe(true);
      expect(await page.locator('.topbar').boundingBox()).toMatchObject({ y: 0 });
      expect(await rowsInView(page)).toBeGreaterThanOrEqual(15);
      const heights = await rows.evaluateAll((list) => list.map((row) => row.getBoundingClientRect().height));
      expect(Math.max(...heights)).toBeLessThanOrEqual(48);

      // the first P1 is preselected; a click picks the SOS
      const pane = page.getByTestId('alert-pane');
      await expect.poll(() => pane.getAttribute('data-alert-id'), WAIT).not.toBe('');
      const sosRow = rows.filter({ hasText: '欧阳桂兰' });
      await sosRow.locator('.qr-who').click();
      await expect.poll(() => pane.getAttribute('data-alert-id'), WAIT).toBe(sosAlert.id);
      expect(await sosRow.getAttribute('data-selected')).toBe('true');
      expect(await pane.getByTestId('pane-elder-name').innerText()).toBe('欧阳桂兰');

      // acknowledged from the pane: the queue re-sorts (the raised P1s come first), the SOS stays selected and in view
      const before = await rows.evaluateAll((list) => list.map((r) => r.getAttribute('data-alert-id')));
      await pane.getByTestId('ack-button').click();
      await expect.poll(() => sosRow.getAttribute('data-status'), WAIT).toBe('acknowledged');
      const after = await rows.evaluateAll((list) => list.map((r) => r.getAttribute('data-alert-id')));
      expect(after.indexOf(sosAlert.id)).toBeGreaterThan(before.indexOf(sosAlert.id));
      await expect.poll(() => selectedRowInView(page, sosAlert.id), WAIT).toBe(true);
      expect(await pane.getAttribute('data-alert-id')).toBe(sosAlert.id);
      expect(await pane.getByTestId('detail-status').innerText()).toBe('已确认');
      // the row's one button is now the next step
      expect(await sosRow.getByTestId('dispatch-button').innerText()).toBe('派单');

      // dispatched from the pane through the picker: still selected and in view
      await pane.getByTestId('dispatch-button').click();
      const picker = page.getByTestId('dispatch-dialog');
      await picker.getByTestId('dispatch-option').first().waitFor();
      await page.getByTestId('dispatch-confirm').click();
      await expect.poll(() => sosRow.getAttribute('data-status'), WAIT).toBe('dispatched');
      await expect.poll(() => selectedRowInView(page, sosAlert.id), WAIT).toBe(true);
      expect(await sosRow.getByTestId('alert-assignee').innerText()).toContain('护理员张丽');
      expect(await pane.getAttribute('data-alert-id')).toBe(sosAlert.id);

      // a note, on the timeline
      await pane.getByTestId('note-input').fill('家属回电：女儿十分钟后到');
      await pane.getByTestId('note-submit').click();
      const noted = pane.locator('[data-testid=timeline-entry][data-action=noted]');
      await expect.poll(() => noted.count(), WAIT).toBe(1);
      expect(await noted.innerText()).toContain('家属回电：女儿十分钟后到');
      expect(await pane.getByTestId('note-input').inputValue()).toBe('');
      await page.screenshot({ path: '/tmp/queue-zh.png' });

      // J/K move the selection; the pane follows
      await page.locator('body').click({ position: { x: 5, y: 1070 } });
      await page.keyboard.press('KeyJ');
      await expect.poll(() => pane.getAttribute('data-alert-id'), WAIT).not.toBe(sosAlert.id);
      await page.keyboard.press('KeyK');
      await expect.poll(() => pane.getAttribute('data-alert-id'), WAIT).toBe(sosAlert.id);

      // resolved: the pane keeps it, closed, with its final state; nothing else is picked silently
      await pane.getByTestId('resolve-button').click();
      await page.getByTestId('resolve-reason').selectOption('handled_on_site');
      await page.getByTestId('resolve-confirm').click();
      await pane.getByTestId('pane-closed').waitFor();
      expect(await pane.getAttribute('data-alert-id')).toBe(sosAlert.id);
      expect(await pane.getByTestId('detail-status').innerText()).toBe('已解决');
      expect(await rows.filter({ hasText: '欧阳桂兰' }).count()).toBe(0);
      expect(await pane.getByTestId('ack-button').count()).toBe(0);

      // a fresh page: "recently closed" reads it from the server
      await page.reload();
      await page.getByTestId('alert-queue').waitFor({ state: 'attached' });
      await expect.poll(() => page.getByTestId('closed-section').getAttribute('data-load'), WAIT).toBe('ok');
      // a first click after a reload enables the sound (its prompt goes away and the page moves up): taken on the margin
      await page.locator('body').click({ position: { x: 5, y: 1075 } });
      await page.getByTestId('closed-toggle').click();
      await expect.poll(() => page.getByTestId('closed-toggle').getAttribute('aria-expanded'), WAIT).toBe('true');
      const closedRow = page.locator(`[data-testid=closed-alert-row][data-alert-id="${sosAlert.id}"]`);
      await closedRow.waitFor();
      expect(await closedRow.getAttribute('data-status')).toBe('resolved');
      await closedRow.click();
      await expect.poll(() => pane.getAttribute('data-alert-id'), WAIT).toBe(sosAlert.id);
      await pane.getByTestId('pane-closed').waitFor();
      await expect.poll(() => pane.locator('[data-testid=timeline-entry][data-action=noted]').count(), WAIT).toBe(1);
      await page.screenshot({ path: '/tmp/queue-closed-zh.png' });
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  test(
    'when the desk is in English, then the rows and the pane speak English and still fit at least 15 rows',
    async () => {
      const { page, errors } = await desk.openDesk();
      await signIn(page, setup.operator);
      await page.getByTestId('lang-switch').getByTestId('lang-en').click();
      const rows = page.getByTestId('alert-queue').getByTestId('alert-row');
      await expect.poll(() => rows.count(), WAIT).toBeGreaterThanOrEqual(21);
      const pane = page.getByTestId('alert-pane');
      await expect.poll(() => pane.getAttribute('data-alert-id'), WAIT).not.toBe('');
      await pane.getByTestId('pane-actions').waitFor();
      await page.screenshot({ path: '/tmp/queue-en.png' });
      expect(await rowsInView(page)).toBeGreaterThanOrEqual(15);
      expect(await pane.getByTestId('ack-button').innerText()).toContain('Acknowledge');
      expect(await pane.getByTestId('note-submit').innerText()).toBe('Add note');
      expect(await page.getByTestId('closed-toggle').innerText()).toContain('Recently closed');
      const labels = await page.locator('.alert-row .status, .alert-row .qr-type .type, .alert-row .qr-action, .pane-actions, .detail-heading, .note-label').allInnerTexts();
      expect(labels.join(' ')).not.toMatch(HAN);
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  test(
    'when the desk is opened on a phone, then rows and the pane stack in one column without sideways scrolling',
    async () => {
      const context = await desk.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      try {
        const page = await context.newPage();
        await page.goto(desk.gw.httpUrl);
        await signIn(page, setup.operator);
        const rows = page.getByTestId('alert-queue').getByTestId('alert-row');
        await expect.poll(() => rows.count(), WAIT).toBeGreaterThanOrEqual(21);
        const pane = page.getByTestId('alert-pane');
        await expect.poll(() => pane.getAttribute('data-alert-id'), WAIT).not.toBe('');
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(wide).toBeLessThanOrEqual(PHONE.width + 1);
        const first = await rows.first().boundingBox();
        const paneBox = await pane.boundingBox();
        expect(first && paneBox && paneBox.y > first.y).toBe(true);
        await page.screenshot({ path: '/tmp/queue-phone.png', fullPage: false });
      } finally {
        await context.close();
      }
    },
    SLOW,
  );
});
