import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import type { AlertDetail, Elder, RegionView, TaskView } from '../../schemas/index.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, rootRegion, type Person } from '../support/care-network.js';
import { HAN, SCREENSHOTS, signIn, useDeskBrowser, WAIT, type DeskBrowser } from '../support/desk-browser.js';
import { openRecentlyClosed } from '../support/desk-queue.js';
import { interceptLiveLink } from '../support/live-link.js';

// The care workflow on the duty desk in a real Chromium against a real gateway, provisioned through the REST API
// (a town, a community, an operator, two responders, elders with contacts and call buttons) and driven by a real
// MQTT.js device: an SOS is acknowledged by keyboard, dispatched through the picker, accepted, reached and resolved
// by the responder on the phone page in a second browser context; false alarm, hold, the detail dialog, the tasks
// panel, escalation and the gateway's heartbeat.

interface Network {
  town: RegionView;
  community: RegionView;
  operator: Person;
  responder: Person;
  offDuty: Person;
}

const ok = <T>(reply: Promise<ApiReply>, status = 201) => replyBody<T>(reply, status);

let suiteNumber = 0;

/** A town and a community under the county, an operator of the town and two responders of the community. */
async function provision(desk: DeskBrowser): Promise<Network> {
  suiteNumber += 1;
  const n = `${suiteNumber}-${randomUUID().slice(0, 6)}`;
  const api = desk.gw.api;
  const town = await createRegion(desk.gw, '城关镇', 'town', (await rootRegion(desk.gw)).id);
  const community = await createRegion(desk.gw, '幸福社区', 'community', town.id);
  const operator = await createPerson(desk.gw, `op-wang-${n}`, { displayName: '值班员王敏', role: 'operator', regionId: town.id });
  const responder = await createPerson(desk.gw, `zhang-li-${n}`, {
    displayName: '护理员张丽',
    role: 'responder',
    regionId: community.id,
    responderKind: 'care_worker',
    phone: '13800138001',
  });
  const offDuty = await createPerson(desk.gw, `li-qiang-${n}`, {
    displayName: '护士李强',
    role: 'responder',
    regionId: community.id,
    responderKind: 'nurse',
    phone: '13800138002',
  });
  await ok(api.request('PATCH', `/api/v1/users/${offDuty.user.id}`, { onDuty: false }), 200);
  return { town, community, operator, responder, offDuty };
}

/**
 * An elder of the community with contacts, medical and access notes and a call button speaking MQTT.js at QoS 1.
 * After the test the button is closed and the elder's open alerts are resolved and open tasks cancelled, so the next
 * test's banner and lists are its own.
 */
async function home(desk: DeskBrowser, net: Network, name: string, address: string) {
  const api = desk.gw.api;
  const elder = await ok<Elder>(
    api.request('POST', '/api/v1/elders', {
      name,
      address,
      regionId: net.community.id,
      phone: '0571-8801 2345',
      riskCategory: 'alone',
      contacts: [
        { name: '王建国', relation: '儿子', phone: '13900000001', notify: true },
        { name: '李秀兰', relation: '邻居', phone: '13900000002', notify: false },
      ],
      medicalNotes: '高血压，每日服用降压药；青霉素过敏',
      accessNotes: '钥匙在门口消防箱，密码 2580；家中有小狗',
      assignedResponderIds: [net.responder.user.id],
    }),
  );
  const device = await ok<{ id: string; secret: string }>(api.request('POST', '/api/v1/devices', { elderId: elder.id, kind: 'call_button' }));
  const client = await mqtt.connectAsync(desk.gw.mqttUrl, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0 });
  onTestFinished(async () => {
    await client.endAsync(true);
    for (const alert of await api.listAlerts('open')) {
      if (alert.elder.id === elder.id) await api.resolve(alert.id, 'test cleanup');
    }
    for (const task of await api.listTasks('open')) {
      if (task.elder.id === elder.id) await api.request('POST', `/api/v1/tasks/${task.id}/cancel`, { reason: 'test cleanup' });
    }
  });
  return {
    elder,
    deviceId: device.id,
    /** The red key: {msgId, ts, type: 'sos'} on devices/{id}/events at QoS 1, resolved after the PUBACK. */
    async sos(): Promise<void> {
      await client.publishAsync(`devices/${device.id}/events`, JSON.stringify({ msgId: randomUUID(), ts: Date.now(), type: 'sos' }), { qos: 1 });
    },
  };
}

/** The desk as the town's operator, on the desk screen. */
async function openDeskAs(desk: DeskBrowser, net: Network, beforeGoto?: (page: Page) => Promise<unknown>) {
  const opened = await desk.openDesk(beforeGoto);
  await signIn(opened.page, net.operator);
  await opened.page.getByTestId('alert-queue').waitFor({ state: 'attached' });
  return opened;
}

function rowOf(page: Page, name: string) {
  return page.getByTestId('alert-queue').getByTestId('alert-row').filter({ hasText: name });
}

/** What is on screen minus what people typed (names, addresses, notes: class "typed") and the switch's "中文". */
async function labelsOnly(page: Page): Promise<string> {
  const typed = await page.locator('.typed, .elder-name, .elder-address, .note').allInnerTexts();
  let visible = await page.locator('body').innerText();
  for (const text of [...typed, '中文'].sort((a, b) => b.length - a.length)) if (text) visible = visible.split(text).join('');
  return visible;
}

describe.skipIf(chromiumMissing())('care workflow on the duty desk', () => {
  const desk = useDeskBrowser({ OFFLINE_GRACE_SECONDS: '3600' });
  let net: Network;
  beforeAll(async () => {
    net = await provision(desk);
  }, 30_000);

  test(
    'when an elder presses SOS, then the desk acknowledges by keyboard and dispatches through the picker, the responder accepts, arrives and resolves on the phone, and the desk lists it closed with the responder',
    async () => {
      const name = '王秀英';
      const { page, errors } = await openDeskAs(desk, net);
      const phone = await desk.openPhone(net.responder);
      await phone.page.getByTestId('alerts-empty').waitFor();
      // both pages hear the gateway's heartbeat (every 5 s)
      const beat = { timeout: 12_000, interval: 200 };
      await expect.poll(() => page.getByTestId('heartbeat-indicator').getAttribute('data-state'), beat).toBe('ok');
      await expect.poll(() => phone.page.getByTestId('heartbeat-indicator').getAttribute('data-state'), beat).toBe('ok');
      const household = await home(desk, net, name, '城关镇幸福社区3栋2单元101');

      await household.sos();
      const row = rowOf(page, name);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('raised');
      expect(await row.getAttribute('data-key-target')).toBe('true');
      expect(await page.getByTestId('shortcut-hint').innerText()).toContain('确认');
      await page.getByTestId('unack-banner').waitFor();

      // A acknowledges the alert marked ⌨
      await page.keyboard.press('a');
      await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('acknowledged');
      await page.getByTestId('unack-banner').waitFor({ state: 'hidden' });

      // D opens the picker: best first, the off-duty nurse greyed but listed
      await page.keyboard.press('d');
      const picker = page.getByTestId('dispatch-dialog');
      await picker.waitFor();
      const options = picker.getByTestId('dispatch-option');
      await options.first().waitFor();
      expect(await options.first().getAttribute('data-responder-id')).toBe(net.responder.user.id);
      const first = await options.first().innerText();
      for (const part of ['护理员张丽', '该老人责任人', '同社区', '在岗', '推荐', '进行中 0 件']) expect(first).toContain(part);
      const nurse = options.filter({ hasText: '护士李强' });
      expect(await nurse.getAttribute('data-on-duty')).toBe('false');
      expect(await nurse.innerText()).toContain('休息中');
      expect(await options.first().locator('input').isChecked()).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}workflow-desk-zh.png` });
      await options.filter({ hasText: '护理员张丽' }).click();
      await page.getByTestId('dispatch-confirm').click();
      await picker.waitFor({ state: 'hidden' });

      await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('dispatched');
      await expect.poll(() => row.getByTestId('alert-assignee').innerText(), WAIT).toContain('护理员张丽');
      expect(await row.getByTestId('alert-assignee').innerText()).toContain('待接单');
      // the on-site visit is the alert's own work: on the task board, without buttons of its own
      await page.getByTestId('tab-tasks').click();
      const visit = page.locator('[data-testid=task-row][data-kind=visit]').filter({ hasText: name });
      await visit.waitFor();
      expect(await visit.getByTestId('task-with-alert').innerText()).toBe('随告警办理');
      expect(await visit.getByTestId('task-done-button').count()).toBe(0);
      await page.getByTestId('tab-queue').click();

      // the phone sees it live, with what it takes to get in and whom to call
      const card = phone.page.getByTestId('responder-alert').filter({ hasText: name });
      await card.waitFor();
      expect(await card.getAttribute('data-stage')).toBe('offered');
      const cardText = await card.innerText();
      for (const part of ['紧急呼叫', '城关镇幸福社区3栋2单元101', '新派单，请尽快接单']) expect(cardText).toContain(part);
      await card.getByTestId('elder-access').waitFor();
      expect(await card.getByTestId('elder-access').innerText()).toContain('钥匙在门口消防箱');
      expect(await card.getByTestId('contact-call').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
        'tel:13900000001',
        'tel:13900000002',
      ]);
      expect(await phone.page.locator('[data-testid=responder-task][data-kind=visit]').count()).toBe(0);
      await phone.page.screenshot({ path: `${SCREENSHOTS}responder-zh.png`, fullPage: true });

      await card.getByTestId('r-accept').click();
      await expect.poll(() => card.getAttribute('data-stage'), WAIT).toBe('accepted');
      await expect.poll(() => row.getByTestId('alert-assignee').innerText(), WAIT).toContain('已接单');
      await card.getByTestId('r-arrive').click();
      await expect.poll(() => card.getAttribute('data-stage'), WAIT).toBe('onSite');
      await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('on_site');
      expect(await row.getByTestId('alert-status').innerText()).toBe('已到场');

      // resolving needs a reason
      await card.getByTestId('r-resolve').click();
      const resolve = phone.page.getByTestId('resolve-dialog');
      await resolve.waitFor();
      await phone.page.getByTestId('resolve-confirm').click();
      expect(await resolve.isVisible()).toBe(true);
      await phone.page.getByTestId('resolve-reason').selectOption('handled_on_site');
      await phone.page.getByTestId('resolve-note').fill('老人跌倒后已扶起，无外伤，已联系儿子');
      await phone.page.getByTestId('resolve-confirm').click();
      await card.waitFor({ state: 'detached' });

      await row.waitFor({ state: 'detached' });
      await openRecentlyClosed(page);
      const closed = page.getByTestId('closed-alert-row').filter({ hasText: name });
      await closed.waitFor();
      expect(await closed.getAttribute('data-status')).toBe('resolved');
      expect(await closed.getAttribute('data-reason')).toBe('handled_on_site');
      const closedText = await closed.innerText();
      for (const part of ['已解决', '已上门处置', '护理员张丽', '无外伤']) expect(closedText).toContain(part);

      const alertId = (await closed.getAttribute('data-alert-id'))!;
      const detail = await desk.gw.api.getAlert(alertId);
      expect(detail.timeline.map((e) => e.action)).toEqual(['raised', 'acknowledged', 'dispatched', 'accepted', 'arrived', 'resolved']);
      // the follow-up visit (回访) comes to the desk's task board, for the same responder, with its due time
      await page.getByTestId('tab-tasks').click();
      const followUp = page.locator('[data-testid=task-row][data-kind=follow_up]').filter({ hasText: name });
      await followUp.waitFor();
      const followText = await followUp.innerText();
      for (const part of ['回访', '护理员张丽', '前完成']) expect(followText).toContain(part);
      await phone.page.locator('[data-testid=responder-task][data-kind=follow_up]').filter({ hasText: name }).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}workflow-desk-closed-zh.png`, fullPage: true });
      expect(errors).toEqual([]);
      expect(phone.errors).toEqual([]);
    },
    90_000,
  );

  test('when the operator opens an alert, then the detail shows the contacts in calling order, the medical and access notes and the timeline', async () => {
    const name = '李桂兰';
    const { page, errors } = await openDeskAs(desk, net);
    const household = await home(desk, net, name, '城关镇幸福社区8栋1单元302');
    await household.sos();
    const row = rowOf(page, name);
    await row.waitFor();

    // a click on the row shows it in the queue's side pane
    await row.getByTestId('elder-name').click();
    const dialog = page.getByTestId('alert-pane');
    await expect.poll(async () => dialog.getAttribute('data-alert-id'), WAIT).toBe(await row.getAttribute('data-alert-id'));
    const contacts = dialog.getByTestId('elder-contact');
    await expect.poll(() => contacts.count(), WAIT).toBe(2);
    expect(await contacts.nth(0).innerText()).toContain('王建国');
    expect(await contacts.nth(0).innerText()).toContain('13900000001');
    expect(await contacts.nth(1).innerText()).toContain('李秀兰');
    expect(await contacts.nth(0).getByTestId('contact-call').getAttribute('href')).toBe('tel:13900000001');
    expect(await dialog.getByTestId('elder-medical').innerText()).toContain('青霉素过敏');
    expect(await dialog.getByTestId('elder-access').innerText()).toContain('密码 2580');
    expect(await dialog.getByTestId('elder-record').innerText()).toContain('独居');
    const entries = dialog.getByTestId('timeline-entry');
    await entries.first().waitFor();
    expect(await entries.first().getAttribute('data-action')).toBe('raised');
    expect(await entries.first().innerText()).toContain(household.deviceId);

    // shortcuts sleep while the operator types in the note box
    await dialog.getByTestId('note-input').click();
    await page.keyboard.press('a');
    expect(await row.getAttribute('data-status')).toBe('raised');
    expect(await dialog.getByTestId('note-input').inputValue()).toBe('a');
    await dialog.getByTestId('note-input').fill('');
    await page.locator('body').click({ position: { x: 5, y: 1075 } });
    await page.keyboard.press('a');
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('acknowledged');

    // the pane stays on the alert; its timeline now names the operator
    await expect.poll(() => dialog.getByTestId('timeline-entry').count(), WAIT).toBe(2);
    const ack = dialog.locator('[data-testid=timeline-entry][data-action=acknowledged]');
    expect(await ack.innerText()).toContain('值班员王敏');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the operator marks an alert a false alarm, then a note is required and the alert closes as a false alarm without a follow-up visit', async () => {
    const name = '赵凤兰';
    const { page, errors } = await openDeskAs(desk, net);
    const household = await home(desk, net, name, '城关镇幸福社区2栋4单元501');
    await household.sos();
    const row = rowOf(page, name);
    await row.waitFor();
    const alertId = (await row.getAttribute('data-alert-id'))!;

    await page.keyboard.press('f');
    const dialog = page.getByTestId('false-alarm-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(name);
    await page.getByTestId('false-alarm-note').fill('   ');
    await page.getByTestId('false-alarm-confirm').click();
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.locator('[data-role=form-error]').innerText()).toBe('请填写此项');

    await page.getByTestId('false-alarm-note').fill('老人误按，已电话确认安好');
    await page.getByTestId('false-alarm-confirm').click();
    await row.waitFor({ state: 'detached' });
    await openRecentlyClosed(page);
    const closed = page.getByTestId('closed-alert-row').filter({ hasText: name });
    await closed.waitFor();
    expect(await closed.getAttribute('data-status')).toBe('false_alarm');
    expect(await closed.innerText()).toContain('误报');
    expect(await closed.innerText()).toContain('老人误按');
    await page.getByTestId('unack-banner').waitFor({ state: 'hidden' });

    const alert = await desk.gw.api.getAlert(alertId);
    expect(alert.status).toBe('false_alarm');
    const tasks = await desk.gw.api.listTasks('all');
    expect(tasks.filter((task) => task.alertId === alertId && task.kind === 'follow_up')).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the operator puts an alert on hold, then it needs a reason, the alarm stops, the row says until when and why, in zh-CN and English', async () => {
    const name = '孙玉珍';
    const { page, errors } = await openDeskAs(desk, net);
    const household = await home(desk, net, name, '城关镇幸福社区5栋1单元101');
    await household.sos();
    const row = rowOf(page, name);
    await row.waitFor();
    await page.getByTestId('unack-banner').waitFor();
    const alertId = (await row.getAttribute('data-alert-id'))!;

    await page.keyboard.press('h');
    const dialog = page.getByTestId('hold-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('hold-minutes').inputValue()).toBe('15');
    await page.getByTestId('hold-confirm').click();
    expect(await dialog.isVisible()).toBe(true);
    await page.getByTestId('hold-reason').fill('家属正在赶来，等待回电');
    await page.getByTestId('hold-minutes').selectOption('30');
    const before = Date.now();
    await page.getByTestId('hold-confirm').click();

    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('on_hold');
    const hold = row.getByTestId('hold-info');
    expect(await hold.innerText()).toContain('暂缓至');
    expect(await hold.innerText()).toContain('家属正在赶来，等待回电');
    expect(await row.getByTestId('alert-status').innerText()).toBe('暂缓处理');
    // a hold is a decision with a reason: no alarm, and the keyboard moves on
    await page.getByTestId('unack-banner').waitFor({ state: 'hidden' });
    expect(await row.getAttribute('data-key-target')).toBe('false');
    const held = await desk.gw.api.getAlert(alertId);
    expect(held.holdReason).toBe('家属正在赶来，等待回电');
    const until = Date.parse(held.holdUntil!);
    expect(until).toBeGreaterThanOrEqual(before + 30 * 60_000 - 5_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 5_000);
    expect((await desk.gw.api.getAlert(alertId)).timeline.map((e) => e.action)).toContain('held');

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => row.getByTestId('alert-status').innerText(), WAIT).toBe('On hold');
    expect(await hold.innerText()).toContain('on hold until');
    expect(await page.getByTestId('shortcut-hint').innerText()).toContain('acknowledge');
    expect(await labelsOnly(page)).not.toMatch(HAN);
    await page.getByTestId('lang-switch').getByTestId('lang-zh').click();
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the desk takes a service request, then it is assigned to a responder, completed with an outcome; cancelling another needs a reason', async () => {
    const name = '周桂芝';
    const { page, errors } = await openDeskAs(desk, net);
    const household = await home(desk, net, name, '城关镇幸福社区9栋3单元201');
    // the county's admin takes the two requests on the phone line; the town operator's desk shows them live
    const admin = desk.gw.api;
    await page.getByTestId('tab-tasks').click();
    const meals = await ok<TaskView>(admin.request('POST', '/api/v1/service-requests', { elderId: household.elder.id, service: 'meals', note: '每天中午送餐' }));
    const ride = await ok<TaskView>(admin.request('POST', '/api/v1/service-requests', { elderId: household.elder.id, service: 'ride' }));

    const mealsRow = page.locator(`[data-testid=task-row][data-task-id="${meals.id}"]`);
    await mealsRow.waitFor();
    // a card the board has not drawn yet (content-visibility: auto) has no innerText until the next frame
    await expect.poll(() => mealsRow.innerText(), WAIT).toContain('每天中午送餐');
    const text = await mealsRow.innerText();
    for (const part of ['服务请求', '助餐', '待指派', '未指派', '每天中午送餐']) expect(text).toContain(part);

    await mealsRow.getByTestId('task-assign-button').click();
    const assign = page.getByTestId('task-assign-dialog');
    await assign.waitFor();
    const choices = await page.getByTestId('task-assign-responder').locator('option').allInnerTexts();
    expect(choices.some((c) => c.includes('护理员张丽') && c.includes('在岗'))).toBe(true);
    await page.getByTestId('task-assign-responder').selectOption(net.responder.user.id);
    await page.getByTestId('task-assign-confirm').click();
    await expect.poll(() => mealsRow.getAttribute('data-status'), WAIT).toBe('assigned');
    await expect.poll(() => mealsRow.getByTestId('task-assignee').innerText(), WAIT).toContain('护理员张丽');

    await mealsRow.getByTestId('task-done-button').click();
    const complete = page.getByTestId('task-complete-dialog');
    await complete.waitFor();
    await page.getByTestId('task-complete-confirm').click();
    expect(await complete.isVisible()).toBe(true);
    await page.getByTestId('task-outcome').selectOption('service_delivered');
    await page.getByTestId('task-complete-note').fill('已安排社区食堂送餐');
    await page.getByTestId('task-complete-confirm').click();
    await mealsRow.waitFor({ state: 'detached' });
    const done = await ok<TaskView>(desk.gw.api.request('GET', `/api/v1/tasks/${meals.id}`), 200);
    expect(done).toMatchObject({ status: 'done', outcome: 'service_delivered' });

    const rideRow = page.locator(`[data-testid=task-row][data-task-id="${ride.id}"]`);
    await rideRow.getByTestId('task-cancel-button').click();
    const cancel = page.getByTestId('task-cancel-dialog');
    await cancel.waitFor();
    await page.getByTestId('task-cancel-confirm').click();
    expect(await cancel.isVisible()).toBe(true);
    await page.getByTestId('task-cancel-reason').fill('家属已自行安排');
    await page.getByTestId('task-cancel-confirm').click();
    await rideRow.waitFor({ state: 'detached' });
    const cancelled = await ok<TaskView>(desk.gw.api.request('GET', `/api/v1/tasks/${ride.id}`), 200);
    expect(cancelled.status).toBe('cancelled');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when no heartbeat arrives for 15 s, then the top bar and a banner say the picture is stale, and the next heartbeat clears it', async () => {
    let live!: Awaited<ReturnType<typeof interceptLiveLink>>;
    const { page, errors } = await openDeskAs(desk, net, async (p) => {
      live = await interceptLiveLink(p);
    });
    const pulse = page.getByTestId('heartbeat-indicator');
    await expect.poll(() => pulse.getAttribute('data-state'), { timeout: 12_000, interval: 200 }).toBe('ok');
    expect(await pulse.innerText()).toBe('网关心跳正常');
    const banner = page.getByTestId('stale-banner');
    expect(await banner.isVisible()).toBe(false);

    live.hold();
    await banner.waitFor({ timeout: 25_000 });
    expect(await banner.innerText()).toMatch(/^已 1\d 秒未收到网关心跳/);
    expect(await pulse.getAttribute('data-state')).toBe('stale');
    expect(await page.getByTestId('live-banner').isVisible()).toBe(false);

    live.release();
    await banner.waitFor({ state: 'hidden', timeout: 10_000 });
    await expect.poll(() => pulse.getAttribute('data-state'), WAIT).toBe('ok');
    expect(errors).toEqual([]);
  }, 60_000);

  test('when a responder signs in at the desk, then the page sends them to the responder page', async () => {
    const { page, errors } = await desk.openDesk();
    // the desk's footer links the phone page, for responders who land here
    expect(await page.getByTestId('responder-link').getAttribute('href')).toBe('responder.html');
    await page.getByTestId('login-username').fill(net.responder.user.username);
    await page.getByTestId('login-password').fill(net.responder.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/responder\.html$/);
    await expect.poll(() => page.getByTestId('me-label').innerText(), WAIT).toBe('护理员张丽');
    expect(await page.getByTestId('my-alerts').count()).toBe(1);
    expect(errors).toEqual([]);
  }, 30_000);
});

describe.skipIf(chromiumMissing())('escalation and late arrival on the duty desk', () => {
  const desk = useDeskBrowser({
    OFFLINE_GRACE_SECONDS: '3600',
    ESCALATION_P1_SECONDS: '2,4',
    ARRIVAL_P1_MINUTES: '0.03', // under 2 s
    DEADLINE_TICK_MS: '100',
  });
  let net: Network;
  beforeAll(async () => {
    net = await provision(desk);
  }, 30_000);

  test('when nobody acknowledges a P1, then the row says re-alerted, then escalated to supervisor, flashes, and a timed mute chosen with it on screen holds', async () => {
    const name = '马淑珍';
    const { page, errors } = await openDeskAs(desk, net);
    const household = await home(desk, net, name, '城关镇幸福社区7栋2单元402');
    await household.sos();
    const row = rowOf(page, name);
    await row.waitFor();
    // the operator has seen this P1 and mutes for 15 minutes (sound.ts: a mute silences what was seen, escalations too)
    const mute = page.getByTestId('mute-toggle');
    await mute.click();
    await page.getByTestId('mute-15').click();
    await expect.poll(() => page.getByTestId('mute-toggle').getAttribute('aria-pressed'), WAIT).toBe('true');
    expect(await page.getByTestId('unack-banner').getAttribute('data-alarm')).toBe('muted');

    // alert.updated (the level) and alert.escalated (the re-alert) may come in either order: poll each
    await expect.poll(() => row.getAttribute('data-escalation-level'), WAIT).toBe('1');
    expect(await row.getByTestId('escalation-badge').innerText()).toBe('已再次提醒');
    await expect.poll(() => row.getAttribute('data-flash'), WAIT).toBe('true');
    // the escalation is on screen (flash, notice, banner) but does not lift the operator's timed mute
    await expect.poll(() => page.getByTestId('action-message').innerText(), WAIT).toContain('超时未确认');
    expect(await page.getByTestId('mute-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('unack-banner').getAttribute('data-alarm')).toBe('muted');

    await expect.poll(() => row.getAttribute('data-escalation-level'), WAIT).toBe('2');
    expect(await row.getByTestId('escalation-badge').innerText()).toBe('已升级至主管');
    await page.screenshot({ path: `${SCREENSHOTS}workflow-desk-escalated-zh.png` });

    await page.keyboard.press('a');
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('acknowledged');
    await page.getByTestId('unack-banner').waitFor({ state: 'hidden' });
    const detail: AlertDetail = await desk.gw.api.getAlert((await row.getAttribute('data-alert-id'))!);
    expect(detail.timeline.filter((e) => e.action === 'escalated')).toHaveLength(2);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when an accepted responder is not on site in time, then the desk row and the phone both say late arrival', async () => {
    const name = '郭秀珍';
    const { page, errors } = await openDeskAs(desk, net);
    const phone = await desk.openPhone(net.responder);
    const household = await home(desk, net, name, '城关镇幸福社区6栋1单元203');
    await household.sos();
    const row = rowOf(page, name);
    await row.waitFor();
    const alertId = (await row.getAttribute('data-alert-id'))!;
    await ok(net.operator.api.request('POST', `/api/v1/alerts/${alertId}/dispatch`, { responderId: net.responder.user.id }), 200);

    const card = phone.page.getByTestId('responder-alert').filter({ hasText: name });
    await card.getByTestId('r-accept').click();
    await expect.poll(() => row.getAttribute('data-late-arrival'), WAIT).toBe('true');
    expect(await row.getByTestId('late-badge').innerText()).toBe('未按时到场');
    expect(await row.getAttribute('data-status')).toBe('dispatched');
    await card.getByTestId('late-badge').waitFor();
    expect(await card.getByTestId('late-badge').innerText()).toBe('未按时到场');

    await card.getByTestId('r-arrive').click();
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('on_site');
    expect(errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  }, 60_000);
});
