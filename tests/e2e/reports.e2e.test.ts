import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AlertView, Elder, RegionView } from '../../schemas/index.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { HAN, PHONE, SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { raiseSos, type TestDevice } from '../support/mqtt-device.js';

// The reports screen in a real Chromium against a real gateway. Three elders of one town press SOS over MQTT, two
// in one community and one in another; one alarm is resolved, two stay open (one dispatched to a responder who
// accepted). A supervisor of the county opens the
// reports tab: the headline says 3 raised, 2 still open, the outcomes add up to 3 with 1 resolved; the breakdown
// lists the town, which opens to its two communities with their own figures. The labels read in English after the
// switch, and the CSV export downloads the same period with Chinese headers and the regions' names.

const ok = <T>(reply: Promise<ApiReply>) => replyBody<T>(reply);

describe.skipIf(chromiumMissing())('reports screen', () => {
  const desk = useDeskBrowser({ OFFLINE_GRACE_SECONDS: '3600' });
  let net: CareNetwork;
  /** A second community of the first town. */
  let peace: RegionView;
  /** A supervisor of the whole county: the breakdown lists towns, each opening to its communities. */
  let countySupervisor: Person;
  const buttons: TestDevice[] = [];

  async function elderIn(regionId: string, name: string): Promise<Elder> {
    return ok<Elder>(desk.gw.api.request('POST', '/api/v1/elders', { name, address: `${name}的家`, regionId, riskCategory: 'general' }));
  }

  /** Presses SOS on a new button of the elder and returns the alert the gateway raised. */
  const sos = (elder: Elder): Promise<AlertView> => raiseSos(desk.gw, elder.id, buttons);

  beforeAll(async () => {
    net = await setUpCareNetwork(desk.gw);
    peace = await createRegion(desk.gw, '和平社区', 'community', net.townA.id);
    countySupervisor = await createPerson(desk.gw, 'sup-county', {
      displayName: '县主管',
      role: 'supervisor',
      regionId: net.county.id,
      phone: '13800000011',
    });
    const [wang, li, zhou] = [await elderIn(net.communityA.id, '王秀英'), await elderIn(net.communityA.id, '李桂兰'), await elderIn(peace.id, '周德明')];
    const resolved = await sos(wang!);
    const dispatched = await sos(li!);
    await sos(zhou!);
    await ok(desk.gw.api.resolve(resolved.id, '电话确认老人安好'));
    // one open alarm is dispatched and accepted: it stays open, and the responder has one offer, accepted
    await ok(desk.gw.api.request('POST', `/api/v1/alerts/${dispatched.id}/dispatch`, { responderId: net.responderA.user.id }));
    await ok(net.responderA.api.request('POST', `/api/v1/alerts/${dispatched.id}/accept`));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(buttons.map((b) => b.client.endAsync(true)));
    await net?.close();
  });

  async function openReports(): Promise<Page> {
    const { page } = await desk.openDesk();
    await signIn(page, countySupervisor);
    await page.getByTestId('kpi-bar').waitFor();
    await page.getByTestId('tab-reports').click();
    await page.locator('[data-testid=reports][data-state=ok]').waitFor();
    return page;
  }

  const valueOf = (page: Page, testid: string) => page.getByTestId(testid).getAttribute('data-value');

  test('when alarms were raised in two communities and one was resolved, then the headline, the outcomes and the drilled-down breakdown show what happened', async () => {
    const page = await openReports();

    // the headline: still open first, then raised
    const figures = page.getByTestId('report-figures').locator('[data-testid^=report-]').first();
    expect(await figures.getAttribute('data-testid')).toBe('report-open');
    expect(await valueOf(page, 'report-open')).toBe('2');
    expect(await page.getByTestId('report-open-value').innerText()).toBe('2');
    expect(await valueOf(page, 'report-raised')).toBe('3');
    expect(await page.getByTestId('report-raised-value').innerText()).toBe('3');

    // where the alarms stand, adding up to the number raised
    expect(await valueOf(page, 'report-outcome-open')).toBe('2');
    expect(await valueOf(page, 'report-outcome-resolved')).toBe('1');
    expect(await valueOf(page, 'report-outcome-falseAlarms')).toBe('0');
    expect(await page.getByTestId('report-outcomes-sum').innerText()).toMatch(/= 告警总数 3$/);
    expect(await page.getByTestId('report-outcomes-mismatch').count()).toBe(0);

    // the responder offered the dispatched alarm, who accepted it
    const responder = page.locator(`[data-testid=report-responder-row][data-user-id="${net.responderA.user.id}"]`);
    expect(await responder.innerText()).toContain(net.responderA.user.displayName);
    expect(await responder.getByTestId('report-responder-offers').innerText()).toBe('1');
    expect(await responder.getByTestId('report-responder-accepts').innerText()).toBe('1');
    expect(await valueOf(page, 'report-dispatch')).not.toBeNull();

    // the headline is on screen without scrolling at 1920×1080
    const box = await page.getByTestId('report-figures').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(1080);

    // the county's breakdown: the town with all three, which opens to its two communities
    const row = (id: string) => page.locator(`[data-testid=report-breakdown-row][data-region-id="${id}"]`);
    const town = row(net.townA.id);
    expect(await town.innerText()).toContain(net.townA.name);
    expect(await town.getByTestId('report-breakdown-raised').innerText()).toBe('3');
    expect(await town.getByTestId('report-breakdown-open').innerText()).toBe('2');
    expect(await row(net.communityA.id).count()).toBe(0);
    await town.getByTestId('report-breakdown-expand').click();
    const happy = row(net.communityA.id);
    await happy.waitFor();
    expect(await happy.getByTestId('report-breakdown-raised').innerText()).toBe('2');
    expect(await happy.getByTestId('report-breakdown-open').innerText()).toBe('1');
    expect(await happy.getByTestId('report-breakdown-resolved').innerText()).toBe('1');
    expect(await row(peace.id).getByTestId('report-breakdown-open').innerText()).toBe('1');
    // the other town had nothing, and is listed with its zeros
    expect(await row(net.townB.id).getByTestId('report-breakdown-raised').innerText()).toBe('0');

    // as the supervisor sees it: the top of the screen, then the whole page
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/reports-zh.png' });
    await page.screenshot({ path: `${SCREENSHOTS}reports-zh.png`, fullPage: true });

    // "view" makes the town the report's region: the headline follows it
    await town.getByTestId('report-breakdown-view').click();
    await expect.poll(() => page.getByTestId('report-region-name').innerText(), WAIT).toBe(net.townA.name);
    expect(await page.getByTestId('report-region').inputValue()).toBe(net.townA.id);
    expect(await valueOf(page, 'report-raised')).toBe('3');
    await row(peace.id).waitFor();

    // in English the labels change, the figures do not
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('#reports-heading').innerText(), WAIT).toContain('Alarm report');
    expect(await page.getByTestId('report-open').innerText()).toContain('Still open');
    expect(await page.getByTestId('report-preset-week').innerText()).toBe('This week');
    expect(await valueOf(page, 'report-open')).toBe('2');
    const labels = await page.getByTestId('report-figures').innerText();
    expect(labels).not.toMatch(HAN);
    await page.screenshot({ path: `${SCREENSHOTS}reports-en.png`, fullPage: true });
  }, 60_000);

  test('when the supervisor exports the period as CSV and XLSX, then the files hold the same figures under Chinese headers', async () => {
    const page = await openReports();
    // a range of days from the 1st of the month to today holds today's alarms too
    await page.getByTestId('report-preset-range').click();
    await page.getByTestId('report-range-from').waitFor();
    await page.locator('[data-testid=reports][data-state=ok]').waitFor();
    expect(await valueOf(page, 'report-raised')).toBe('3');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '');
    const firstLine = text.split(/\r?\n/)[0]!;
    expect(firstLine).toMatch(HAN);
    expect(firstLine).not.toMatch(/\b(regionId|raised|total)\b/);
    for (const name of [net.townA.name, net.communityA.name, '和平社区']) expect(text).toContain(name);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    // an XLSX file is a zip archive
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 60_000);

  test('when the reports are read on a phone, then the headline comes first and nothing is wider than the screen', async () => {
    const { page } = await desk.openDesk(async (p) => p.setViewportSize(PHONE));
    await signIn(page, countySupervisor);
    await page.getByTestId('tab-reports').click();
    await page.locator('[data-testid=reports][data-state=ok]').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(await valueOf(page, 'report-open')).toBe('2');
    await page.screenshot({ path: `${SCREENSHOTS}reports-phone-zh.png`, fullPage: true });
  }, 60_000);

  test('when an open alarm is resolved while the report is on screen, then "still open" drops without a reload', async () => {
    const page = await openReports();
    expect(await valueOf(page, 'report-open')).toBe('2');
    const open = (await desk.gw.api.listAlerts('open')).filter((a) => a.elder.name === '周德明');
    expect(open).toHaveLength(1);
    await ok(desk.gw.api.resolve(open[0]!.id, '电话确认老人安好'));
    await expect.poll(() => valueOf(page, 'report-open'), WAIT).toBe('1');
    expect(await valueOf(page, 'report-outcome-resolved')).toBe('2');
    expect(await valueOf(page, 'report-raised')).toBe('3');
  }, 60_000);
});
