import type { Locator, Page } from 'playwright-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import type { Elder } from '../../schemas/index.js';
import { chromiumMissing } from '../support/browser.js';
import { DESK, PHONE, SCREENSHOTS, useDeskBrowser, WAIT } from '../support/desk-browser.js';

// The desk's telephone in a real Chromium against a real gateway: the incoming-call panel from the key press to a
// P1 in the queue, the calling order of that alert with the attempts logged from its detail, a ringing call
// announced by the telephony hook, and a refused number said plainly.

describe.skipIf(chromiumMissing())('the desk telephone', () => {
  const desk = useDeskBrowser();

  async function logIn(page: Page): Promise<void> {
    await page.getByTestId('login-username').fill(desk.gw.adminUser);
    await page.getByTestId('login-password').fill(desk.gw.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('alert-queue').waitFor({ state: 'attached' });
  }

  /** An elder with a phone and two contacts, registered through the REST API; their open alerts are resolved after the test. */
  async function elderWithContacts(name: string, phone: string, sonPhone: string): Promise<Elder> {
    const reply = await desk.gw.api.request<Elder>('POST', '/api/v1/elders', {
      name,
      address: '城关镇幸福社区5栋1单元302',
      phone,
      riskCategory: 'alone',
      contacts: [
        { name: `${name.slice(0, 1)}建国`, relation: '儿子', phone: sonPhone, notify: true },
        { name: `${name.slice(0, 1)}丽`, relation: '女儿', phone: '0571-8802 6789' },
      ],
    });
    expect(reply.status).toBe(201);
    onTestFinished(async () => {
      for (const alert of await desk.gw.api.listAlerts('open')) if (alert.elder.id === reply.body.id) await desk.gw.api.resolve(alert.id, 'test cleanup');
    });
    return reply.body;
  }

  const party = (page: Page, id: string): Locator => page.getByTestId('calling-party').and(page.locator(`[data-party="${id}"]`));

  test(
    'when the operator presses F2, types the number, picks the elder and raises P1, then the phone emergency is in the queue and the calling order follows the attempts logged',
    async () => {
      const elder = await elderWithContacts('孙桂芝', '13912345678', '13800001111');
      const { page, errors } = await desk.openDesk();
      await logIn(page);

      await page.keyboard.press('F2');
      const panel = page.getByTestId('phone-panel');
      await panel.waitFor();
      // the number field has the focus: the operator types at once
      await page.keyboard.type('139 1234 5678', { delay: 30 });
      const hit = panel.getByTestId('lookup-hit').and(page.locator(`[data-elder-id="${elder.id}"]`));
      await hit.waitFor();
      expect(await hit.innerText()).toContain('孙桂芝');
      expect(await hit.getByTestId('lookup-matched').innerText()).toContain('号码');
      await hit.click();

      const record = panel.getByTestId('caller-record');
      await record.waitFor();
      await expect.poll(() => record.getByTestId('caller-contacts').innerText(), WAIT).toContain('孙建国');
      expect(await record.getByTestId('caller-alerts').innerText()).toContain('没有未关闭的告警');
      await page.screenshot({ path: `${SCREENSHOTS}phone-panel-desk.png` });

      await panel.getByTestId('call-alert').click();
      const row = page.getByTestId('alert-queue').getByTestId('alert-row').filter({ hasText: '孙桂芝' });
      await row.waitFor();
      expect(await row.getAttribute('data-type')).toBe('phone_emergency');
      expect(await row.getAttribute('data-priority')).toBe('1');
      expect(await row.innerText()).toContain('电话求助');
      // the call is on record, so the panel closes and the notice says where the alarm went
      await panel.waitFor({ state: 'detached' });
      expect(await page.getByTestId('action-message').innerText()).toContain('已报警 P1');
      const calls = await desk.gw.api.request<{ items: Array<{ category: string; alertId: string | null; callerNumber: string | null }> }>(
        'GET',
        `/api/v1/calls?elderId=${elder.id}`,
      );
      expect(calls.body.items).toEqual([expect.objectContaining({ category: 'emergency', alertId: await row.getAttribute('data-alert-id') })]);

      await row.getByTestId('elder-name').click();
      const dialog = page.getByTestId('detail-dialog');
      await dialog.waitFor();
      const order = dialog.getByTestId('calling-order');
      await order.waitFor();
      expect(await order.getByTestId('calling-party').count()).toBe(3);
      expect(await order.getAttribute('data-next')).toBe('elder');
      expect(await party(page, 'elder').getAttribute('data-next')).toBe('true');

      await party(page, 'elder').getByTestId('log-no_answer').click();
      await expect.poll(() => order.getAttribute('data-next'), WAIT).toBe('contact:0');
      expect(await party(page, 'elder').getByTestId('party-attempts').innerText()).toContain('无人接听');
      expect(await party(page, 'contact:0').getByTestId('next-mark').innerText()).toBe('下一位拨打');

      await party(page, 'contact:0').getByTestId('log-answered').click();
      await expect.poll(() => order.getByTestId('calling-order-state').innerText(), WAIT).toContain('孙建国 已接通');
      expect(await order.getAttribute('data-next')).toBe('');
      expect(await party(page, 'contact:0').getByTestId('party-attempts').innerText()).toContain('接通');
      // both attempts are on the alert's timeline
      await expect.poll(() => dialog.locator('[data-testid=timeline-entry][data-action=call_attempt]').count(), WAIT).toBe(2);
      await page.screenshot({ path: `${SCREENSHOTS}calling-order-desk.png` });

      await page.setViewportSize(PHONE);
      await order.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}calling-order-phone.png` });
      await page.setViewportSize(DESK);
      expect(errors).toEqual([]);
    },
    90_000,
  );

  test('when the PBX announces a ringing call, then the panel opens with the number and the one elder it belongs to', async () => {
    const elder = await elderWithContacts('钱玉兰', '13712340000', '13800002222');
    const made = await desk.gw.api.request<{ token: string }>('POST', '/api/v1/integrations/tokens', { name: '测试 PBX' });
    expect(made.status).toBe(201);
    const { page, errors } = await desk.openDesk();
    await logIn(page);
    await page.getByTestId('heartbeat-indicator').and(page.locator('[data-state=ok]')).waitFor();

    // the contact's number, as a PBX gives it: the elder is found through their son
    const rang = await desk.gw.api.request('POST', '/api/v1/telephony/incoming', { callerNumber: '+86 138 0000 2222', line: '12349' }, made.body.token);
    expect(rang.status).toBe(202);
    const panel = page.getByTestId('phone-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('phone-number').inputValue()).toContain('2222');
    expect(await panel.getByTestId('call-line').inputValue()).toBe('12349');
    const record = panel.getByTestId('caller-record');
    await record.waitFor();
    expect(await record.getAttribute('data-elder-id')).toBe(elder.id);

    await panel.locator('[data-testid=call-category] input[value=wellbeing]').check();
    await panel.getByTestId('call-note').fill('儿子来电询问母亲近况，已告知一切正常');
    await panel.getByTestId('call-save').click();
    await panel.waitFor({ state: 'detached' });
    await page.getByTestId('tab-calls').click();
    const logged = page.getByTestId('call-row').filter({ hasText: '钱玉兰' });
    await logged.waitFor();
    expect(await logged.innerText()).toContain('精神慰藉');
    expect(errors).toEqual([]);
  }, 60_000);

  test(
    'when a caller nobody knows complains, then the supervisor sees it waiting, answers it and closes it after the follow-up call',
    async () => {
      const { page, errors } = await desk.openDesk();
      await logIn(page);
      await page.getByTestId('phone-button').click();
      const panel = page.getByTestId('phone-panel');
      await panel.getByTestId('phone-number').fill('136 0000 4321');
      await expect.poll(() => panel.getByTestId('lookup').innerText(), WAIT).toContain('没有找到匹配的老人');
      await panel.getByTestId('call-line').selectOption('supervision');
      await panel.getByTestId('call-caller-name').fill('赵先生');
      await panel.getByTestId('call-note').fill('母亲的助餐连续三天送晚了');
      await panel.getByTestId('call-complaint').click();
      await panel.getByTestId('complaint-subject').selectOption('provider');
      await panel.getByTestId('complaint-subject-name').fill('幸福助餐点');
      expect(await panel.getByTestId('complaint-statement').inputValue()).toBe('母亲的助餐连续三天送晚了');
      await panel.getByTestId('complaint-confirm').click();
      await panel.waitFor({ state: 'detached' });

      await page.getByTestId('tab-complaints').click();
      const row = page.getByTestId('complaint-row').filter({ hasText: '幸福助餐点' });
      await row.waitFor();
      expect(await page.getByTestId('complaint-figures').innerText()).toBe('1 条投诉待处理');
      expect(await page.getByTestId('complaint-count').innerText()).toBe('1');

      await row.getByTestId('complaint-answer').click();
      await page.getByTestId('complaint-answer-text').fill('已联系助餐点，明天起按时送达');
      await page.getByTestId('complaint-answer-confirm').click();
      await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('answered');
      // answered is not closed: it still waits for the follow-up call
      expect(await page.getByTestId('complaint-figures').innerText()).toBe('1 条投诉待处理');

      await row.getByTestId('complaint-close').click();
      await page.getByTestId('complaint-close-note').fill('回访赵先生，已按时送达，表示满意');
      await page.getByTestId('complaint-close-confirm').click();
      await row.waitFor({ state: 'detached' });
      expect(await page.getByTestId('complaint-figures').innerText()).toBe('0 条投诉待处理');
      const followUps = await desk.gw.api.request<{ items: Array<{ direction: string; category: string }> }>('GET', '/api/v1/calls?q=4321');
      expect(followUps.body.items.map((c) => `${c.direction}:${c.category}`).sort()).toEqual(['inbound:complaint', 'outbound:complaint']);
      expect(errors).toEqual([]);
    },
    60_000,
  );

  test('when the number cannot be a phone number, then the panel says so plainly and nothing closes', async () => {
    const { page, errors } = await desk.openDesk();
    await logIn(page);
    await page.getByTestId('phone-button').click();
    const panel = page.getByTestId('phone-panel');
    await panel.getByTestId('phone-number').fill('12345');
    await expect.poll(() => panel.getByTestId('lookup').getAttribute('data-state'), WAIT).toBe('ok');
    await panel.getByTestId('call-caller-name').fill('路过的邻居');
    await panel.locator('[data-testid=call-category] input[value=question]').check();
    await panel.getByTestId('call-save').click();
    await expect.poll(() => panel.getByTestId('phone-error').innerText(), WAIT).toBe('号码不是有效的手机或座机号码');
    expect(await panel.isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);
});
