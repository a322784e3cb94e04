import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { VisitPolicy } from '../../schemas/index.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, rootRegion } from '../support/care-network.js';
import { HAN, SCREENSHOTS, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';
import { TEST_ADMIN } from '../support/test-gateway.js';

// The visit policy table in a real Chromium against a real gateway. An admin finds the shipped default marked as
// such, edits it: a new row for nobody in particular and a row with no way ticked are refused in words next to the
// row before anything is sent; the edits survive a switch to another tab (the tab is marked meanwhile); the saved
// table is the gateway's after a reload. A supervisor reads the same table and cannot edit it.

describe.skipIf(chromiumMissing())('visit policy screen', () => {
  const desk = useDeskBrowser({ OFFLINE_GRACE_SECONDS: '3600' });

  async function openPolicy(who: { user: { username: string }; password: string }): Promise<Page> {
    const { page } = await desk.openDesk();
    await signIn(page, who);
    await page.getByTestId('tab-visits').click();
    await page.getByTestId('visits-view-policy').click();
    await page.locator('[data-testid=visit-policy][data-state=ok]').waitFor();
    return page;
  }

  const rows = (page: Page) => page.getByTestId('policy-row');

  test('when an admin adds a row with no mode, then it is refused in words; once corrected and saved, the table is the gateway’s after a reload', async () => {
    const admin = { user: { username: TEST_ADMIN.username }, password: TEST_ADMIN.password };
    const page = await openPolicy(admin);
    const shipped = (await desk.gw.api.request('GET', '/api/v1/visit-policy')).body as VisitPolicy;
    expect(await page.getByTestId('policy-default').isVisible()).toBe(true);
    expect(await rows(page).count()).toBe(shipped.rules.length);

    await page.getByTestId('policy-edit').click();
    await page.getByTestId('policy-add').click();
    const added = rows(page).last();
    // a new row is for nobody in particular until the admin says whom
    const problem = page.getByTestId('policy-row-error');
    expect(await problem.getAttribute('data-code')).toBe('VISIT_POLICY_RULE_EMPTY');
    await added.getByTestId('policy-row-level').selectOption('moderate');
    await expect.poll(() => problem.count(), WAIT).toBe(0);
    await added.getByTestId('policy-row-frequency').selectOption('fortnightly');
    // no way ticked: refused next to the row, and "save" sends nothing
    await added.getByTestId('policy-row-mode-door').uncheck();
    expect(await problem.getAttribute('data-code')).toBe('VISIT_POLICY_NO_MODE');
    expect(await problem.innerText()).toContain('没有勾选任何探访方式');
    await page.getByTestId('policy-save').click();
    expect(await page.getByTestId('policy-save-error').innerText()).toContain('有的行有问题');
    const unchanged = (await desk.gw.api.request('GET', '/api/v1/visit-policy')).body as VisitPolicy;
    expect(unchanged.updatedAt).toBeNull();
    await page.screenshot({ path: `${SCREENSHOTS}visit-policy-error-zh.png`, fullPage: true });

    await added.getByTestId('policy-row-mode-phone').check();
    await added.getByTestId('policy-row-mode-video').check();
    await expect.poll(() => problem.count(), WAIT).toBe(0);

    // another tab and back: the edits wait, and the tab says so meanwhile
    await page.getByTestId('tab-queue').click();
    expect(await page.getByTestId('tab-visits').getByTestId('visits-unsaved-mark').isVisible()).toBe(true);
    await page.getByTestId('tab-visits').click();
    expect(await page.getByTestId('visit-policy').getAttribute('data-unsaved')).toBe('true');
    expect(await rows(page).count()).toBe(shipped.rules.length + 1);

    await page.getByTestId('policy-save').click();
    await page.getByTestId('policy-saved').waitFor();
    expect(await page.getByTestId('policy-default').count()).toBe(0);
    expect(await page.getByTestId('tab-visits').getByTestId('visits-unsaved-mark').count()).toBe(0);
    const saved = (await desk.gw.api.request('GET', '/api/v1/visit-policy')).body as VisitPolicy;
    expect(saved.rules.at(-1)).toEqual({ group: null, assessmentLevel: 'moderate', frequency: 'fortnightly', modes: ['phone', 'video'] });

    await page.reload();
    // the desk opens on the tab it showed (#visits), on its first sub-view; the strip asking for a click to enable the
    // sound leaves on the first click, moving the page up under the pointer, so it is clicked first
    await page.locator('[data-testid=coverage][data-state=ok]').waitFor();
    await page.getByTestId('sound-prompt').click();
    await page.getByTestId('sound-prompt').waitFor({ state: 'hidden' });
    await page.getByTestId('visits-view-policy').click();
    await page.locator('[data-testid=visit-policy][data-state=ok]').waitFor();
    const last = rows(page).last();
    expect(await last.getByTestId('policy-row-level').innerText()).toBe('中度受损');
    expect(await last.getByTestId('policy-row-frequency').innerText()).toBe('每两周');
    expect(await last.locator('[data-mode=door]').getAttribute('data-counts')).toBe('false');
    expect(await last.locator('[data-mode=phone]').getAttribute('data-counts')).toBe('true');
    expect(await page.getByTestId('policy-updated').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}visit-policy-zh.png`, fullPage: true });

    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('#policy-heading').innerText(), WAIT).toBe('Visit policy');
    expect(await page.locator('.policy-table').innerText()).not.toMatch(HAN);
  }, 90_000);

  test('when a supervisor opens the policy, then the table is read-only', async () => {
    const county = await rootRegion(desk.gw);
    const supervisor = await createPerson(desk.gw, 'sup-policy', { displayName: '县主管', role: 'supervisor', regionId: county.id, phone: '13800000012' });
    const page = await openPolicy(supervisor);
    expect(await rows(page).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('policy-readonly').isVisible()).toBe(true);
    expect(await page.getByTestId('policy-edit').count()).toBe(0);
    expect(await page.locator('[data-testid=visit-policy] select').count()).toBe(0);
  }, 60_000);
});
