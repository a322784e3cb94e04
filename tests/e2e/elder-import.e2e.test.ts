import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { idNumberCheckCharacter, type Elder } from '../../schemas/index.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, rootRegion } from '../support/care-network.js';
import { signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';

// Importing a civil-affairs list from the registry (issue 21), in a real Chromium against a real gateway: an operator
// chooses a CSV with a bad row, the dry run shows the row's problem in words and what would be created, "import all"
// is not offered while a row is bad, "only the good rows" writes them with a progress bar, and the elders are in the
// registry list.

const id = (first17: string) => first17 + idNumberCheckCharacter(first17);

describe.skipIf(chromiumMissing())('elder import', () => {
  const desk = useDeskBrowser();

  test('when an operator checks a list with a bad row and imports only the good rows, then the problem shows in words and the good elders are registered', async () => {
    const n = randomUUID().slice(0, 6);
    const town = await createRegion(desk.gw, `城关镇${n}`, 'town', (await rootRegion(desk.gw)).id);
    const community = await createRegion(desk.gw, `幸福社区${n}`, 'community', town.id);
    const operator = await createPerson(desk.gw, `op-${n}`, { displayName: '值班员李娜', role: 'operator', regionId: town.id });
    const wrongCheck = (() => {
      const good = id('33010219451002005');
      return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    })();
    const csv = [
      '姓名,身份证号,出生日期,住址,社区,人群类别,监护人,监护人电话',
      `韩桂芳,${id('33010219380415004')},1938/4/15,"城关镇幸福社区5栋101, 东单元",${community.name},独居、低保,韩强,13912340021`,
      `曹德顺,${wrongCheck},1945-10-02,城关镇幸福社区6栋202,${community.name},空巢,,`,
      `彭玉兰,${id('33010219420312006')},19420312,城关镇幸福社区7栋303,${community.name},失能,,`,
    ].join('\r\n');

    const { page, errors } = await desk.openDesk();
    await signIn(page, operator);
    await page.getByTestId('tab-elders').click();
    await page.getByTestId('registry-import').click();
    const panel = page.getByTestId('import-panel');
    await panel.getByTestId('import-file').setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await panel.getByTestId('import-check').click();

    const problem = panel.getByTestId('import-problem');
    await problem.first().waitFor(WAIT);
    expect(await problem.first().innerText()).toMatch(/3\s+身份证号\s+身份证号无效（校验位不符）/);
    expect(await panel.getByTestId('import-counts').innerText()).toContain('共 3 行：新增 2，更新 0，无变化 0，有问题 1');
    const actions = panel.getByTestId('import-action');
    expect(await actions.allInnerTexts()).toEqual([expect.stringMatching(/2\s+新增\s+韩桂芳/), expect.stringMatching(/4\s+新增\s+彭玉兰/)]);
    expect(await panel.getByTestId('import-commit-all').isDisabled()).toBe(true);
    // nothing written by the check
    expect((await desk.gw.api.request<{ items: Elder[] }>('GET', `/api/v1/elders?regionId=${community.id}`)).body.items).toHaveLength(0);

    await panel.getByTestId('import-commit-good').click();
    await panel.getByTestId('import-result').waitFor(WAIT);
    expect(await panel.getByTestId('import-result').innerText()).toBe('导入完成：新增 2，更新 0，无变化 0，跳过有问题的 1 行');

    // the registry's list, read again after the import: both new elders, the bad row's nobody
    await panel.getByTestId('import-close').click();
    const rows = page.getByTestId('registry-row');
    await expect.poll(async () => (await rows.allInnerTexts()).filter((r) => /韩桂芳|彭玉兰|曹德顺/.test(r)).length, WAIT).toBe(2);
    expect((await rows.allInnerTexts()).some((r) => r.includes('曹德顺'))).toBe(false);
    expect(errors).toEqual([]);
  });
});
