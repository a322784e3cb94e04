import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { HAN, SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { connectDevice, eventually, registerElder } from '../support/mqtt-device.js';

// The elder's recent readings beside an alarm, in a real Chromium: a watch sends vitals over real MQTT for the last
// forty minutes, then an SOS; the alert's detail shows a chart per metric drawn from the history API, with the
// latest value, in zh-CN and in English.

describe.skipIf(chromiumMissing())('readings chart in the alert detail', () => {
  const desk = useDeskBrowser({ OFFLINE_GRACE_SECONDS: '3600' });

  test('when an elder whose watch sent vitals presses SOS, then the detail shows heart rate and SpO2 charts of the real readings in both languages', async () => {
    const elderId = await registerElder(desk.gw);
    const watch = await connectDevice(desk.gw, elderId, 'wearable');
    const start = Date.now() - 40 * 60_000;
    for (let i = 0; i < 40; i++) {
      const reading = { msgId: randomUUID(), ts: start + i * 60_000, type: 'vitals', heartRate: 68 + (i % 9), spo2: 95 + (i % 4) };
      await watch.client.publishAsync(`devices/${watch.id}/telemetry`, JSON.stringify(reading), { qos: 1 });
    }
    await eventually(() => desk.gw.api.request<{ series: unknown[] }>('GET', `/api/v1/elders/${elderId}/readings`), (r) => r.body.series.length === 2);
    await watch.send('events', 'sos');

    const { page, errors } = await desk.openDesk();
    await signIn(page, { user: { username: desk.gw.adminUser }, password: desk.gw.adminPassword });
    const elder = await desk.gw.api.getElder(elderId);
    const row = page.locator('[data-testid=alert-row]', { hasText: elder.name });
    // a click on the row shows it in the queue's side pane
    await row.getByTestId('elder-name').click();
    const dialog = page.getByTestId('alert-pane');
    await expect.poll(async () => dialog.getAttribute('data-alert-id'), WAIT).toBe(await row.getAttribute('data-alert-id'));

    const charts = dialog.getByTestId('reading-chart');
    await expect.poll(() => charts.count(), WAIT).toBe(2);
    const heart = dialog.locator('[data-testid=reading-chart][data-metric=heartRate]');
    expect(await heart.locator('canvas').count()).toBe(1);
    expect(await heart.locator('figcaption').innerText()).toContain('心率');
    // the last of the 40 readings: 68 + (39 % 9)
    expect(await heart.locator('figcaption').innerText()).toContain(String(68 + (39 % 9)));
    expect(await dialog.locator('[data-testid=reading-chart][data-metric=spo2] figcaption').innerText()).toContain('血氧');
    await dialog.screenshot({ path: join(SCREENSHOTS, 'detail-readings-zh.png') });

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => heart.locator('figcaption').innerText(), WAIT).toContain('Heart rate');
    expect(await dialog.getByTestId('detail-readings').innerText()).not.toMatch(HAN);
    await dialog.screenshot({ path: join(SCREENSHOTS, 'detail-readings-en.png') });
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the alert changes while its detail is open, then the summary, the timeline and the notes follow it live, and an elder without readings gets a word instead of charts', async () => {
    const elderId = await registerElder(desk.gw);
    const button = await connectDevice(desk.gw, elderId, 'call_button', { room: '卧室' });
    await button.send('events', 'sos');

    const { page, errors } = await desk.openDesk();
    await signIn(page, { user: { username: desk.gw.adminUser }, password: desk.gw.adminPassword });
    const elder = await desk.gw.api.getElder(elderId);
    const row = page.locator('[data-testid=alert-row]', { hasText: elder.name });
    const alertId = (await row.getAttribute('data-alert-id'))!;
    await row.getByTestId('elder-name').click();
    const dialog = page.getByTestId('alert-pane');
    await expect.poll(() => dialog.getAttribute('data-alert-id'), WAIT).toBe(alertId);

    await expect.poll(() => dialog.getByTestId('detail-readings').innerText(), WAIT).toContain('近几小时没有读数');
    expect(await dialog.getByTestId('reading-chart').count()).toBe(0);
    await expect.poll(() => dialog.getByTestId('detail-device').innerText(), WAIT).toContain('呼叫器');
    expect(await dialog.getByTestId('detail-device').innerText()).toContain('卧室');
    await expect.poll(() => dialog.getByTestId('timeline-entry').count(), WAIT).toBe(1);

    // the desk's colleague acts elsewhere: the pane follows over the live link
    expect((await desk.gw.api.ack(alertId)).status).toBe(200);
    const hold = await desk.gw.api.request('POST', `/api/v1/alerts/${alertId}/hold`, { reason: '家属正在赶来，等待回电', minutes: 10 });
    expect(hold.status).toBe(200);
    await expect.poll(() => dialog.getByTestId('detail-status').innerText(), WAIT).toBe('暂缓处理');
    expect(await dialog.getByTestId('hold-info').innerText()).toContain('家属正在赶来');
    await expect.poll(() => dialog.getByTestId('timeline-entry').count(), WAIT).toBe(3);
    expect(await dialog.locator('[data-testid=timeline-entry][data-action=held]').innerText()).toContain('家属正在赶来');
    await dialog.screenshot({ path: join(SCREENSHOTS, 'detail-live-zh.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
