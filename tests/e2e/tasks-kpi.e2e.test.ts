import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import type { AlarmReport, AlertView, Elder, RegionView, TaskView, VisitCoverage } from '../../schemas/index.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { HAN, SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { connectDevice } from '../support/mqtt-device.js';

// The duty desk's tasks board and the shift's KPI strip in a real Chromium against a real gateway, as a town's
// operator: a low-battery task arrives live and moves across the board's columns as it is assigned and completed;
// the strip counts open alerts by priority and, once an alert is acknowledged, shows the alarm report's time to
// acknowledge; both read in English after the switch; and with hundreds of tasks open, only their ages tick.

type Column = 'open' | 'assigned' | 'accepted' | 'finished';

const ok = <T>(reply: Promise<ApiReply>) => replyBody<T>(reply);

/** The desk's "today" and "this month", as the page computes them (the browser runs in this machine's zone). */
function today(): { from: string; month: string } {
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  return { from: midnight.toISOString(), month: `${midnight.getFullYear()}-${String(midnight.getMonth() + 1).padStart(2, '0')}` };
}

function column(page: Page, name: Column): Locator {
  return page.locator(`[data-testid=task-column][data-column=${name}]`);
}

async function columnCount(page: Page, name: Column): Promise<number> {
  return Number(await column(page, name).getByTestId('task-column-count').innerText());
}

/**
 * The text of a board row as a person sees it, scrolled to: rows off screen skip rendering (content-visibility: auto,
 * tasks.css) and read as empty, and the board's order depends on the tasks' ages, so a row may be below the fold.
 */
async function seen(row: Locator): Promise<string> {
  await row.scrollIntoViewIfNeeded();
  return row.innerText();
}

/** The text of `root` minus what people typed (class "typed": names, addresses, notes, community names). */
async function labelsOnly(root: Locator): Promise<string> {
  const typed = await root.locator('.typed').allInnerTexts();
  let visible = await root.innerText();
  for (const text of typed.sort((a, b) => b.length - a.length)) if (text) visible = visible.split(text).join('');
  return visible;
}

describe.skipIf(chromiumMissing())('tasks board and KPI strip on the duty desk', () => {
  // Devices closed at the end of a test must not turn into device_offline alerts and tasks in a later test.
  const desk = useDeskBrowser({ OFFLINE_GRACE_SECONDS: '3600' });
  let net: CareNetwork;
  /** A second community of the operator's town, with a responder of its own. */
  let otherCommunity: RegionView;
  let otherResponder: Person;

  beforeAll(async () => {
    net = await setUpCareNetwork(desk.gw);
    otherCommunity = await createRegion(desk.gw, '和平社区', 'community', net.townA.id);
    otherResponder = await createPerson(desk.gw, 'resp-peace', {
      displayName: '护理员赵',
      role: 'responder',
      regionId: otherCommunity.id,
      responderKind: 'care_worker',
      phone: '13800000009',
    });
  }, 30_000);
  afterAll(() => net?.close());

  /**
   * Elders of the operator's first community ('general': no monthly visits of their own). After the test their open
   * alerts are resolved and their open tasks cancelled, so the next test's counts are its own.
   */
  async function elders(names: string[]): Promise<Elder[]> {
    const created: Elder[] = [];
    for (const name of names) {
      const body = { name, address: `${name}的家，幸福社区7栋`, regionId: net.communityA.id, riskCategory: 'general' };
      created.push(await ok<Elder>(desk.gw.api.request('POST', '/api/v1/elders', body)));
    }
    const ids = new Set(created.map((e) => e.id));
    onTestFinished(async () => {
      for (const alert of await desk.gw.api.listAlerts('open')) {
        if (ids.has(alert.elder.id)) await desk.gw.api.resolve(alert.id, 'test cleanup');
      }
      for (const task of await desk.gw.api.listTasks('open&limit=1000')) {
        if (ids.has(task.elder.id)) await desk.gw.api.request('POST', `/api/v1/tasks/${task.id}/cancel`, { reason: 'test cleanup' });
      }
    });
    return created;
  }

  const elder = async (name: string): Promise<Elder> => (await elders([name]))[0]!;

  /** The desk as the town's operator; on the tasks tab unless told otherwise. */
  async function openDesk(onTasks = true) {
    const opened = await desk.openDesk();
    await signIn(opened.page, net.operatorA);
    await opened.page.getByTestId('kpi-bar').waitFor();
    if (onTasks) {
      await opened.page.getByTestId('tab-tasks').click();
      await opened.page.getByTestId('task-list').waitFor();
    }
    return opened;
  }

  const serviceRequest = (elderId: string, service: string, note?: string) =>
    ok<TaskView>(desk.gw.api.request('POST', '/api/v1/service-requests', { elderId, service, ...(note ? { note } : {}) }));

  test('when a call button reports a low battery, then its task appears live to assign, moves to assigned, and shows as finished once completed', async () => {
    const { page, errors } = await openDesk();
    const zhao = await elder('赵淑英');
    const button = await connectDevice(desk.gw, zhao.id, 'call_button');
    const openBefore = await columnCount(page, 'open');

    await button.send('status', 'heartbeat', { battery: 9 });
    const card = column(page, 'open').getByTestId('task-row').filter({ hasText: '赵淑英' });
    await card.waitFor();
    const taskId = (await card.getAttribute('data-task-id'))!;
    expect(await card.getAttribute('data-kind')).toBe('maintenance');
    expect(await card.getAttribute('data-reason')).toBe('low_battery');
    const text = await seen(card);
    for (const part of ['设备维护上门', '电量低，需更换电池', '待指派', '未指派', '幸福社区7栋', button.id]) expect(text).toContain(part);
    await expect.poll(() => columnCount(page, 'open'), WAIT).toBe(openBefore + 1);

    // the filters narrow the board by kind and by the elder's community
    await page.getByTestId('task-filter-kind').selectOption('service');
    await card.waitFor({ state: 'detached' });
    await page.getByTestId('task-filter-kind').selectOption('maintenance');
    await card.waitFor();
    await page.getByTestId('task-filter-region').selectOption(otherCommunity.id);
    await card.waitFor({ state: 'detached' });
    await page.getByTestId('task-filter-region').selectOption(net.communityA.id);
    await card.waitFor();
    await page.getByTestId('task-filter-kind').selectOption('');
    await page.getByTestId('task-filter-region').selectOption('');

    // responders of the elder's community come first, on duty, then the town's others
    await card.getByTestId('task-assign-button').click();
    await page.getByTestId('task-assign-dialog').waitFor();
    const choices = await page.getByTestId('task-assign-responder').locator('option').allInnerTexts();
    expect(choices.slice(1).map((c) => c.split(' · ')[0])).toEqual(['护理员李', '护理员张', otherResponder.user.displayName]);
    expect(choices[1]).toContain(net.communityA.name);
    expect(choices[3]).toContain('和平社区');
    expect(choices[1]).toContain('在岗');
    await page.getByTestId('task-assign-responder').selectOption(net.responderA.user.id);
    await page.getByTestId('task-assign-confirm').click();

    const assigned = column(page, 'assigned').locator(`[data-testid=task-row][data-task-id="${taskId}"]`);
    await assigned.waitFor();
    await card.waitFor({ state: 'detached' });
    await seen(assigned);
    expect(await assigned.getByTestId('task-assignee').innerText()).toContain('护理员张');
    expect(await assigned.getByTestId('task-status').innerText()).toBe('已指派');
    await expect.poll(() => columnCount(page, 'open'), WAIT).toBe(openBefore);

    // the responder accepts on the phone: the card moves on by itself
    await ok(net.responderA.api.request('POST', `/api/v1/tasks/${taskId}/accept`));
    const accepted = column(page, 'accepted').locator(`[data-testid=task-row][data-task-id="${taskId}"]`);
    await accepted.waitFor();
    expect(await accepted.getByTestId('task-assign-button').count()).toBe(0);

    await accepted.getByTestId('task-done-button').click();
    await page.getByTestId('task-complete-dialog').waitFor();
    await page.getByTestId('task-outcome').selectOption('fixed');
    await page.getByTestId('task-complete-note').fill('已更换电池');
    await page.getByTestId('task-complete-confirm').click();

    const finished = column(page, 'finished').locator(`[data-testid=task-finished-row][data-task-id="${taskId}"]`);
    await finished.waitFor();
    await accepted.waitFor({ state: 'detached' });
    expect(await page.locator(`[data-testid=task-row][data-task-id="${taskId}"]`).count()).toBe(0);
    const finishedText = await seen(finished);
    for (const part of ['已完成', '已修复', '值班员甲', '已更换电池']) expect(finishedText).toContain(part);
    const done = await ok<TaskView>(desk.gw.api.request('GET', `/api/v1/tasks/${taskId}`));
    expect(done).toMatchObject({ status: 'done', outcome: 'fixed' });
    await page.screenshot({ path: `${SCREENSHOTS}tasks-board-zh.png` });
    expect(errors).toEqual([]);
  }, 60_000);

  test('when P1 and P2 alerts are open, then the strip counts them, and once one is acknowledged it shows the alarm report\'s time to acknowledge', async () => {
    const { page, errors } = await openDesk(false);
    const qian = await elder('钱秀珍');
    const button = await connectDevice(desk.gw, qian.id, 'call_button');
    const leak = await connectDevice(desk.gw, qian.id, 'water_leak_sensor', { room: '卫生间' });
    await button.send('events', 'sos');
    await leak.send('events', 'water_leak');

    const mine = async () => (await net.operatorA.api.request<{ items: AlertView[] }>('GET', '/api/v1/alerts?status=open')).body.items;
    let open: AlertView[] = [];
    await expect.poll(async () => (open = await mine()).filter((a) => a.elder.id === qian.id).length, WAIT).toBe(2);
    const count = (priority: number) => String(open.filter((a) => a.priority === priority).length);
    const p1 = page.getByTestId('kpi-open-p1');
    await expect.poll(() => p1.getAttribute('data-value'), WAIT).toBe(count(1));
    expect(await page.getByTestId('kpi-open-p2').getAttribute('data-value')).toBe(count(2));
    expect(await page.getByTestId('kpi-open-p3').getAttribute('data-value')).toBe(count(3));
    expect(await p1.getByTestId('kpi-open-p1-value').innerText()).toBe(count(1));
    // an open P1 is red
    expect(await p1.getAttribute('class')).toContain('alarm');

    const sos = open.find((a) => a.elder.id === qian.id && a.type === 'sos')!;
    await ok(net.operatorA.api.ack(sos.id));
    const { from, month } = today();
    const report = await ok<AlarmReport>(
      net.operatorA.api.request('GET', `/api/v1/reports/alarms?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date().toISOString())}`),
    );
    const ack = report.timeToAcknowledge;
    expect(ack.medianSeconds).not.toBeNull();
    const median = page.getByTestId('kpi-ack-median');
    await expect.poll(() => median.getAttribute('data-value'), WAIT).toBe(String(ack.medianSeconds));
    const within = page.getByTestId('kpi-ack-within60');
    expect(await within.getAttribute('data-value')).toBe(String(ack.within60sShare));
    expect(await within.getByTestId('kpi-ack-within60-value').innerText()).toBe(`${Math.round(ack.within60sShare! * 100)}%`);
    // acknowledged within seconds: shown in seconds, as the queue shows ages
    expect(await median.getByTestId('kpi-ack-median-value').innerText()).toBe(`${Math.floor(ack.medianSeconds!)}秒`);
    // the P1 is acknowledged but still open: counted, still red
    expect(await p1.getAttribute('data-value')).toBe(count(1));

    // visits: this month's coverage of the town, "—" when nothing is due
    const coverage = await ok<VisitCoverage>(net.operatorA.api.request('GET', `/api/v1/reports/visit-coverage?month=${month}`));
    const visits = await page.getByTestId('kpi-visits-value').innerText();
    expect(visits).toBe(coverage.total.due === 0 ? '—' : `${coverage.total.covered} / ${coverage.total.due}`);
    await page.getByTestId('kpi-devices-offline').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}kpi-strip-zh.png`, clip: { x: 0, y: 0, width: 1920, height: 400 } });
    expect(errors).toEqual([]);
  }, 60_000);

  test('when a P1 alarm waits unacknowledged past 60 s, then the strip counts it as a miss, as the alarm report does, and every tile says what it counts', async () => {
    const { page, errors } = await openDesk(false);
    const zhou = await elder('周桂芝');
    const button = await connectDevice(desk.gw, zhou.id, 'call_button');
    await button.send('events', 'sos');
    const mine = async () => (await net.operatorA.api.request<{ items: AlertView[] }>('GET', '/api/v1/alerts?status=open')).body.items;
    let sos: AlertView | undefined;
    await expect.poll(async () => (sos = (await mine()).find((a) => a.elder.id === zhou.id && a.type === 'sos')) !== undefined, WAIT).toBe(true);
    const report = async () => {
      const { from } = today();
      return ok<AlarmReport>(
        net.operatorA.api.request('GET', `/api/v1/reports/alarms?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date().toISOString())}`),
      );
    };

    // every tile says what it counts
    const notes = await page.locator('[data-testid=kpi-bar] .kpi-note').allInnerTexts();
    expect(notes.length).toBe(await page.locator('[data-testid=kpi-bar] .kpi-tile').count());
    for (const note of notes) expect(note.trim()).not.toBe('');
    expect(await page.getByTestId('kpi-ack-median-note').innerText()).toBe('今日告警，含仍在等待的告警');
    expect(await page.getByTestId('kpi-ack-within60-note').innerText()).toBe('等待超 60 秒未确认即计为未达标');

    // within its first minute it is neither a hit nor a miss yet
    expect(await page.getByTestId('kpi-ack-waiting').count()).toBe(0);
    const early = await report();
    expect(early.timeToAcknowledge.waiting).toBe(0);
    // past the target, with no other change on the desk, the strip asks again by itself and counts it
    const missAt = Date.parse(sos!.raisedAt) + 62_000;
    await page.waitForTimeout(Math.max(0, missAt - Date.now()));
    const waiting = page.getByTestId('kpi-ack-waiting');
    await expect.poll(() => waiting.getAttribute('data-value'), { ...WAIT, timeout: 20_000 }).toBe('1');
    const now = await report();
    expect(now.timeToAcknowledge.waiting).toBe(1);
    const within = page.getByTestId('kpi-ack-within60');
    expect(await within.getAttribute('data-value')).toBe(String(now.timeToAcknowledge.within60sShare));
    expect(now.timeToAcknowledge.within60sShare).toBeLessThan(1);
    expect(await waiting.innerText()).toBe('1 条仍在等待');
    expect(await page.getByTestId('kpi-ack-median').innerText()).toContain('1 条仍在等待');
    // the strip's median counts the waiting alarm at its age, as the report does: a value over 60 s joined the
    // (quick) acknowledgements, and it only grows while the alarm waits, so the strip's lies between the two reports
    const stripMedian = Number(await page.getByTestId('kpi-ack-median').getAttribute('data-value'));
    expect(stripMedian).toBeGreaterThanOrEqual(early.timeToAcknowledge.medianSeconds ?? 0);
    expect(stripMedian).toBeLessThanOrEqual(now.timeToAcknowledge.medianSeconds!);
    await page.screenshot({ path: `${SCREENSHOTS}kpi-strip-waiting-zh.png`, clip: { x: 0, y: 0, width: 1920, height: 400 } });

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('kpi-ack-median-note').innerText(), WAIT).toBe("today's alerts, includes alerts still waiting");
    expect(await waiting.innerText()).toBe('1 still waiting');
    await page.getByTestId('lang-switch').getByTestId('lang-zh').click();
    expect(errors).toEqual([]);
  }, 120_000);

  test('when the language is switched to English, then the board and the strip have no Chinese left beyond what people typed', async () => {
    const { page, errors } = await openDesk();
    const sun = await elder('孙桂兰');
    const meals = await serviceRequest(sun.id, 'meals', '每天中午送餐');
    const bathing = await serviceRequest(sun.id, 'bathing');
    const ride = await serviceRequest(sun.id, 'ride');
    await ok(desk.gw.api.request('POST', `/api/v1/tasks/${bathing.id}/assign`, { responderId: net.responderA.user.id }));
    await ok(desk.gw.api.request('POST', `/api/v1/tasks/${ride.id}/complete`, { outcome: 'service_delivered', note: '家属已接送' }));
    await column(page, 'finished').locator(`[data-task-id="${ride.id}"]`).waitFor();
    await column(page, 'assigned').locator(`[data-task-id="${bathing.id}"]`).waitFor();
    await column(page, 'open').locator(`[data-task-id="${meals.id}"]`).waitFor();

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    const board = page.getByTestId('task-list');
    const strip = page.getByTestId('kpi-bar');
    await expect.poll(() => column(page, 'open').locator('h3').innerText(), WAIT).toContain('To assign');
    const headings = await page.locator('[data-testid=task-column] h3 > span:first-child').allInnerTexts();
    expect(headings).toEqual(['To assign', 'Assigned', 'In progress', 'Finished today']);
    const row = (id: string) => board.locator(`[data-task-id="${id}"]`);
    const boardText = [await seen(row(meals.id)), await seen(row(bathing.id)), await seen(row(ride.id)), await board.innerText()].join('\n');
    for (const part of ['Service request', 'Meals', 'Bathing', 'Assigned to', 'Service delivered', 'All kinds']) expect(boardText).toContain(part);
    expect(await strip.innerText()).toContain('Open P1');
    expect(await labelsOnly(board)).not.toMatch(HAN);
    expect(await labelsOnly(strip)).not.toMatch(HAN);
    await page.screenshot({ path: `${SCREENSHOTS}tasks-board-en.png` });
    await page.getByTestId('lang-switch').getByTestId('lang-zh').click();
    expect(errors).toEqual([]);
  }, 60_000);

  test('when hundreds of tasks are open, then the board lists them all and each second only their ages change', async () => {
    const { page, errors } = await openDesk();
    // one open request per elder and service: 40 elders, 6 services each
    const services = ['meals', 'cleaning', 'bathing', 'ride', 'doctor', 'question'];
    const many = await elders(Array.from({ length: 40 }, (_, i) => `周玉珍${i + 1}`));
    for (const one of many) for (const service of services) await serviceRequest(one.id, service);
    const cards = column(page, 'open').getByTestId('task-row').filter({ hasText: '周玉珍' });
    await expect.poll(() => cards.count(), { ...WAIT, timeout: 20_000 }).toBe(240);
    // Steady first: on a loaded machine the last task events may still be arriving when the 240th card shows, and the
    // columns' counts would change under the observer for that reason, not because a second passed.
    const counts = () => Promise.all((['open', 'assigned', 'accepted', 'finished'] as const).map((c) => columnCount(page, c)));
    let last = await counts();
    await expect
      .poll(async () => {
        const now = await counts();
        const steady = now.join() === last.join();
        last = now;
        return steady;
      }, { interval: 1500, timeout: 20_000 })
      .toBe(true);

    // what changes in the board over three seconds, except the ages' own text
    const changes = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const board = document.querySelector('[data-testid=task-list]')!;
          const seen: string[] = [];
          let ages = 0;
          const observer = new MutationObserver((records) => {
            for (const record of records) {
              const target = record.target instanceof Element ? record.target : record.target.parentElement;
              if (target?.closest('.task-age')) ages += 1;
              else seen.push(`${record.type} ${target?.className ?? ''}`);
            }
          });
          observer.observe(board, { subtree: true, childList: true, characterData: true, attributes: true });
          setTimeout(() => {
            observer.disconnect();
            seen.push(`ages ${ages > 0}`);
            resolve(seen);
          }, 3000);
        }),
    );
    expect(changes).toEqual(['ages true']);
    expect(errors).toEqual([]);
  }, 120_000);
});
