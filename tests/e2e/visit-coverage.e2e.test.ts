import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Elder, RegionView, TaskView, VisitCoverage } from '../../schemas/index.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { HAN, PHONE, SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { eventually } from '../support/mqtt-device.js';

// The visits tab's coverage in a real Chromium against a real gateway, with the shipped visit policy (living alone:
// monthly, at the door only). Elders living alone in two communities of one town get their care visits at
// registration; one is visited at the door (covered), one was not home (a failed visit), the others are still owed.
// A supervisor of the county reads the headline (still waiting and not covered first), drills from the county's
// total into a community and sees the elder whose visit failed, with the reason. On the desk's task board a visit is
// completed by phone where the door is required: the coverage says the way does not count, and 再次探访 from the
// list makes the second attempt, which the board shows as 第2次. A responder completes another on the phone, at the
// door, and the period is covered.

const ok = <T>(reply: Promise<ApiReply>) => replyBody<T>(reply);

describe.skipIf(chromiumMissing())('visit coverage screen', () => {
  const desk = useDeskBrowser({ OFFLINE_GRACE_SECONDS: '3600' });
  let net: CareNetwork;
  /** A second community of the first town. */
  let peace: RegionView;
  let countySupervisor: Person;
  let covered: Elder;
  let notHome: Elder;
  let byPhone: Elder;

  async function elderIn(regionId: string, name: string): Promise<Elder> {
    return ok<Elder>(desk.gw.api.request('POST', '/api/v1/elders', { name, address: `${name}的家`, regionId, groups: ['living_alone'] }));
  }

  /** The elder's open care visit, made by the gateway when the elder was registered. */
  async function visitOf(elder: { id: string }): Promise<TaskView> {
    const open = await eventually(
      () => desk.gw.api.listTasks('open'),
      (tasks) => tasks.some((t) => t.elder.id === elder.id && t.kind === 'care_visit'),
    );
    return open.find((t) => t.elder.id === elder.id && t.kind === 'care_visit')!;
  }

  async function complete(task: TaskView, outcome: string, mode: string): Promise<void> {
    await ok(desk.gw.api.request('POST', `/api/v1/tasks/${task.id}/complete`, { outcome, mode }));
  }

  beforeAll(async () => {
    net = await setUpCareNetwork(desk.gw);
    peace = await createRegion(desk.gw, '和平社区', 'community', net.townA.id);
    countySupervisor = await createPerson(desk.gw, 'sup-county', { displayName: '县主管', role: 'supervisor', regionId: net.county.id, phone: '13800000011' });
    covered = await elderIn(net.communityA.id, '王秀英');
    notHome = await elderIn(peace.id, '李桂兰');
    byPhone = await elderIn(peace.id, '周德明');
    await complete(await visitOf(covered), 'visited', 'door');
    await complete(await visitOf(notHome), 'not_home', 'door');
    // the one completed by phone on the desk in the second test must be open
    await visitOf(byPhone);
  }, 60_000);

  afterAll(async () => {
    await net?.close();
  });

  async function openCoverage(): Promise<Page> {
    const { page } = await desk.openDesk();
    await signIn(page, countySupervisor);
    await page.getByTestId('kpi-bar').waitFor();
    await page.getByTestId('tab-visits').click();
    await page.locator('[data-testid=coverage][data-state=ok]').waitFor();
    return page;
  }

  const valueOf = (page: Page, testid: string) => page.getByTestId(testid).getAttribute('data-value');
  const row = (page: Page, id: string) => page.locator(`[data-testid=coverage-row][data-region-id="${id}"]`);
  const gap = (page: Page, elder: Elder) => page.locator(`[data-testid=coverage-gap][data-elder-id="${elder.id}"]`);

  test('when one visit failed and others are still owed, then the headline says so first and the drill-down from the county to the community names the elder and why', async () => {
    const page = await openCoverage();

    // what is still owed comes first: the headline never shows only what went well
    const first = page.getByTestId('coverage-figures').locator('[data-testid^=coverage-]').first();
    expect(await first.getAttribute('data-testid')).toBe('coverage-waiting');
    // five elders living alone (two of the network, three here), each owed this month's visit
    expect(await valueOf(page, 'coverage-due')).toBe('5');
    expect(await valueOf(page, 'coverage-covered')).toBe('1');
    expect(await valueOf(page, 'coverage-waiting')).toBe('3');
    expect(await valueOf(page, 'coverage-missed')).toBe('1');
    expect(await valueOf(page, 'coverage-rate')).toBe(String(1 / 5));
    expect(await page.getByTestId('coverage-rate-value').innerText()).toBe('20%');
    const box = await page.getByTestId('coverage-figures').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(1080);

    // the county's places: both towns, the first already open to its two communities
    expect(await row(page, net.townA.id).getByTestId('coverage-row-due').innerText()).toBe('4');
    expect(await row(page, net.townA.id).getByTestId('coverage-row-not_home').innerText()).toBe('1');
    expect(await row(page, net.townB.id).getByTestId('coverage-row-due').innerText()).toBe('1');
    await row(page, peace.id).waitFor();
    expect(await row(page, peace.id).getByTestId('coverage-row-covered').innerText()).toBe('0');
    expect(await row(page, net.communityA.id).getByTestId('coverage-row-covered').innerText()).toBe('1');

    // collapsing the town hides its communities; opening it shows them again
    await row(page, net.townA.id).getByTestId('coverage-expand').click();
    await expect.poll(() => row(page, peace.id).count(), WAIT).toBe(0);
    await row(page, net.townA.id).getByTestId('coverage-expand').click();
    await row(page, peace.id).waitFor();

    // the drill-down: the county lists every uncovered visit; the community only its own
    expect(await page.getByTestId('coverage-gaps-count').innerText()).toBe('4');
    await row(page, peace.id).getByTestId('coverage-place').click();
    await expect.poll(() => page.getByTestId('coverage-gaps-place').innerText(), WAIT).toBe('和平社区');
    expect(await page.getByTestId('coverage-gaps-count').innerText()).toBe('2');
    expect(await gap(page, notHome).getByTestId('gap-reason').innerText()).toBe('不在家');
    expect(await gap(page, notHome).getByTestId('gap-elder-name').innerText()).toBe('李桂兰');
    expect(await gap(page, byPhone).getByTestId('gap-reason').innerText()).toBe('待探访');
    expect(await gap(page, covered).count()).toBe(0);
    // the count of one reason lists only those
    await row(page, net.townA.id).getByTestId('coverage-row-not_home').getByRole('button').click();
    await expect.poll(() => page.getByTestId('coverage-gaps-count').innerText(), WAIT).toBe('1');
    expect(await page.getByTestId('coverage-gap').getAttribute('data-elder-id')).toBe(notHome.id);
    // from the list the operator can act: another attempt at the failed visit, or the elder's record to call first
    expect(await gap(page, notHome).getByTestId('gap-retry').isEnabled()).toBe(true);
    await gap(page, notHome).getByTestId('gap-record').click();
    await page.getByTestId('home-record').waitFor();

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}visit-coverage-zh.png`, fullPage: true });

    // in English the labels change, the figures do not
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('#coverage-heading').innerText(), WAIT).toContain('Visit coverage');
    expect(await page.getByTestId('coverage-figures').innerText()).not.toMatch(HAN);
    expect(await valueOf(page, 'coverage-waiting')).toBe('3');
    await page.screenshot({ path: `${SCREENSHOTS}visit-coverage-en.png`, fullPage: true });
  }, 90_000);

  test('when the desk completes a door-only visit by phone, then the coverage says the way does not count, and 再次探访 makes the second attempt', async () => {
    const { page } = await desk.openDesk();
    await signIn(page, countySupervisor);
    await page.getByTestId('tab-tasks').click();
    const card = page.locator('[data-testid=task-row][data-kind=care_visit]', { hasText: '周德明' });
    await card.getByTestId('task-period').waitFor();
    await card.getByTestId('task-done-button').click();
    const dialog = page.getByTestId('task-complete-dialog');
    await dialog.getByTestId('task-outcome').selectOption('visited');
    // the ways are offered with whether they count for this elder
    const mode = dialog.getByTestId('task-visit-mode');
    expect(await mode.locator('option[value=door]').innerText()).toBe('上门（计入）');
    expect(await mode.locator('option[value=phone]').innerText()).toBe('电话（不计入）');
    // the mode is required once the outcome says the visit was made: the dialog does not confirm without it
    await dialog.getByTestId('task-complete-confirm').click();
    expect(await mode.evaluate((el) => (el as HTMLSelectElement).validity.valueMissing)).toBe(true);
    expect(await dialog.isVisible()).toBe(true);
    await mode.selectOption('phone');
    await dialog.getByTestId('task-complete-confirm').click();
    const finished = page.locator('[data-testid=task-finished-row][data-kind=care_visit]', { hasText: '周德明' });
    await finished.getByTestId('task-visit-mode').waitFor();
    expect(await finished.getByTestId('task-visit-mode').getAttribute('data-counted')).toBe('false');
    // the board offers another attempt on the card as well
    expect(await finished.getByTestId('task-retry-button').isVisible()).toBe(true);

    await page.getByTestId('tab-visits').click();
    await page.locator('[data-testid=coverage][data-state=ok]').waitFor();
    await expect.poll(() => gap(page, byPhone).getAttribute('data-reason'), WAIT).toBe('mode_not_counted');
    expect(await gap(page, byPhone).getByTestId('gap-reason').innerText()).toBe('方式不计入');
    expect(await row(page, peace.id).getByTestId('coverage-row-mode_not_counted').innerText()).toBe('1');

    // another attempt from the list: the period is owed again, not failed
    await gap(page, byPhone).getByTestId('gap-retry').click();
    await expect.poll(() => gap(page, byPhone).getAttribute('data-reason'), { timeout: 15_000, interval: 200 }).toBe('in_progress');
    // the line now acts on the second attempt
    expect(await gap(page, byPhone).getByTestId('gap-complete').isVisible()).toBe(true);
    expect(await gap(page, byPhone).getByTestId('gap-retry').count()).toBe(0);
    const retried = (await desk.gw.api.listTasks('open')).find((t) => t.elder.id === byPhone.id && t.kind === 'care_visit');
    expect(retried?.attempt).toBe(2);

    // the board shows the second attempt as such
    await page.getByTestId('tab-tasks').click();
    const second = page.locator(`[data-testid=task-row][data-task-id="${retried!.id}"]`);
    expect(await second.getByTestId('task-attempt').innerText()).toBe('第2次');
    // the finished first attempt no longer offers one: the second is there
    expect(await finished.getByTestId('task-retry-button').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}visit-tasks-board-zh.png` });
  }, 90_000);

  test('when a responder completes a visit on the phone, then the way is asked, the counting one marked, and the period is covered', async () => {
    const task = await visitOf(net.elderA);
    const { page, errors } = await desk.openPhone(net.responderA);
    const open = page.getByTestId('community-tasks').locator(`[data-task-id="${task.id}"]`);
    await open.getByTestId('task-period').waitFor();
    await open.getByTestId('r-task-claim').click();
    const mine = page.getByTestId('my-tasks').locator(`[data-task-id="${task.id}"]`);
    await mine.getByTestId('r-task-done').click();
    const dialog = page.getByTestId('task-complete-dialog');
    await dialog.getByTestId('task-outcome').selectOption('visited');
    expect(await dialog.getByTestId('task-visit-mode').locator('option[value=door]').getAttribute('data-counts')).toBe('true');
    await dialog.getByTestId('task-visit-mode').selectOption('door');
    await dialog.getByTestId('task-complete-confirm').click();
    await mine.waitFor({ state: 'detached' });
    const coverage = await ok<VisitCoverage>(desk.gw.api.request('GET', `/api/v1/reports/visit-coverage?month=${task.period}`));
    expect(coverage.total.covered).toBe(2);
    expect(coverage.byMode.find((m) => m.mode === 'door')?.covered).toBe(2);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the coverage is read on a phone, then the headline comes first and nothing is wider than the screen', async () => {
    const { page } = await desk.openDesk(async (p) => p.setViewportSize(PHONE));
    await signIn(page, countySupervisor);
    await page.getByTestId('tab-visits').click();
    await page.locator('[data-testid=coverage][data-state=ok]').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(await valueOf(page, 'coverage-due')).toBe('5');
    await page.screenshot({ path: `${SCREENSHOTS}visit-coverage-phone-zh.png`, fullPage: true });
  }, 60_000);
});
