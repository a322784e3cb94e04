import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { HAN, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';

// The duty desk's "bad messages" view in a real Chromium against a real gateway, as a town's operator: a button of
// the town sends an SOS with its time in seconds (salvaged: the alarm is raised) and a heartbeat with a field too
// many (refused); another town's button sends something that is not JSON. The operator sees the two of the town,
// newest first, labelled in zh-CN and then in English, narrows them by reason, and never sees the other town's.

describe.skipIf(chromiumMissing())('dead letters on the duty desk', () => {
  const desk = useDeskBrowser({ OFFLINE_GRACE_SECONDS: '3600' });
  let net: CareNetwork;

  beforeAll(async () => {
    net = await setUpCareNetwork(desk.gw);
    const a = net.elderA.button;
    const b = net.elderB.button;
    await a.client.publishAsync(`devices/${a.id}/status`, JSON.stringify({ msgId: 'h-1', ts: Date.now(), type: 'heartbeat', colour: 'red' }), { qos: 1 });
    await a.client.publishAsync(`devices/${a.id}/events`, JSON.stringify({ msgId: 's-1', ts: Math.floor(Date.now() / 1000), type: 'sos' }), { qos: 1 });
    await b.client.publishAsync(`devices/${b.id}/events`, 'not json', { qos: 1 });
  }, 30_000);
  afterAll(() => net?.close());

  test("when the operator opens the bad-messages view, then the town's refused and salvaged messages are listed, newest first, labelled, filterable, in both languages", async () => {
    const { page, errors } = await desk.openDesk();
    await signIn(page, net.operatorA);
    await page.getByTestId('tab-letters').click();
    const rows = page.getByTestId('dead-letter');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))).toEqual(['salvaged', 'payload_invalid']);
    expect(await rows.first().innerText()).toContain('格式有误，仍已报警');
    expect(await page.getByTestId('dead-letters').innerText()).not.toContain(net.elderB.button.id);

    await page.getByTestId('letters-filter-reason').selectOption('payload_invalid');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-reason'))), WAIT).toEqual(['payload_invalid']);

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await page.getByTestId('letters-filter-reason').selectOption('');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    const view = page.getByTestId('dead-letters');
    expect(await view.innerText()).toContain('Malformed: alarm raised anyway');
    // Nothing Chinese left but what people typed (community names) or devices sent.
    let labels = await view.innerText();
    for (const typed of (await view.locator('.typed').allInnerTexts()).sort((x, y) => y.length - x.length)) if (typed) labels = labels.split(typed).join('');
    expect(labels).not.toMatch(HAN);
    await page.getByTestId('lang-switch').getByTestId('lang-zh').click();
    expect(errors).toEqual([]);
  }, 60_000);
});
