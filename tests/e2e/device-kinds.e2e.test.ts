import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import type { AlertView, DeviceKind, DeviceView, TaskView } from '../../schemas/index.js';
import { chromiumMissing } from '../support/browser.js';
import { HAN, SCREENSHOTS, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { openRecentlyClosed } from '../support/desk-queue.js';
import { interceptLiveLink } from '../support/live-link.js';

// The duty desk with every device kind: devices registered through the REST API publish over a real MQTT.js
// connection, the page shows the alert rows (label, room, test badge) and the task list, in zh-CN and English.

const PHONE = { width: 390, height: 844 };

interface Device {
  id: string;
  /** Publishes {msgId, ts, type, ...fields} at QoS 1 and resolves after the PUBACK. */
  send(channel: 'events' | 'status', type: string, fields?: Record<string, unknown>): Promise<void>;
}

describe.skipIf(chromiumMissing())('duty desk page with every device kind', () => {
  // Devices closed at the end of a test must not turn into device_offline rows in a later test's screen.
  const desk = useDeskBrowser({ OFFLINE_GRACE_SECONDS: '3600' });

  /** The desk (see useDeskBrowser), logged in as the admin, with the alarm queue on screen (the default view). */
  async function openDesk(beforeGoto?: (page: Page) => Promise<unknown>): Promise<{ page: Page; errors: Error[] }> {
    const { page, errors } = await desk.openDesk(beforeGoto);
    await page.getByTestId('login-username').fill(desk.gw.adminUser);
    await page.getByTestId('login-password').fill(desk.gw.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-form').waitFor({ state: 'hidden' });
    await page.getByTestId('alert-queue').waitFor({ state: 'attached' });
    return { page, errors };
  }

  /**
   * An elder registered through the REST API. After the test its open alerts are resolved and its open tasks done,
   * so the next test's banner and lists are its own.
   */
  async function home(name: string, address: string) {
    const elder = await desk.gw.api.createElder({ name, address });
    const deviceIds = new Set<string>();
    const clients: mqtt.MqttClient[] = [];
    onTestFinished(async () => {
      for (const client of clients) await client.endAsync(true);
      for (const alert of await desk.gw.api.listAlerts('open')) {
        if (alert.deviceId !== null && deviceIds.has(alert.deviceId)) await desk.gw.api.resolve(alert.id, 'test cleanup');
      }
      for (const task of await openTasks()) {
        if (task.elder.id === elder.id) await desk.gw.api.request('POST', `/api/v1/tasks/${task.id}/complete`, { outcome: 'not_needed' });
      }
    });

    return {
      elder,
      /** POST /api/v1/devices, optionally test mode (PUT /devices/:id/test-mode), then an MQTT.js connection as the device. */
      async device(kind: DeviceKind, options: { room?: string; testMinutes?: number } = {}): Promise<Device> {
        const body = { elderId: elder.id, kind, ...(options.room ? { room: options.room } : {}) };
        const created = await desk.gw.api.request<DeviceView & { secret: string }>('POST', '/api/v1/devices', body);
        expect(created.status).toBe(201);
        const { id, secret } = created.body;
        deviceIds.add(id);
        if (options.testMinutes !== undefined) {
          const reply = await desk.gw.api.request<DeviceView>('PUT', `/api/v1/devices/${id}/test-mode`, { minutes: options.testMinutes });
          expect(reply.status).toBe(200);
          expect(reply.body.testModeUntil).not.toBeNull();
        }
        const client = await mqtt.connectAsync(desk.gw.mqttUrl, { clientId: id, username: id, password: secret, reconnectPeriod: 0 });
        clients.push(client);
        return {
          id,
          async send(channel, type, fields = {}) {
            const message = { msgId: randomUUID(), ts: Date.now(), type, ...fields };
            await client.publishAsync(`devices/${id}/${channel}`, JSON.stringify(message), { qos: 1 });
          },
        };
      },
    };
  }

  async function openTasks(): Promise<TaskView[]> {
    const reply = await desk.gw.api.request<{ items: TaskView[] }>('GET', '/api/v1/tasks?status=open');
    expect(reply.status).toBe(200);
    return reply.body.items;
  }

  function alertRow(page: Page, name: string, type: AlertView['type']) {
    return page.getByTestId('alert-queue').locator(`[data-testid=alert-row][data-type=${type}]`).filter({ hasText: name });
  }

  function taskRow(page: Page, name: string) {
    return page.getByTestId('task-list').getByTestId('task-row').filter({ hasText: name });
  }

  /** True when, in every task row, each part starts below the previous one ends (no part drawn over another). */
  function taskRowsStack(page: Page): Promise<boolean> {
    return page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid=task-row]')).every((row) => {
        const boxes = Array.from(row.children).map((child) => child.getBoundingClientRect());
        return boxes.every((box, i) => i === 0 || box.top >= boxes[i - 1]!.bottom - 1);
      }),
    );
  }

  /** What is on screen minus the data people typed (names, addresses, rooms) and the switch's "中文". */
  async function visibleLabels(page: Page, typed: string[]): Promise<string> {
    // .typed: every piece of data drawn by Typed (the side pane's calling order and record too)
    const data = await page.locator('.elder-name, .elder-address, .note, .typed').allInnerTexts();
    let visible = await page.locator('body').innerText();
    for (const text of [...data, ...typed, '中文']) visible = visible.split(text).join('');
    return visible;
  }

  test('when a smoke detector in the kitchen alarms, then a P1 smoke row with the room appears in zh-CN, and in English after switching', async () => {
    const name = '孙丽华';
    const { page, errors } = await openDesk();
    const detector = await (await home(name, '城关镇南关社区9号楼102')).device('smoke_detector', { room: '厨房' });
    await detector.send('events', 'smoke');

    const row = alertRow(page, name, 'smoke');
    await row.waitFor();
    expect(await row.getAttribute('data-priority')).toBe('1');
    expect(await row.getAttribute('data-status')).toBe('raised');
    expect(await row.getAttribute('data-test')).toBe('false');
    expect(await row.getByTestId('test-badge').count()).toBe(0);
    const rowText = await row.innerText();
    for (const part of ['P1', '烟雾报警', '未确认']) expect(rowText).toContain(part);
    expect(await row.locator('.priority').getAttribute('title')).toBe('P1 生命安全');
    // the one-line row leaves the device to the side pane, which shows the queue's top alert
    await expect.poll(() => page.getByTestId('alert-pane').innerText(), WAIT).toContain(detector.id);
    expect(await row.getByTestId('alert-context').innerText()).toBe('房间 厨房');
    await page.getByTestId('unack-banner').waitFor();

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => row.innerText(), WAIT).toContain('Smoke alarm');
    expect(await row.locator('.priority').getAttribute('title')).toBe('P1 life-safety');
    expect(await row.getByTestId('alert-context').innerText()).toBe('Room 厨房');
    expect(await visibleLabels(page, ['厨房'])).not.toMatch(HAN);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when a call button reports battery 10, then a P3 low-battery row and a maintenance task appear, and Done removes the task', async () => {
    const name = '刘玉梅';
    const { page, errors } = await openDesk();
    const household = await home(name, '城关镇北街社区5栋3单元401');
    const button = await household.device('call_button');
    await button.send('status', 'heartbeat', { battery: 10 });

    const row = alertRow(page, name, 'low_battery');
    await row.waitFor();
    expect(await row.getAttribute('data-priority')).toBe('3');
    const rowText = await row.innerText();
    for (const part of ['P3', '电量低']) expect(rowText).toContain(part);
    expect(await row.locator('.priority').getAttribute('title')).toBe('P3 技术');
    await row.locator('.qr-who').click();
    await expect.poll(() => page.getByTestId('alert-pane').innerText(), WAIT).toContain(button.id);
    expect(await row.getByTestId('alert-context').innerText()).toBe('电量 10%');
    // P3 is technical: no alarm
    expect(await page.getByTestId('unack-banner').isVisible()).toBe(false);

    await page.getByTestId('tab-tasks').click();
    const task = taskRow(page, name);
    await task.waitFor();
    expect(await task.getAttribute('data-kind')).toBe('maintenance');
    expect(await task.getAttribute('data-reason')).toBe('low_battery');
    const taskId = await task.getAttribute('data-task-id');
    const taskText = await task.innerText();
    for (const part of ['设备维护上门', '电量低，需更换电池', button.id, '完成']) expect(taskText).toContain(part);

    await task.getByTestId('task-done-button').click();
    await page.getByTestId('task-outcome').selectOption('fixed');
    await page.getByTestId('task-complete-confirm').click();
    await task.waitFor({ state: 'detached' });
    const done = await desk.gw.api.request<TaskView>('GET', `/api/v1/tasks/${taskId}`);
    expect(done.body.status).toBe('done');
    expect(done.body.completedBy).toContain(desk.gw.adminUser);
    // the alert is the device's state, not the visit: it stays until the battery is changed
    await page.getByTestId('tab-queue').click();
    expect(await row.isVisible()).toBe(true);
    expect(await page.getByTestId('action-message').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the battery is changed, then the gateway clears the low-battery alert and the desk lists it as closed with its time', async () => {
    const name = '吴秀兰';
    const { page, errors } = await openDesk();
    const button = await (await home(name, '城关镇中心街社区11号')).device('call_button');
    await button.send('status', 'heartbeat', { battery: 8 });
    const row = alertRow(page, name, 'low_battery');
    await row.waitFor();
    const alertId = await row.getAttribute('data-alert-id');

    await button.send('status', 'heartbeat', { battery: 95 });
    await row.waitFor({ state: 'detached' });
    await openRecentlyClosed(page);
    const closed = page.getByTestId('closed-alert-row').filter({ hasText: name });
    await closed.waitFor();
    expect(await closed.getAttribute('data-alert-id')).toBe(alertId);
    expect(await closed.getAttribute('data-status')).toBe('cleared');
    expect(await closed.innerText()).toContain('已自动解除');
    const cleared = (await desk.gw.api.getAlert(alertId!)).clearedAt!;
    const shown = await page.evaluate((iso) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }), cleared);
    expect(await closed.locator('.clock').innerText()).toBe(shown);

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => closed.innerText(), WAIT).toContain('Cleared by the gateway');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when another operator finished the task first, then Done explains the conflict and the live event removes the row', async () => {
    const name = '黄桂芝';
    let live!: Awaited<ReturnType<typeof interceptLiveLink>>;
    const { page, errors } = await openDesk(async (p) => {
      live = await interceptLiveLink(p);
    });
    const button = await (await home(name, '城关镇东街社区2号院')).device('call_button');
    await button.send('status', 'heartbeat', { battery: 5 });
    await page.getByTestId('tab-tasks').click();
    const task = taskRow(page, name);
    await task.waitFor();
    const taskId = await task.getAttribute('data-task-id');

    live.hold();
    const other = await desk.gw.api.request('POST', `/api/v1/tasks/${taskId}/complete`, { outcome: 'fixed', note: '另一位值班员已安排' });
    expect(other.status).toBe(200);
    await task.getByTestId('task-done-button').click();
    await page.getByTestId('task-outcome').selectOption('fixed');
    await page.getByTestId('task-complete-confirm').click();
    await expect.poll(() => page.getByTestId('action-message').textContent(), WAIT).toBe('该任务已被处理，此操作不再适用');
    expect(await task.isVisible()).toBe(true);

    live.release();
    await task.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  }, 60_000);

  test('when a call button in test mode presses SOS, then the row carries the test badge and still sounds like a real one', async () => {
    const name = '马淑珍';
    const { page, errors } = await openDesk();
    const button = await (await home(name, '城关镇西关社区8号')).device('call_button', { testMinutes: 30 });
    await button.send('events', 'sos');

    const row = alertRow(page, name, 'sos');
    await row.waitFor();
    expect(await row.getAttribute('data-test')).toBe('true');
    expect(await row.getAttribute('data-priority')).toBe('1');
    expect(await row.getByTestId('test-badge').innerText()).toBe('测试');
    expect(await row.innerText()).toContain('紧急呼叫');
    // the test proves the whole path, up to the desk's alarm (queue.js explains the choice)
    const banner = page.getByTestId('unack-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-alarm')).toBe('on');

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => row.getByTestId('test-badge').innerText(), WAIT).toBe('TEST');

    await row.getByTestId('ack-button').click();
    await banner.waitFor({ state: 'hidden' });
    expect(await row.getByTestId('test-badge').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when devices of several kinds report at once, then the whole desk reads in one language, zh-CN or English, on a desk and on a phone', async () => {
    const { page, errors } = await openDesk();
    const first = await home('孙丽华', '城关镇南关社区9号楼102');
    const second = await home('刘玉梅', '城关镇北街社区5栋3单元401');
    const third = await home('马淑珍', '城关镇西关社区8号');
    const detector = await first.device('smoke_detector', { room: '厨房' });
    const gas = await first.device('gas_detector', { room: '厨房' });
    const lowButton = await second.device('call_button');
    const testButton = await third.device('call_button', { testMinutes: 30 });
    await detector.send('events', 'smoke');
    await gas.send('events', 'gas', { ppm: 850 });
    await lowButton.send('status', 'heartbeat', { battery: 10 });
    await lowButton.send('events', 'service_request', { service: 'meals' });
    await testButton.send('events', 'sos');

    await alertRow(page, '孙丽华', 'smoke').waitFor();
    await alertRow(page, '马淑珍', 'sos').getByTestId('test-badge').waitFor();
    await expect.poll(() => alertRow(page, '孙丽华', 'gas').locator('.ctx').allInnerTexts(), WAIT).toEqual(['房间 厨房', '浓度 850 ppm']);
    await page.screenshot({ path: `${SCREENSHOTS}desk-device-kinds-zh.png` });

    await page.getByTestId('tab-tasks').click();
    await expect.poll(() => taskRow(page, '刘玉梅').count(), WAIT).toBe(2);
    const service = page.locator('[data-testid=task-row][data-kind=service]').filter({ hasText: '刘玉梅' });
    expect(await service.getAttribute('data-reason')).toBe('service_request');
    expect(await service.innerText()).toContain('助餐');
    expect(await taskRowsStack(page)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}desk-device-kinds-tasks-zh.png` });

    // each view in English: the task board, then the queue
    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => service.innerText(), WAIT).toContain('Meals');
    for (const label of ['Maintenance visit', 'Service request']) expect(await page.locator('body').innerText()).toContain(label);
    expect(await visibleLabels(page, ['厨房'])).not.toMatch(HAN);
    await page.getByTestId('tab-queue').click();
    for (const label of ['Smoke alarm', 'Gas leak', 'Low battery', 'TEST', 'Concentration 850 ppm']) {
      expect(await page.locator('body').innerText()).toContain(label);
    }
    expect(await visibleLabels(page, ['厨房'])).not.toMatch(HAN);
    await page.screenshot({ path: `${SCREENSHOTS}desk-device-kinds-en.png` });

    // on a phone everything stacks in one column: nothing wider than the screen, in either view
    await page.setViewportSize(PHONE);
    await page.getByTestId('lang-switch').getByTestId('lang-zh').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('tab-tasks').click();
    await taskRow(page, '刘玉梅').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await taskRowsStack(page)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}desk-device-kinds-phone.png`, fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);
});
