import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import type { CallView, Elder, RegionView, TaskView } from '../../schemas/index.js';
import { chromiumMissing } from '../support/browser.js';
import { createRegion, rootRegion } from '../support/care-network.js';
import { DESK, PHONE, SCREENSHOTS, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { startTestGateway } from '../support/test-gateway.js';

// The desk's telephone in a real Chromium against a real gateway: the incoming-call panel from the key press to a
// P1 in the queue, the calling order of that alert with the attempts logged from its detail, a ringing call
// announced by the telephony hook, a refused number said plainly, a caller nobody knew registered from the call,
// and phone checks (电话问候) that complete a monthly visit or are refused for an elder seen in person.
//
// The desk's gateway starts on data made beforehand by another gateway: the monthly visits of the elders registered
// then are scheduled when the desk's gateway starts (the schedule runs at start, then every ten minutes).

interface Seeded {
  community: RegionView;
  /** 空巢: a phone check may count as the monthly visit. */
  emptyNest: Elder;
  /** 独居: visited in person, a phone check may not. */
  alone: Elder;
}

describe.skipIf(chromiumMissing())('the desk telephone', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'phone-desk-'));
  let seeded: Seeded;
  beforeAll(async () => {
    const first = await startTestGateway({ DATA_DIR: dataDir });
    try {
      const town = await createRegion(first, '城关镇', 'town', (await rootRegion(first)).id);
      const community = await createRegion(first, '幸福社区', 'community', town.id);
      const emptyNest = await first.api.createElder({ name: '周秀英', address: '城关镇幸福社区2栋101', phone: '13611112222', riskCategory: 'empty_nest' });
      const alone = await first.api.createElder({ name: '郑德明', address: '城关镇幸福社区3栋202', phone: '13622223333', riskCategory: 'alone' });
      seeded = { community, emptyNest, alone };
    } finally {
      await first.close();
    }
  }, 60_000);
  // registered before the desk's hooks: after hooks run in reverse, so the folder goes after its gateway closed
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const desk = useDeskBrowser({ DATA_DIR: dataDir });

  async function logIn(page: Page): Promise<void> {
    await page.getByTestId('login-username').fill(desk.gw.adminUser);
    await page.getByTestId('login-password').fill(desk.gw.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('alert-queue').waitFor({ state: 'attached' });
  }

  /** The desk, signed in as the admin (the county: every community of the test is theirs). */
  async function signedIn(): Promise<{ page: Page; errors: Error[] }> {
    const opened = await desk.openDesk();
    await logIn(opened.page);
    return opened;
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

  /** A desk signed in, with the incoming-call panel opened by its button and `number` typed into it. */
  async function panelWith(number: string): Promise<{ page: Page; errors: Error[]; panel: Locator }> {
    const { page, errors } = await signedIn();
    await page.getByTestId('phone-button').click();
    const panel = page.getByTestId('phone-panel');
    await panel.getByTestId('phone-number').fill(number);
    return { page, errors, panel };
  }

  /** The panel on the elder the number finds. */
  async function panelOn(number: string, elderId: string): Promise<{ page: Page; errors: Error[]; panel: Locator }> {
    const opened = await panelWith(number);
    await opened.panel.getByTestId('lookup-hit').and(opened.page.locator(`[data-elder-id="${elderId}"]`)).click();
    await opened.panel.getByTestId('caller-record').waitFor();
    return opened;
  }

  const party = (page: Page, id: string): Locator => page.getByTestId('calling-party').and(page.locator(`[data-party="${id}"]`));

  test(
    'when the operator presses F2, types the number, picks the elder and raises P1, then the phone emergency is in the queue and the calling order follows the attempts logged',
    async () => {
      const elder = await elderWithContacts('孙桂芝', '13912345678', '13800001111');
      const { page, errors } = await signedIn();

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

      // a click on the row shows it in the queue's side pane
      await row.getByTestId('elder-name').click();
      const dialog = page.getByTestId('alert-pane');
      await expect.poll(async () => dialog.getAttribute('data-alert-id'), WAIT).toBe(await row.getAttribute('data-alert-id'));
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
    const { page, errors } = await signedIn();
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
      const { page, errors, panel } = await panelWith('136 0000 4321');
      await expect.poll(() => panel.getByTestId('lookup').innerText(), WAIT).toContain('没有找到匹配的老人');
      await panel.getByTestId('call-line').selectOption('supervision');
      await panel.getByTestId('call-caller-name').fill('赵先生');
      await panel.getByTestId('call-note').fill('母亲的助餐连续三天送晚了');
      await panel.getByTestId('call-complaint').click();
      await panel.getByTestId('complaint-subject').selectOption('provider');
      await panel.getByTestId('complaint-subject-name').fill('幸福助餐点');
      expect(await panel.getByTestId('complaint-statement').inputValue()).toBe('母亲的助餐连续三天送晚了');
      await panel.getByTestId('complaint-confirm').click();
      // a caller nobody knows: the panel offers to register them; the operator is done without
      await panel.getByTestId('after-register').waitFor();
      await panel.getByTestId('after-finish').click();
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
    const { errors, panel } = await panelWith('12345');
    await expect.poll(() => panel.getByTestId('lookup').getAttribute('data-state'), WAIT).toBe('ok');
    await panel.getByTestId('call-caller-name').fill('路过的邻居');
    await panel.locator('[data-testid=call-category] input[value=question]').check();
    await panel.getByTestId('call-save').click();
    await expect.poll(() => panel.getByTestId('phone-error').innerText(), WAIT).toBe('号码不是有效的手机或座机号码');
    expect(await panel.isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  /** A call of somebody nobody knows, put on record through the REST API. */
  async function unknownCall(callerName: string, address: string, callerNumber: string): Promise<CallView> {
    const made = await desk.gw.api.request<CallView>('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', callerNumber, callerName, address, category: 'question', note: '询问助餐服务' });
    expect(made.status).toBe(201);
    return made.body;
  }

  /** What the operator sees, at the desk's size and a phone's. */
  async function shoot(page: Page, name: string, target: Locator): Promise<void> {
    await page.screenshot({ path: `${SCREENSHOTS}${name}-desk.png` });
    await page.setViewportSize(PHONE);
    await target.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}${name}-phone.png` });
    await page.setViewportSize(DESK);
  }

  /** The elder's care visit of this month, scheduled when the desk's gateway started; open. */
  async function openVisitOf(elderId: string): Promise<TaskView> {
    const visit = (await desk.gw.api.listTasks('all')).find((task) => task.kind === 'care_visit' && task.elder.id === elderId);
    expect(visit?.status).toBe('open');
    return visit as TaskView;
  }

  test(
    'when a caller nobody knew is registered from the call log, then the call shows the new elder and the panel finds them by their number',
    async () => {
      const call = await unknownCall('吴大爷', '城关镇幸福社区9栋', '135 5555 0101');
      const { page, errors } = await signedIn();
      await page.getByTestId('tab-calls').click();
      const row = page.getByTestId('call-row').and(page.locator(`[data-call-id="${call.id}"]`));
      await row.waitFor();
      expect(await row.getAttribute('data-unlinked')).toBe('true');
      expect(await row.getByTestId('call-link').innerText()).toBe('关联老人');
      await row.getByTestId('call-register').click();

      const dialog = page.getByTestId('register-dialog');
      await dialog.waitFor();
      // what the call recorded is filled in; the only community of the operator's region is chosen already
      expect(await dialog.getByTestId('register-name').inputValue()).toBe('吴大爷');
      expect(await dialog.getByTestId('register-address').inputValue()).toBe('城关镇幸福社区9栋');
      expect(await dialog.getByTestId('register-phone').inputValue()).toBe('13555550101');
      expect(await dialog.getByTestId('register-region').inputValue()).toBe(seeded.community.id);
      // the operator corrects the name as the caller spells it
      await dialog.getByTestId('register-name').fill('吴志远');
      await shoot(page, 'register-dialog', dialog);
      await dialog.getByTestId('register-confirm').click();
      await dialog.waitFor({ state: 'detached' });

      await expect.poll(() => row.getAttribute('data-unlinked'), WAIT).toBe('false');
      expect(await row.innerText()).toContain('吴志远');
      const linked = await desk.gw.api.request<CallView>('GET', `/api/v1/calls/${call.id}`);
      const elder = await desk.gw.api.getElder(linked.body.elder?.id ?? '');
      expect(elder).toMatchObject({ name: '吴志远', address: '城关镇幸福社区9栋', phone: '13555550101', regionId: seeded.community.id });

      // the next call from that number finds them
      await page.keyboard.press('F2');
      const panel = page.getByTestId('phone-panel');
      await panel.getByTestId('phone-number').fill('+86 135-5555-0101');
      const hit = panel.getByTestId('lookup-hit').and(page.locator(`[data-elder-id="${elder.id}"]`));
      await hit.waitFor();
      expect(await hit.innerText()).toContain('吴志远');
      expect(await hit.getByTestId('lookup-matched').innerText()).toContain('号码');
      expect(errors).toEqual([]);
    },
    60_000,
  );

  test('when the panel saves a call nobody matches, then it offers to register the caller and registers them from the call', async () => {
    const { page, errors, panel } = await panelWith('137 7777 0202');
    await expect.poll(() => panel.getByTestId('lookup').innerText(), WAIT).toContain('没有找到匹配的老人');
    await panel.getByTestId('call-caller-name').fill('冯桂香');
    await panel.getByTestId('call-address').fill('城关镇幸福社区11栋');
    await panel.locator('[data-testid=call-category] input[value=question]').check();
    await panel.getByTestId('call-save').click();

    // on record, and the panel stays: the caller may be registered now
    const after = panel.getByTestId('after-call');
    await after.waitFor();
    expect(await after.innerText()).toContain('来电人尚未登记为老人');
    await after.getByTestId('after-register').click();
    const dialog = page.getByTestId('register-dialog');
    expect(await dialog.getByTestId('register-name').inputValue()).toBe('冯桂香');
    expect(await dialog.getByTestId('register-phone').inputValue()).toBe('13777770202');
    await dialog.getByTestId('register-confirm').click();
    await panel.waitFor({ state: 'detached' });
    expect(await page.getByTestId('action-message').innerText()).toContain('冯桂香 已登记为老人');
    const calls = await desk.gw.api.request<{ items: CallView[] }>('GET', '/api/v1/calls?q=0202');
    expect(calls.body.items).toEqual([expect.objectContaining({ callerName: '冯桂香', elder: expect.objectContaining({ name: '冯桂香' }) })]);
    expect(errors).toEqual([]);
  }, 60_000);

  test(
    'when the desk calls an elder left behind (空巢) and they answer, then the phone check completes their care visit by phone',
    async () => {
      const visit = await openVisitOf(seeded.emptyNest.id);
      const { page, errors, panel } = await panelOn('136 1111 2222', seeded.emptyNest.id);
      // an inbound call is no phone check: the visit is offered only for an outbound wellbeing call
      await panel.locator('[data-testid=call-category] input[value=wellbeing]').check();
      expect(await panel.getByTestId('visit-option').count()).toBe(0);
      await panel.getByTestId('call-direction').selectOption('outbound');
      const option = panel.getByTestId('visit-option');
      await option.waitFor();
      expect(await option.getAttribute('data-task-id')).toBe(visit.id);
      expect(await option.innerText()).toContain('本次电话问候算作本期探访');
      await panel.getByTestId('call-visit').check();
      await panel.locator('[data-testid=call-outcome] input[value=answered]').check();
      await panel.getByTestId('call-note').fill('身体好，按时吃药');
      await shoot(page, 'visit-option', option);

      // a call nobody answered cannot count
      await panel.locator('[data-testid=call-outcome] input[value=no_answer]').check();
      await panel.getByTestId('call-save').click();
      expect(await panel.getByTestId('phone-error').innerText()).toContain('只有接通的电话问候才能算作探访');
      await panel.locator('[data-testid=call-outcome] input[value=answered]').check();
      await panel.getByTestId('call-save').click();
      await panel.waitFor({ state: 'detached' });
      expect(await page.getByTestId('action-message').innerText()).toContain('本期探访已完成');

      expect((await desk.gw.api.listTasks('all')).find((t) => t.id === visit.id)).toMatchObject({ status: 'done', outcome: 'visited', visitMode: 'phone' });
      const calls = await desk.gw.api.request<{ items: CallView[] }>('GET', `/api/v1/calls?elderId=${seeded.emptyNest.id}`);
      expect(calls.body.items).toEqual([expect.objectContaining({ direction: 'outbound', category: 'wellbeing', outcome: 'answered', taskId: visit.id })]);
      expect(errors).toEqual([]);
    },
    60_000,
  );

  test(
    'when the desk counts a phone check as the visit of an elder who lives alone, then the refusal is said plainly in both languages and the call is saved without the visit',
    async () => {
      const visit = await openVisitOf(seeded.alone.id);
      const { page, errors, panel } = await panelOn('136 2222 3333', seeded.alone.id);
      await panel.getByTestId('call-direction').selectOption('outbound');
      await panel.locator('[data-testid=call-category] input[value=wellbeing]').check();
      await panel.locator('[data-testid=call-outcome] input[value=answered]').check();
      await panel.getByTestId('call-visit').check();
      await panel.getByTestId('call-save').click();

      const refused = panel.getByTestId('visit-refused');
      await refused.waitFor();
      expect(await refused.innerText()).toContain('探访政策不计电话方式：该次探访须以其他方式完成');
      expect(await refused.innerText()).toContain('来电已记录，但未算作探访');
      await shoot(page, 'visit-refused', refused);
      await page.getByTestId('lang-switch').getByTestId('lang-en').click();
      expect(await refused.innerText()).toContain('The visit policy does not count a phone call for this visit');
      expect(await refused.innerText()).toContain('The call is saved, but not as the visit');
      await page.getByTestId('lang-switch').getByTestId('lang-zh').click();

      await panel.getByTestId('after-finish').click();
      await panel.waitFor({ state: 'detached' });
      expect((await desk.gw.api.listTasks('all')).find((t) => t.id === visit.id)?.status).toBe('open');
      const calls = await desk.gw.api.request<{ items: CallView[] }>('GET', `/api/v1/calls?elderId=${seeded.alone.id}`);
      expect(calls.body.items).toEqual([expect.objectContaining({ direction: 'outbound', category: 'wellbeing', outcome: 'answered', taskId: null })]);
      expect(errors).toEqual([]);
    },
    60_000,
  );
});
