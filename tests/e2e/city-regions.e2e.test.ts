import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AlertView, Elder, RegionView } from '../../schemas/index.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, type Person } from '../support/care-network.js';
import { SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { raiseSos, type TestDevice } from '../support/mqtt-device.js';

// A city deployment's desk (REGION_PLAN=city, issue 21) in a real Chromium against a real gateway: 本市 → two
// districts → streets → communities. A supervisor of the city opens the queue: its region filter lists districts,
// streets and communities, each with the level's name (区, 街道, 社区), indented as deep as they lie. The reports tab's
// breakdown names its levels in the heading and on every row, and opens district → street → community.

const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const ok = <T>(reply: Promise<ApiReply>) => replyBody<T>(reply);

describe.skipIf(chromiumMissing())('a city deployment on the desk', () => {
  const desk = useDeskBrowser({ REGION_PLAN: 'city', OFFLINE_GRACE_SECONDS: '3600' });
  const r: Record<string, RegionView> = {};
  let supervisor: Person;
  const buttons: TestDevice[] = [];

  /** A region under `parentId`, its level left to the gateway (the one below the parent's). */
  const region = (name: string, parentId: string) => ok<RegionView>(desk.gw.api.request('POST', '/api/v1/regions', { name, parentId }));

  async function sos(regionId: string, name: string): Promise<AlertView> {
    const elder = await ok<Elder>(desk.gw.api.request('POST', '/api/v1/elders', { name, address: `${name}的家`, regionId, riskCategory: 'general' }));
    return raiseSos(desk.gw, elder.id, buttons);
  }

  beforeAll(async () => {
    const regions = await ok<{ items: RegionView[] }>(desk.gw.api.request('GET', '/api/v1/regions'));
    r.city = regions.items.find((x) => x.parentId === null)!;
    r.east = await region('东城区', r.city.id);
    r.west = await region('西城区', r.city.id);
    r.andingmen = await region('安定门街道', r.east.id);
    r.hepingli = await region('和平里街道', r.east.id);
    r.yuetan = await region('月坛街道', r.west.id);
    r.happy = await region('幸福社区', r.andingmen.id);
    r.anhua = await region('安华社区', r.andingmen.id);
    r.south = await region('南街社区', r.hepingli.id);
    r.baiyun = await region('白云社区', r.yuetan.id);
    supervisor = await createPerson(desk.gw, 'sup-city', { displayName: '市主管', role: 'supervisor', regionId: r.city.id, phone: '13800000021' });
    await sos(r.happy.id, '王秀英');
    await sos(r.happy.id, '李桂兰');
    await sos(r.baiyun.id, '周德明');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(buttons.map((b) => b.client.endAsync(true)));
  });

  async function openDesk(): Promise<{ page: Page; errors: Error[] }> {
    const opened = await desk.openDesk();
    await signIn(opened.page, supervisor);
    await opened.page.getByTestId('kpi-bar').waitFor();
    return opened;
  }

  test('when a city supervisor filters the queue, then districts, streets and communities are offered with their level names, indented by depth', async () => {
    const { page, errors } = await openDesk();
    const options = page.getByTestId('filter-region').locator('option');
    await expect.poll(() => options.count(), WAIT).toBe(1 + 9);
    const texts = (await options.allTextContents()).slice(1).map((text) => text.replace(/\u00a0/g, ' '));
    expect(texts).toEqual([
      '东城区（区）',
      '  安定门街道（街道）',
      '    安华社区（社区）',
      '    幸福社区（社区）',
      '  和平里街道（街道）',
      '    南街社区（社区）',
      '西城区（区）',
      '  月坛街道（街道）',
      '    白云社区（社区）',
    ]);
    // a street keeps what lies below it: both of 幸福社区's alarms, not 白云社区's
    await page.getByTestId('filter-region').selectOption(r.andingmen!.id);
    await expect.poll(() => page.getByTestId('alert-queue').locator('[data-testid=alert-row]').count(), WAIT).toBe(2);
    expect(errors).toEqual([]);
  }, 60_000);

  test('when the city supervisor opens the reports, then the breakdown names its levels and opens district → street → community', async () => {
    const { page, errors } = await openDesk();
    await page.getByTestId('tab-reports').click();
    await page.locator('[data-testid=reports][data-state=ok]').waitFor();
    const breakdown = page.getByTestId('report-breakdown');
    expect(await breakdown.locator('h3').innerText()).toBe('下辖区域（区、街道、社区）');
    const row = (id: string) => page.locator(`[data-testid=report-breakdown-row][data-region-id="${id}"]`);
    expect(await row(r.east!.id).getByTestId('report-breakdown-level').innerText()).toBe('区');
    expect(await row(r.east!.id).getByTestId('report-breakdown-raised').innerText()).toBe('2');
    await row(r.east!.id).getByTestId('report-breakdown-expand').click();
    await row(r.andingmen!.id).waitFor();
    expect(await row(r.andingmen!.id).getByTestId('report-breakdown-level').innerText()).toBe('街道');
    await row(r.andingmen!.id).getByTestId('report-breakdown-expand').click();
    await row(r.happy!.id).waitFor();
    expect(await row(r.happy!.id).getAttribute('data-depth')).toBe('2');
    expect(await row(r.happy!.id).getByTestId('report-breakdown-level').innerText()).toBe('社区');
    expect(await row(r.happy!.id).getByTestId('report-breakdown-raised').innerText()).toBe('2');
    await row(r.west!.id).getByTestId('report-breakdown-expand').click();
    await row(r.yuetan!.id).getByTestId('report-breakdown-expand').click();
    await row(r.baiyun!.id).waitFor();
    expect(await row(r.baiyun!.id).getByTestId('report-breakdown-raised').innerText()).toBe('1');
    // the rows a reader sees, in order: each district, its streets, their communities
    const shown = await page.locator('[data-testid=report-breakdown-row]').evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-region-id')));
    expect(shown).toEqual([r.east, r.andingmen, r.anhua, r.happy, r.hepingli, r.west, r.yuetan, r.baiyun].map((x) => x!.id));

    // in English the level names come from the plan as well
    await page.getByTestId('lang-en').click();
    await expect.poll(() => breakdown.locator('h3').innerText(), WAIT).toBe('Regions below (District, Street, Community)');
    expect(await row(r.andingmen!.id).getByTestId('report-breakdown-level').innerText()).toBe('Street');
    await page.getByTestId('lang-zh').click();
    await expect.poll(() => breakdown.locator('h3').innerText(), WAIT).toBe('下辖区域（区、街道、社区）');

    await breakdown.scrollIntoViewIfNeeded();
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}regions-city-zh.png` });
    copyFileSync(`${SCREENSHOTS}regions-city-zh.png`, `${DOCS_SCREENSHOTS}regions-city-zh.png`);
    expect(errors).toEqual([]);
  }, 60_000);
});
