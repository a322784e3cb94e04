import type { Page } from 'playwright-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import { CallButton } from '../../device-sim/src/call-button.js';
import { chromiumMissing } from '../support/browser.js';
import { DESK, HAN, SCREENSHOTS, useDeskBrowser, WAIT } from '../support/desk-browser.js';
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
  async function homeWithButton(name: string, address: string): Promise<CallButton> {
    const elder = await desk.gw.api.createElder({ name, address });
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
      for (const part of [name, address, button.deviceId, '紧急呼叫', 'P1', '未确认']) expect(rowText).toContain(part);

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

      await row.getByTestId('resolve-button').click();
      const dialog = page.getByTestId('resolve-dialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain(name);
      await page.getByTestId('resolve-note').fill('已电话联系，社区网格员上门查看，老人安好');
      await page.getByTestId('resolve-reason').selectOption('handled_by_phone');
      await page.getByTestId('resolve-confirm').click();

      await row.waitFor({ state: 'detached' });
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
      // no Chinese left on screen except data people typed (names, addresses, notes) and the switch's "中文"
      const typedData = await page.locator('.elder-name, .elder-address, .note').allInnerTexts();
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

  test('when the live link drops, then a banner says so and the reconnected page shows what was raised meanwhile', async () => {
    const name = '陈淑芬';
    let live!: Awaited<ReturnType<typeof interceptLiveLink>>;
    const { page, errors } = await openDesk(async (p) => {
      live = await interceptLiveLink(p);
    });
    await logIn(page);
    await expect.poll(() => live.connections, WAIT).toBe(1);
    const linkBanner = page.getByTestId('live-banner');
    expect(await linkBanner.isVisible()).toBe(false);

    live.refuse(true);
    await live.drop();
    await linkBanner.waitFor();
    expect(await linkBanner.innerText()).toContain('实时连接已断开');

    const button = await homeWithButton(name, '城关镇西街社区7号院');
    await button.pressSos();
    await expect.poll(() => live.connections, WAIT).toBeGreaterThanOrEqual(2); // a refused retry after 1 s
    expect(await linkBanner.isVisible()).toBe(true);
    expect(await rowOf(page, name).count()).toBe(0);

    live.refuse(false);
    await rowOf(page, name).waitFor(); // from the fresh snapshot of the next retry (2 s later)
    await linkBanner.waitFor({ state: 'hidden' });
    await page.getByTestId('unack-banner').waitFor();
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
});
