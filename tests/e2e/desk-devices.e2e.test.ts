import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { DeviceCommandView, Elder } from '../../schemas/index.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, rootRegion } from '../support/care-network.js';
import { DESK, HAN, PHONE, SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { listenToCommands } from '../support/device-commands.js';
import { connectDevice, eventually } from '../support/mqtt-device.js';

// The devices tab (设备, issue 22) in a real Chromium against a real gateway: the operator sees the town's devices
// with their states in words, filters the never-seen ones, sends a connected MQTT.js wristband a `locate` from its
// panel, watches it go to 已完成 with the position the wristband answered, and retires a device from the panel.
// Screenshots at 1920×1080 and at phone width.

const ok = <T>(reply: Promise<ApiReply>, status = 201) => replyBody<T>(reply, status);

describe.skipIf(chromiumMissing())('devices tab', () => {
  const desk = useDeskBrowser();

  test('when the operator filters, sends a locate to a wristband that answers, retires, replaces and moves devices from the panel, then the list, the command history and the states follow', async () => {
    const n = randomUUID().slice(0, 6);
    const api = desk.gw.api;
    const town = await createRegion(desk.gw, `城关镇${n}`, 'town', (await rootRegion(desk.gw)).id);
    const community = await createRegion(desk.gw, `幸福社区${n}`, 'community', town.id);
    const operator = await createPerson(desk.gw, `op-dev-${n}`, { displayName: '值班员李娜', role: 'operator', regionId: town.id });
    const chen = await ok<Elder>(api.request('POST', '/api/v1/elders', { name: '陈秀英', address: '城关镇幸福社区2栋101', regionId: community.id }));
    const zhao = await ok<Elder>(api.request('POST', '/api/v1/elders', { name: '赵大明', address: '城关镇幸福社区5栋3', regionId: community.id }));

    const wristband = await connectDevice(desk.gw, chen.id, 'wearable', { room: '随身' });
    await wristband.send('status', 'heartbeat', { battery: 76, firmware: 'wb-2.4.1', model: 'HW-W3' });
    const door = await ok<{ id: string }>(api.request('POST', '/api/v1/devices', { elderId: zhao.id, kind: 'door_sensor', room: '大门' }));
    const smoke = await ok<{ id: string }>(api.request('POST', '/api/v1/devices', { elderId: zhao.id, kind: 'smoke_detector', room: '厨房' }));
    const inbox = await listenToCommands(wristband.client, wristband.id);

    const { page, errors } = await desk.openDesk();
    await signIn(page, operator);
    await page.getByTestId('tab-devices').click();
    const rows = page.getByTestId('devices-row');
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    const wristRow = rows.and(page.locator(`[data-device-id="${wristband.id}"]`));
    await expect.poll(() => wristRow.getAttribute('data-state'), WAIT).toBe('online');
    await expect.poll(() => wristRow.innerText(), WAIT).toMatch(/智能手环[\s\S]*陈秀英[\s\S]*在线[\s\S]*76%[\s\S]*wb-2\.4\.1[\s\S]*HW-W3/);
    expect(await rows.and(page.locator(`[data-device-id="${door.id}"]`)).innerText()).toMatch(/门磁[\s\S]*赵大明[\s\S]*从未上线/);
    expect(await page.getByTestId('devices-problem-never_seen').getAttribute('data-n')).toBe('2');

    await page.getByTestId('devices-state').selectOption('never_seen');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-state')))).toEqual(['never_seen', 'never_seen']);
    await page.getByTestId('devices-state').selectOption('');
    await expect.poll(() => rows.count(), WAIT).toBe(3);

    // a locate from the panel: the wristband hears it, says received, then done with its position
    await wristRow.click();
    const panel = page.getByTestId('device-panel');
    await panel.waitFor(WAIT);
    expect(await panel.getByTestId('command-snapshot').count()).toBe(0);
    await panel.getByTestId('command-locate').click();
    const order = await inbox.waitFor((c) => c.type === 'locate', 10_000);
    const commandId = (order as { commandId: string }).commandId;
    const historyRow = panel.getByTestId('command-row').and(page.locator(`[data-command-id="${commandId}"]`));
    await historyRow.waitFor(WAIT);
    await wristband.send('status', 'command_result', { commandId, status: 'received' });
    await eventually(
      () => ok<DeviceCommandView>(api.request('GET', `/api/v1/device-commands/${commandId}`), 200),
      (c) => c.status === 'delivered' || c.status === 'done',
      10_000,
    );
    await wristband.send('status', 'command_result', { commandId, status: 'done', data: { lat: 30.27415, lon: 120.15515, accuracyM: 12 } });
    await expect.poll(() => historyRow.getAttribute('data-status'), { ...WAIT, timeout: 15_000 }).toBe('done');
    expect(await historyRow.getByTestId('command-status').innerText()).toBe('已完成');
    expect(await historyRow.getByTestId('command-position').innerText()).toBe('30.27415, 120.15515 ±12 米');
    expect(await historyRow.getByTestId('map-link').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-panel-1920.png') });

    // a play_message with its text, checked at the form before it goes
    await panel.getByTestId('command-play_message').click();
    await panel.getByTestId('command-text').fill('工作人员马上到，请别着急');
    await panel.getByTestId('command-send').click();
    const message = await inbox.waitFor((c) => c.type === 'play_message', 10_000);
    expect((message as { text: string }).text).toBe('工作人员马上到，请别着急');

    // retire the smoke detector from its panel
    await rows.and(page.locator(`[data-device-id="${smoke.id}"]`)).click();
    await page.locator(`[data-testid="device-panel"][data-device-id="${smoke.id}"]`).waitFor(WAIT);
    await page.getByTestId('device-retire').click();
    const retire = page.getByTestId('retire-dialog');
    await retire.waitFor(WAIT);
    await retire.getByTestId('retire-confirm').click();
    // the reason is required: the dialog stays until it is given
    expect(await retire.isVisible()).toBe(true);
    await retire.getByTestId('retire-reason').fill('烟感损坏，已拆除');
    await retire.getByTestId('retire-confirm').click();
    await page.getByTestId('manage-done').waitFor(WAIT);
    const smokeRow = rows.and(page.locator(`[data-device-id="${smoke.id}"]`));
    await expect.poll(() => smokeRow.getAttribute('data-state'), WAIT).toBe('retired');
    expect(await smokeRow.getByTestId('device-state').innerText()).toBe('已停用');
    expect((await ok<{ state: string; retiredAt: string | null }>(api.request('GET', `/api/v1/devices/${smoke.id}`), 200)).state).toBe('retired');
    await page.getByTestId('devices-state').selectOption('retired');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    await page.getByTestId('devices-state').selectOption('');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-list-1920.png') });

    // replace the door sensor: the new one's secret is shown once, the old one is retired
    await rows.and(page.locator(`[data-device-id="${door.id}"]`)).click();
    await page.locator(`[data-testid="device-panel"][data-device-id="${door.id}"]`).waitFor(WAIT);
    await page.getByTestId('device-replace').click();
    await page.getByTestId('replace-new-id').fill(`door-new-${n}`);
    await page.getByTestId('replace-confirm').click();
    const secret = page.getByTestId('secret-dialog');
    await secret.waitFor(WAIT);
    expect((await secret.getByTestId('secret-value').innerText()).length).toBeGreaterThan(10);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-secret-1920.png') });
    await secret.getByTestId('secret-done').click();
    await expect.poll(() => rows.and(page.locator(`[data-device-id="door-new-${n}"]`)).getAttribute('data-state'), WAIT).toBe('never_seen');
    await expect.poll(() => rows.and(page.locator(`[data-device-id="${door.id}"]`)).getAttribute('data-state'), WAIT).toBe('retired');

    // move the wristband to 赵大明, found by name
    await wristRow.click();
    await page.locator(`[data-testid="device-panel"][data-device-id="${wristband.id}"]`).waitFor(WAIT);
    await page.getByTestId('device-move').click();
    await page.getByTestId('move-elder').fill('赵大明');
    await page.getByTestId('move-hit').and(page.locator(`[data-elder-id="${zhao.id}"]`)).click();
    await page.getByTestId('move-confirm').click();
    await expect.poll(() => wristRow.innerText(), WAIT).toContain('赵大明');
    expect((await ok<{ elderId: string }>(api.request('GET', `/api/v1/devices/${wristband.id}`), 200)).elderId).toBe(zhao.id);

    // in English nothing Chinese is left but what people typed (names, places, the message)
    await wristRow.click();
    await panel.waitFor(WAIT);
    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => historyRow.getByTestId('command-status').innerText(), WAIT).toBe('done');
    const view = page.getByTestId('devices-view');
    let labels = await view.innerText();
    for (const typed of (await view.locator('.typed').allInnerTexts()).sort((x, y) => y.length - x.length)) if (typed) labels = labels.split(typed).join('');
    expect(labels).not.toMatch(HAN);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-panel-en-1920.png') });
    await page.getByTestId('lang-switch').getByTestId('lang-zh').click();

    // on a phone the open panel takes the screen; closed, the list is back
    await page.setViewportSize(PHONE);
    await page.getByTestId('device-panel-close').click();
    await wristRow.waitFor(WAIT);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-list-phone.png'), fullPage: true });
    await wristRow.click();
    await panel.waitFor(WAIT);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-panel-phone.png'), fullPage: true });
    await page.setViewportSize(DESK);
    expect(errors).toEqual([]);
  }, 180_000);

  test('when the operator checks a device file with a bad row, then registers the corrected file, then the rows, the new devices and their secrets file follow', async () => {
    const n = randomUUID().slice(0, 6);
    const api = desk.gw.api;
    const town = await createRegion(desk.gw, `东湖镇${n}`, 'town', (await rootRegion(desk.gw)).id);
    const operator = await createPerson(desk.gw, `op-bulk-${n}`, { displayName: '值班员吴昊', role: 'operator', regionId: town.id });
    const elder = await ok<Elder>(api.request('POST', '/api/v1/elders', { name: '钱玉兰', address: '东湖镇湖滨社区1栋', regionId: town.id }));
    const file = (rows: string[]) => ({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from(`设备编号,类型,老人编号,位置\n${rows.join('\n')}\n`, 'utf8') });

    const { page, errors } = await desk.openDesk();
    await signIn(page, operator);
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('devices-count').waitFor(WAIT);
    await page.getByTestId('devices-import').click();
    const dialog = page.getByTestId('bulk-dialog');
    await dialog.waitFor(WAIT);
    await dialog.getByTestId('bulk-file').setInputFiles(file([`btn-${n},呼叫器,${elder.id},卧室`, `door-${n},门铃,${elder.id},大门`]));
    await dialog.getByTestId('bulk-check').click();
    const bulkRows = dialog.getByTestId('bulk-row');
    await expect.poll(() => bulkRows.count(), WAIT).toBe(2);
    expect(await bulkRows.nth(1).getAttribute('data-ok')).toBe('false');
    expect(await bulkRows.nth(1).innerText()).toContain('设备类型不认识');
    expect(await dialog.getByTestId('bulk-commit').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-bulk-check-1920.png') });

    await dialog.getByTestId('bulk-file').setInputFiles(file([`btn-${n},呼叫器,${elder.id},卧室`, `door-${n},门磁,${elder.id},大门`]));
    await dialog.getByTestId('bulk-check').click();
    await expect.poll(() => dialog.getByTestId('bulk-commit').isEnabled(), WAIT).toBe(true);
    await dialog.getByTestId('bulk-commit').click();
    await dialog.getByTestId('bulk-done').waitFor(WAIT);
    const download = page.waitForEvent('download');
    await dialog.getByTestId('bulk-secrets').click();
    const secrets = (await readFile(await (await download).path())).toString('utf8');
    expect(secrets).toMatch(new RegExp(`btn-${n},call_button,${elder.id},\\S+`));
    expect(secrets).toMatch(new RegExp(`door-${n},door_sensor,${elder.id},\\S+`));
    await dialog.getByTestId('bulk-close').click();
    const rows = page.getByTestId('devices-row');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.and(page.locator(`[data-device-id="door-${n}"]`)).innerText()).toMatch(/门磁[\s\S]*钱玉兰[\s\S]*大门[\s\S]*从未上线/);
    expect(errors).toEqual([]);
  }, 120_000);

  test('when a wristband raises an SOS and the operator presses 定位手环 on the alert, then the locate goes with the alert and its position shows inline', async () => {
    const n = randomUUID().slice(0, 6);
    const api = desk.gw.api;
    const town = await createRegion(desk.gw, `新城镇${n}`, 'town', (await rootRegion(desk.gw)).id);
    const operator = await createPerson(desk.gw, `op-quick-${n}`, { displayName: '值班员周强', role: 'operator', regionId: town.id });
    const elder = await ok<Elder>(api.request('POST', '/api/v1/elders', { name: '孙桂芳', address: '新城镇光明社区3栋', regionId: town.id }));
    const wristband = await connectDevice(desk.gw, elder.id, 'wearable');
    const inbox = await listenToCommands(wristband.client, wristband.id);
    await wristband.send('events', 'sos');
    const alert = await eventually(
      async () => (await api.listAlerts('open')).find((a) => a.elder.id === elder.id),
      (a) => a !== undefined,
      10_000,
    );

    const { page, errors } = await desk.openDesk();
    await signIn(page, operator);
    const row = page.getByTestId('alert-queue').getByTestId('alert-row').filter({ hasText: '孙桂芳' });
    await row.locator('.qr-who').click();
    const pane = page.getByTestId('alert-pane');
    await expect.poll(() => pane.getAttribute('data-alert-id'), WAIT).toBe(alert!.id);
    const quick = pane.getByTestId('quick-commands');
    await quick.waitFor(WAIT);
    // a wristband locates and plays a message; it takes no snapshot
    expect(await quick.getByTestId('quick-snapshot-send').count()).toBe(0);
    await quick.getByTestId('quick-locate-send').click();
    const order = (await inbox.waitFor((c) => c.type === 'locate', 10_000)) as { commandId: string };
    await wristband.send('status', 'command_result', { commandId: order.commandId, status: 'done', data: { lat: 30.2801, lon: 120.1602, accuracyM: 25 } });
    const locate = quick.getByTestId('quick-locate');
    const located = quick.getByTestId('quick-locate-result');
    await expect.poll(() => locate.getByTestId('command-status').getAttribute('data-status'), { ...WAIT, timeout: 15_000 }).toBe('done');
    expect(await located.getByTestId('command-position').innerText()).toBe('30.28010, 120.16020 ±25 米');
    const stored = await ok<DeviceCommandView>(api.request('GET', `/api/v1/device-commands/${order.commandId}`), 200);
    expect(stored.alertId).toBe(alert!.id);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-alert-quick-1920.png') });
    expect(errors).toEqual([]);
  }, 120_000);
});
