import type { Page } from 'playwright-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import { CallButton } from '../../device-sim/src/call-button.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, rootRegion } from '../support/care-network.js';
import { DESK, HAN, SCREENSHOTS, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { openRecentlyClosed, paneAction } from '../support/desk-queue.js';
import { interceptLiveLink } from '../support/live-link.js';

// The duty desk in a real browser against a real gateway: a simulated call button presses SOS over MQTT,
// the page shows it live, the operator acknowledges and resolves it through the page.

describe.skipIf(chromiumMissing())('duty desk page', () => {
  const desk = useDeskBrowser();
  const { openDesk } = desk;

  async function logIn(page: Page): Promise<void> {
    await page.getByTestId('login-username').fill(desk.gw.adminUser);
    await page.getByTestId('login-password').fill(desk.gw.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('alert-queue').waitFor({ state: 'attached' });
    await page.getByTestId('login-form').waitFor({ state: 'hidden' });
  }

  /**
   * Registers an elder and a call button through the REST API and connects the simulated button.
   * After the test its alerts still open are resolved, so the next test's alarm banner is its own.
   */
  async function homeWithButton(name: string, address: string, regionId?: string): Promise<CallButton> {
    const elder = regionId ? await elderIn(regionId, name, address) : await desk.gw.api.createElder({ name, address });
    const device = await desk.gw.api.createDevice({ elderId: elder.id, kind: 'call_button' });
    const button = new CallButton({ url: desk.gw.mqttUrl, deviceId: device.id, secret: device.secret, reconnectPeriod: 0 });
    await button.connect();
    onTestFinished(async () => {
      await button.close();
      for (const alert of await desk.gw.api.listAlerts('open')) {
        if (alert.deviceId === device.id) await desk.gw.api.resolve(alert.id, 'test cleanup');
      }
    });
    return button;
  }

  /** An elder registered in a given community (the REST API takes the region; the test client's helper does not). */
  async function elderIn(regionId: string, name: string, address: string): Promise<{ id: string }> {
    const reply = await desk.gw.api.request<{ id: string }>('POST', '/api/v1/elders', { name, address, regionId });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  function rowOf(page: Page, name: string) {
    return page.getByTestId('alert-queue').getByTestId('alert-row').filter({ hasText: name });
  }

  test('when the password is wrong, then the page shows a Chinese error and stays on the login form', async () => {
    const { page, errors } = await openDesk();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByTestId('login-username').fill(desk.gw.adminUser);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();

    await expect.poll(() => page.getByTestId('login-error').textContent(), WAIT).toBe('用户名或密码错误');
    expect(await page.getByTestId('login-form').isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(errors).toEqual([]);
  });

  test(
    'when an elder presses the call button, then the desk shows the alarm until it is acknowledged and keeps the resolved alert as closed',
    async () => {
      const name = '王秀英';
      const address = '城关镇幸福社区3栋2单元101';
      const { page, errors } = await openDesk();
      await logIn(page);
      expect(await page.getByTestId('unack-banner').isVisible()).toBe(false);

      const button = await homeWithButton(name, address);
      await button.pressSos();
      const row = rowOf(page, name);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('raised');
      expect(await row.getAttribute('data-priority')).toBe('1');
      const rowText = await row.innerText();
      for (const part of [name, address, '紧急呼叫', 'P1', '未确认']) expect(rowText).toContain(part);
      // the one-line row leaves the device to the side pane, which shows the queue's top alert
      await expect.poll(() => page.getByTestId('alert-pane').innerText(), WAIT).toContain(button.deviceId);

      const banner = page.getByTestId('unack-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('有未确认的生命安全告警');
      expect(await banner.getAttribute('data-alarm')).toBe('on');

      // a second press of a panicking elder is counted on the same row, not a second alarm
      await button.pressSos();
      await expect.poll(() => row.innerText(), WAIT).toContain('第 2 次呼叫');
      expect(await rowOf(page, name).count()).toBe(1);

      // the age ticks
      const age = row.getByTestId('alert-age');
      const firstAge = await age.textContent();
      expect(firstAge).toMatch(/^\d+秒$/);
      await expect.poll(() => age.textContent(), WAIT).not.toBe(firstAge);

      await page.screenshot({ path: `${SCREENSHOTS}duty-desk-zh.png` });

      await row.getByTestId('ack-button').click();
      await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('acknowledged');
      await banner.waitFor({ state: 'hidden' });
      expect(await row.getByTestId('ack-button').count()).toBe(0);
      expect(await row.innerText()).toContain('已确认');

      // the row's one button was the next step; resolving is on the pane of the selected alert
      await (await paneAction(page, row, 'resolve-button')).click();
      const dialog = page.getByTestId('resolve-dialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain(name);
      await page.getByTestId('resolve-note').fill('已电话联系，社区网格员上门查看，老人安好');
      await page.getByTestId('resolve-reason').selectOption('handled_by_phone');
      await page.getByTestId('resolve-confirm').click();

      await row.waitFor({ state: 'detached' });
      await openRecentlyClosed(page);
      const closed = page.getByTestId('closed-alert-row').filter({ hasText: name });
      await closed.waitFor();
      expect(await closed.getAttribute('data-status')).toBe('resolved');
      expect(await closed.innerText()).toContain('已解决');
      expect(await closed.innerText()).toContain('老人安好');
      expect(errors).toEqual([]);
    },
    60_000,
  );

  test('when the elder cancels on the button, then the alarm stops and the alert is shown as cancelled', async () => {
    const name = '李桂兰';
    const { page, errors } = await openDesk();
    await logIn(page);
    const button = await homeWithButton(name, '城关镇东关村二组15号');
    await button.pressSos();
    await rowOf(page, name).waitFor();
    await page.getByTestId('unack-banner').waitFor();

    await button.cancel();
    await rowOf(page, name).waitFor({ state: 'detached' });
    await openRecentlyClosed(page);
    const closed = page.getByTestId('closed-alert-row').filter({ hasText: name });
    await closed.waitFor();
    expect(await closed.getAttribute('data-status')).toBe('cancelled');
    expect(await closed.innerText()).toContain('老人已取消');
    await page.getByTestId('unack-banner').waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
  }, 60_000);

  test(
    'when the operator switches to English, then every label is English, html lang is en and the choice survives a reload',
    async () => {
      const name = '张玉珍';
      const address = '南街街道和平社区12号楼301';
      const { page, errors } = await openDesk();
      await logIn(page);
      const button = await homeWithButton(name, address);
      await button.pressSos();
      const row = rowOf(page, name);
      await row.waitFor();
      await page.getByTestId('unack-banner').waitFor();

      await page.getByTestId('lang-switch').getByTestId('lang-en').click();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await expect.poll(() => row.innerText(), WAIT).toContain('SOS call');
      expect(await page.getByTestId('unack-banner').innerText()).toContain('Unacknowledged life-safety alarm');
      expect(await row.getByTestId('ack-button').innerText()).toBe('Acknowledge');
      expect(await row.getByTestId('alert-age').textContent()).toMatch(/^\d+s$|^\d+m \d{2}s$/);
      // no Chinese left on screen except data people typed (names, addresses, notes, region names) and the switch's "中文"
      const typedData = await page.locator('.elder-name, .elder-address, .note, .typed').allInnerTexts();
      let visible = await page.locator('body').innerText();
      for (const data of [...typedData, '中文']) visible = visible.split(data).join('');
      expect(visible).not.toMatch(HAN);
      await page.screenshot({ path: `${SCREENSHOTS}duty-desk-en.png` });

      await page.reload();
      await rowOf(page, name).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.getByTestId('login-form').isVisible()).toBe(false);

      await page.getByTestId('lang-switch').getByTestId('lang-zh').click();
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await rowOf(page, name).innerText()).toContain('紧急呼叫');
      await rowOf(page, name).getByTestId('ack-button').click();
      await expect.poll(() => rowOf(page, name).getAttribute('data-status'), WAIT).toBe('acknowledged');
      expect(errors).toEqual([]);
    },
    60_000,
  );

  test('when an elder name holds HTML, then the page shows it as text and runs nothing', async () => {
    const name = '<img src=x onerror="window.__pwned=1">赵';
    const { page, errors } = await openDesk();
    await logIn(page);
    const button = await homeWithButton(name, '<b>城关镇</b>');
    await button.pressSos();
    const row = rowOf(page, '赵');
    await row.waitFor();
    expect(await row.getByTestId('elder-name').textContent()).toBe(name);
    expect(await row.locator('img, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the live link drops, then a banner says so and the reconnected page shows what was raised and what was resolved meanwhile', async () => {
    const name = '陈淑芬';
    const earlier = '韩淑兰';
    let live!: Awaited<ReturnType<typeof interceptLiveLink>>;
    const { page, errors } = await openDesk(async (p) => {
      live = await interceptLiveLink(p);
    });
    await logIn(page);
    await expect.poll(() => live.connections, WAIT).toBe(1);
    const linkBanner = page.getByTestId('live-banner');
    expect(await linkBanner.isVisible()).toBe(false);
    const earlierButton = await homeWithButton(earlier, '城关镇西街社区9号院');
    await earlierButton.pressSos();
    const earlierRow = rowOf(page, earlier);
    await earlierRow.waitFor();
    const earlierId = (await earlierRow.getAttribute('data-alert-id'))!;

    live.refuse(true);
    await live.drop();
    await linkBanner.waitFor();
    expect(await linkBanner.innerText()).toContain('实时连接已断开');
    await expect.poll(() => page.getByTestId('heartbeat-indicator').getAttribute('data-state'), WAIT).toBe('down');

    // while the desk is blind: a new alarm, and another desk resolves the earlier one
    const button = await homeWithButton(name, '城关镇西街社区7号院');
    await button.pressSos();
    expect((await desk.gw.api.resolve(earlierId, '另一值班台已处理')).status).toBe(200);
    await expect.poll(() => live.connections, WAIT).toBeGreaterThanOrEqual(2); // a refused retry after 1 s
    expect(await linkBanner.isVisible()).toBe(true);
    expect(await rowOf(page, name).count()).toBe(0);
    expect(await earlierRow.count()).toBe(1); // what the desk last knew, faded
    expect(await page.getByTestId('alert-queue').getAttribute('class')).toContain('stale');

    live.refuse(false);
    // the fresh snapshot of the next retry (2 s later) is the truth: one raised, one gone
    await rowOf(page, name).waitFor();
    await earlierRow.waitFor({ state: 'detached' });
    await linkBanner.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('alert-queue').getAttribute('class')).not.toContain('stale');
    await page.getByTestId('unack-banner').waitFor();
    expect(await page.getByTestId('unack-banner').innerText()).toContain('有未确认的生命安全告警');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when another operator acknowledged first, then the page explains the conflict and the live event updates the row', async () => {
    const name = '周凤英';
    let live!: Awaited<ReturnType<typeof interceptLiveLink>>;
    const { page, errors } = await openDesk(async (p) => {
      live = await interceptLiveLink(p);
    });
    await logIn(page);
    const button = await homeWithButton(name, '城关镇北关社区4栋1单元202');
    await button.pressSos();
    const row = rowOf(page, name);
    await row.waitFor();
    const alertId = await row.getAttribute('data-alert-id');

    live.hold();
    const other = await desk.gw.api.ack(alertId!);
    expect(other.status).toBe(200);
    await row.getByTestId('ack-button').click();
    await expect.poll(() => page.getByTestId('action-message').textContent(), WAIT).toBe('该告警的状态已经变化，此操作不再适用');
    expect(await row.getAttribute('data-status')).toBe('raised');

    live.release();
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('acknowledged');
    await page.getByTestId('unack-banner').waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the saved token is no longer accepted, then the page returns to the login form', async () => {
    const context = await desk.browser.newContext({ viewport: DESK });
    onTestFinished(() => context.close());
    await context.addInitScript(() => sessionStorage.setItem('dutyDesk.token', 'expired-or-forged'));
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(desk.gw.httpUrl);
    await page.getByTestId('login-form').waitFor();
    await expect.poll(() => page.getByTestId('login-error').textContent(), WAIT).toBe('登录已过期，请重新登录');
  }, 30_000);

  test('when the operator signs out, then the page returns to the login form and the gateway refuses the token it held', async () => {
    const { page, errors } = await openDesk();
    await logIn(page);
    const token = await page.evaluate(() => sessionStorage.getItem('dutyDesk.token'));
    expect(token).toBeTruthy();
    expect((await desk.gw.api.request('GET', '/api/v1/me', undefined, token)).status).toBe(200);
    await page.getByTestId('logout-button').click();
    await page.getByTestId('login-form').waitFor();
    await expect.poll(async () => (await desk.gw.api.request('GET', '/api/v1/me', undefined, token)).status, WAIT).toBe(401);
    expect(errors).toEqual([]);
  }, 30_000);

  test('when the elder presses again while the desk holds the alert, then it is back in the queue at once, the desk beeps and says why', async () => {
    const name = '周桂芝';
    const { page, errors } = await openDesk();
    await logIn(page);
    const sound = page.getByTestId('sound-state');
    const button = await homeWithButton(name, '城关镇北街社区3号');
    await button.pressSos();
    const row = rowOf(page, name);
    await row.waitFor();
    const alertId = await row.getAttribute('data-alert-id');
    expect((await desk.gw.api.request('POST', `/api/v1/alerts/${alertId}/hold`, { reason: '家属正在赶来', minutes: 30 })).status).toBe(200);
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('on_hold');
    await expect.poll(() => sound.getAttribute('data-alarm'), WAIT).toBe('off');
    const beepsBefore = Number(await sound.getAttribute('data-beeps'));

    await button.pressSos();
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('acknowledged');
    await expect.poll(async () => Number(await sound.getAttribute('data-beeps')), WAIT).toBeGreaterThan(beepsBefore);
    expect(await page.getByTestId('action-message').innerText()).toContain('再次按下呼叫，暂缓已结束');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the elder cancels after a responder was sent, then the row stays open and says the elder pressed cancel', async () => {
    const name = '吴凤英';
    const town = await createRegion(desk.gw, '西门镇', 'town', (await rootRegion(desk.gw)).id);
    const community = await createRegion(desk.gw, '西门社区', 'community', town.id);
    const responder = await createPerson(desk.gw, `xm-resp-${Date.now()}`, { displayName: '护理员冯', role: 'responder', regionId: community.id, responderKind: 'care_worker' });
    const { page, errors } = await openDesk();
    await logIn(page);
    const button = await homeWithButton(name, '西门镇西门社区8号', community.id);
    await button.pressSos();
    const row = rowOf(page, name);
    await row.waitFor();
    const alertId = await row.getAttribute('data-alert-id');
    expect((await desk.gw.api.request('POST', `/api/v1/alerts/${alertId}/dispatch`, { responderId: responder.user.id })).status).toBe(200);
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('dispatched');

    await button.cancel();
    await row.getByTestId('cancel-requested-badge').waitFor();
    expect(await row.getByTestId('cancel-requested-badge').innerText()).toBe('老人按了取消');
    expect(await row.getAttribute('data-status')).toBe('dispatched');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when a P1 arrives, then it tops the queue in red, the alarm sounds until it is acknowledged with the A key', async () => {
    const { page, errors } = await openDesk();
    await logIn(page);
    const sound = page.getByTestId('sound-state');
    expect(await sound.getAttribute('data-alarm')).toBe('off');

    // an older technical alert: P3, silent
    const worn = await homeWithButton('钱桂香', '城关镇南街社区1号');
    await worn.publish('status', { type: 'heartbeat', battery: 10 });
    const p3 = rowOf(page, '钱桂香');
    await p3.waitFor();
    expect(await p3.getAttribute('data-priority')).toBe('3');
    expect(await sound.getAttribute('data-alarm')).toBe('off');
    expect(await page.getByTestId('unack-banner').getAttribute('data-alarm')).toBe('off');

    // the operator is looking at the status wall, which a reload keeps
    await page.getByTestId('tab-wall').click();
    expect(new URL(page.url()).hash).toBe('#wall');
    await page.reload();
    await expect.poll(() => page.getByTestId('tab-wall').getAttribute('aria-selected'), WAIT).toBe('true');
    expect(await page.getByTestId('alert-queue').count()).toBe(0);
    const beepsBefore = Number(await sound.getAttribute('data-beeps'));

    const button = await homeWithButton('郑秀梅', '城关镇南街社区2号');
    await button.pressSos();
    // the banner shows on every view and leads to the queue
    const banner = page.getByTestId('unack-banner');
    await banner.waitFor();
    await banner.getByTestId('unack-show').click();
    await expect.poll(() => page.getByTestId('tab-queue').getAttribute('aria-selected'), WAIT).toBe('true');
    expect(new URL(page.url()).hash).toBe('#queue');
    const p1 = rowOf(page, '郑秀梅');
    await p1.waitFor();
    const rows = page.getByTestId('alert-queue').getByTestId('alert-row');
    expect(await rows.first().getAttribute('data-alert-id')).toBe(await p1.getAttribute('data-alert-id'));
    expect(await p1.getAttribute('data-key-target')).toBe('true');
    // red, and said in words too (the one-line row's mark says P1, its title the words)
    expect(await p1.locator('.priority').innerText()).toBe('P1');
    expect(await p1.locator('.priority').getAttribute('title')).toBe('P1 生命安全');
    const red = 'rgb(200, 16, 46)';
    const colours = await p1.evaluate((row) => ({
      edge: getComputedStyle(row).borderLeftColor,
      label: getComputedStyle(row.querySelector('.priority')!).backgroundColor,
    }));
    expect(colours).toEqual({ edge: red, label: red });

    // the alarm repeats while nobody acknowledges
    await expect.poll(() => sound.getAttribute('data-alarm'), WAIT).toBe('on');
    expect(await banner.getAttribute('data-alarm')).toBe('on');
    await expect.poll(async () => Number(await sound.getAttribute('data-beeps')), WAIT).toBeGreaterThanOrEqual(beepsBefore + 2);
    expect(await page.title()).toBe('(1) 云监控值班台');

    await page.keyboard.press('a');
    await expect.poll(() => p1.getAttribute('data-status'), WAIT).toBe('acknowledged');
    await expect.poll(() => sound.getAttribute('data-alarm'), WAIT).toBe('off');
    await banner.waitFor({ state: 'hidden' });
    expect(await page.title()).toBe('云监控值班台');
    const beepsAfter = Number(await sound.getAttribute('data-beeps'));
    await page.waitForTimeout(2000); // longer than the alarm's repeat
    expect(Number(await sound.getAttribute('data-beeps'))).toBe(beepsAfter);
    // the key acknowledged the P1 only; the keyboard moves on to the P3, and K / J move it up and down
    expect(await p3.getAttribute('data-status')).toBe('raised');
    expect(await p3.getAttribute('data-key-target')).toBe('true');
    await page.keyboard.press('k');
    await expect.poll(() => p1.getAttribute('data-key-target'), WAIT).toBe('true');
    expect(await p3.getAttribute('data-key-target')).toBe('false');
    await page.keyboard.press('j');
    await expect.poll(() => p3.getAttribute('data-key-target'), WAIT).toBe('true');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the operator filters by a community, then only that community\'s alerts show, the summary says x of y, and a P1 elsewhere still sounds', async () => {
    const town = await createRegion(desk.gw, '城关镇', 'town', (await rootRegion(desk.gw)).id);
    const east = await createRegion(desk.gw, '东关社区', 'community', town.id);
    const west = await createRegion(desk.gw, '西关社区', 'community', town.id);
    const eastButton = await homeWithButton('冯秀珍', '城关镇东关社区3号', east.id);
    const westButton = await homeWithButton('蒋桂英', '城关镇西关社区5号', west.id);
    const { page, errors } = await openDesk();
    await logIn(page); // after the regions exist: the desk lists them at sign-in

    await eastButton.pressSos();
    const eastRow = rowOf(page, '冯秀珍');
    await eastRow.waitFor();
    expect((await desk.gw.api.ack((await eastRow.getAttribute('data-alert-id'))!)).status).toBe(200);
    await westButton.publish('status', { type: 'heartbeat', battery: 10 });
    const westRows = rowOf(page, '蒋桂英');
    await westRows.waitFor();
    const sound = page.getByTestId('sound-state');
    await expect.poll(() => sound.getAttribute('data-alarm'), WAIT).toBe('off');

    const summary = page.getByTestId('queue-filter-summary');
    expect(await summary.count()).toBe(0);
    await page.getByTestId('filter-region').selectOption(east.id);
    await westRows.waitFor({ state: 'detached' });
    expect(await eastRow.isVisible()).toBe(true);
    const openCount = async () => (await desk.gw.api.listAlerts('open')).length;
    expect(await summary.innerText()).toBe(`筛选后显示 1 / ${await openCount()} 条`);

    // a P1 in the other community: not in the filtered queue, but it sounds and the banner says where it is
    await westButton.pressSos();
    const banner = page.getByTestId('unack-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-alarm')).toBe('on');
    await expect.poll(() => sound.getAttribute('data-alarm'), WAIT).toBe('on');
    expect(await banner.innerText()).toContain('其中 1 个不在当前筛选中');
    expect(await westRows.count()).toBe(0);
    await expect.poll(() => summary.innerText(), WAIT).toBe(`筛选后显示 1 / ${await openCount()} 条`);
    await page.screenshot({ path: `${SCREENSHOTS}queue-filter-zh.png` });

    // the filter survives a reload of the tab
    await page.reload();
    await eastRow.waitFor();
    await expect.poll(() => page.getByTestId('filter-region').inputValue(), WAIT).toBe(east.id);
    expect(await westRows.count()).toBe(0);
    await banner.waitFor();

    // the banner leads to the hidden alarm: the filters go, the P1 shows
    await banner.click();
    await page.getByTestId('alert-queue').locator('[data-testid=alert-row][data-priority="1"]').filter({ hasText: '蒋桂英' }).waitFor();
    expect(await summary.count()).toBe(0);
    expect(await page.getByTestId('filter-region').inputValue()).toBe('');
    expect(errors).toEqual([]);
  }, 60_000);
});
