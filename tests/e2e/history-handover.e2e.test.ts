import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import type { AlertView, CallView } from '../../schemas/index.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing, launchChromium } from '../support/browser.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { DESK, HAN, SCREENSHOTS, signIn, WAIT } from '../support/desk-browser.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The history search and the shift handover in a real Chromium against a real gateway, as a town's operator. The
// gateway's clock starts ten days back: a telephone emergency handled then is outside the history's default week;
// one handled today is inside it. The history finds today's by type and date and not the old one until the range
// reaches back; a line opens its story. The handover shows the alarm on hold and a note the operator writes; both
// read in English; screenshots of the history (zh-CN) and of the printed handover go to /tmp for a person to look at.

const DAY = 24 * 3600_000;

const ok = <T>(reply: Promise<ApiReply>) => replyBody<T>(reply);

/** The text of `root` minus what people typed (class "typed": names, addresses, notes, community names). */
async function labelsOnly(root: Locator): Promise<string> {
  const typed = await root.locator('.typed').allInnerTexts();
  let visible = await root.innerText();
  for (const text of typed.sort((a, b) => b.length - a.length)) if (text) visible = visible.split(text).join('');
  return visible;
}

const localDay = (at: Date) => `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;

describe.skipIf(chromiumMissing())('history search and shift handover on the duty desk', () => {
  let offset = -10 * DAY;
  let gw: TestGateway;
  let browser: Browser;
  let net: CareNetwork;
  let oldAlert: AlertView;
  let recentAlert: AlertView;
  let heldAlert: AlertView;

  /** A telephone emergency for elder A, raised through the call (no device: its time is the gateway's), then resolved. */
  async function handledCall(note: string): Promise<AlertView> {
    const op = net.operatorA.api;
    const call = await ok<CallView>(op.request('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', elderId: net.elderA.id, category: 'emergency' }));
    const { alert } = await ok<{ alert: AlertView }>(op.request('POST', `/api/v1/calls/${call.id}/alert`, { priority: 1, note: '老人来电说胸闷' }));
    await ok(op.request('POST', `/api/v1/alerts/${alert.id}/ack`, {}));
    return ok<AlertView>(op.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_by_phone', note }));
  }

  beforeAll(async () => {
    // Devices connected ten days back must not go silent when the clock catches up: no offline alarms in the way.
    gw = await startTestGateway({ HEARTBEAT_TIMEOUT_SECONDS: '3000000', TEST_SIGNAL_INTERVAL_HOURS: '1000', OFFLINE_GRACE_SECONDS: '3600' }, { clock: () => Date.now() + offset });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    net = await setUpCareNetwork(gw);
    oldAlert = await handledCall('十天前的来电，已安抚');
    // today: the clock catches up; sessions made ten days back have expired
    offset = 0;
    await net.operatorA.api.login(net.operatorA.user.username, net.operatorA.password);
    recentAlert = await handledCall('今天的来电，家属已到');
    const op = net.operatorA.api;
    const other = await ok<CallView>(op.request('POST', '/api/v1/calls', { direction: 'inbound', line: 'direct', elderId: net.elderA.id, category: 'emergency' }));
    heldAlert = (await ok<{ alert: AlertView }>(op.request('POST', `/api/v1/calls/${other.id}/alert`, { priority: 2, note: '说头晕' }))).alert;
    await ok(op.request('POST', `/api/v1/alerts/${heldAlert.id}/ack`, {}));
    await ok(op.request('POST', `/api/v1/alerts/${heldAlert.id}/hold`, { reason: '等女儿回电确认', minutes: 120 }));
  }, 90_000);

  afterAll(async () => {
    await net?.close();
    await browser?.close();
    await gw?.close();
  });

  async function openDesk(): Promise<{ page: Page; errors: Error[] }> {
    const context = await browser.newContext({ viewport: DESK });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: Error[] = [];
    page.on('pageerror', (err) => errors.push(err));
    await page.goto(gw.httpUrl);
    await signIn(page, net.operatorA);
    await page.getByTestId('me-label').waitFor();
    return { page, errors };
  }

  const rowIds = (page: Page) => page.getByTestId('history-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alert-id')));

  test('when the operator searches by type and date, then the alarm handled today is found, the one ten days back only once the range reaches it, and a line opens its story', async () => {
    const { page, errors } = await openDesk();
    await page.getByTestId('tab-history').click();
    await page.getByTestId('history-view').waitFor();
    await page.getByTestId('history-type').selectOption('phone_emergency');
    await page.getByTestId('history-status').selectOption('resolved');
    await expect.poll(() => rowIds(page), WAIT).toEqual([recentAlert.id]);
    const row = page.locator(`[data-testid=history-row][data-alert-id="${recentAlert.id}"]`);
    const line = await row.innerText();
    expect(line).toContain('电话求助');
    expect(line).toContain('已解决');
    expect(line).toContain('值班员甲');
    expect(line).toContain(net.communityA.name);

    // the range reaches back twelve days: the old one appears, newest first
    await page.getByTestId('history-from').fill(localDay(new Date(Date.now() - 12 * DAY)));
    await expect.poll(() => rowIds(page), WAIT).toEqual([recentAlert.id, oldAlert.id]);
    // picking the elder by name narrows to that elder (both are elder A's)
    await page.getByTestId('history-elder').fill('甲老人');
    await page.getByTestId('history-elder-hit').first().click();
    await expect.poll(() => rowIds(page), WAIT).toEqual([recentAlert.id, oldAlert.id]);

    await row.click();
    const detail = page.getByTestId('history-detail');
    await expect.poll(() => detail.getAttribute('data-alert-id'), WAIT).toBe(recentAlert.id);
    await expect.poll(() => detail.getByTestId('history-timeline').locator('li').count(), WAIT).toBeGreaterThanOrEqual(3);
    expect(await detail.innerText()).toContain('今天的来电，家属已到');
    await page.screenshot({ path: '/tmp/history-zh.png' });
    await page.screenshot({ path: `${SCREENSHOTS}history-zh.png` });

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => page.locator('#history-heading').innerText(), WAIT).toBe('Alert history');
    expect(await labelsOnly(page.getByTestId('history-view'))).not.toMatch(HAN);
    await page.screenshot({ path: `${SCREENSHOTS}history-en.png` });
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the operator opens the handover, then the alarm on hold is listed with its reason, a note they write appears, and the print layout is the summary alone', async () => {
    const { page, errors } = await openDesk();
    await page.getByTestId('tab-handover').click();
    const onHold = page.getByTestId('handover-on-hold');
    await expect.poll(() => onHold.getAttribute('data-count'), WAIT).toBe('1');
    const held = onHold.locator(`[data-testid=handover-alert][data-alert-id="${heldAlert.id}"]`);
    expect(await held.innerText()).toContain('等女儿回电确认');
    // of the two alarms handled by phone only today's closed in the last 12 hours
    await expect.poll(() => page.getByTestId('handover-closed').getAttribute('data-count'), WAIT).toBe('1');

    await page.getByTestId('handover-note').fill('3号楼王奶奶的女儿明早八点会回电，请接班同事留意');
    await page.getByTestId('handover-save').click();
    const written = page.locator('[data-testid=handover-note-line][data-source=handover]');
    await expect.poll(() => written.count(), WAIT).toBe(1);
    expect(await written.innerText()).toContain('3号楼王奶奶的女儿明早八点会回电');
    expect(await written.innerText()).toContain('值班员甲');

    await page.screenshot({ path: '/tmp/handover-zh.png' });
    // printed on A4: the page's width at 96 dpi (210 mm)
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: '/tmp/handover-print.png', fullPage: true });
    await page.screenshot({ path: `${SCREENSHOTS}handover-print.png`, fullPage: true });
    expect(await page.getByTestId('handover-print').isVisible()).toBe(false);
    expect(await page.getByTestId('handover-write').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESK);

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => page.locator('#handover-heading').innerText(), WAIT).toBe('Shift handover');
    expect(await labelsOnly(page.getByTestId('handover-view'))).not.toMatch(HAN);
    await page.screenshot({ path: `${SCREENSHOTS}handover-en.png` });
    expect(errors).toEqual([]);
  }, 60_000);
});
