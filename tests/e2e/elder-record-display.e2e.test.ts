import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { describe, expect, onTestFinished, test } from 'vitest';
import { idNumberCheckCharacter, type Elder } from '../../schemas/index.js';
import { replyBody, type ApiReply } from '../support/api-client.js';
import { chromiumMissing } from '../support/browser.js';
import { createPerson, createRegion, rootRegion } from '../support/care-network.js';
import { HAN, signIn, useDeskBrowser, WAIT } from '../support/desk-browser.js';

// Who the elder is (issue 21) on the desk's record, in a real Chromium against a real gateway: an elder registered
// over REST with groups, a birth date that makes them 高龄, sex, an assessment, a guardian among the contacts and the
// consent; a real call button's SOS brings the alert, and the record in the queue's pane shows it all, in zh-CN and,
// after the language switch, in English without Chinese labels.

const ok = <T>(reply: Promise<ApiReply>, status = 201) => replyBody<T>(reply, status);

describe.skipIf(chromiumMissing())('elder record display', () => {
  const desk = useDeskBrowser();

  test('when the desk opens an alert of an elder with the whole record, then groups, age with 高龄, sex, assessment, the guardian and the consent show', async () => {
    const n = randomUUID().slice(0, 6);
    const api = desk.gw.api;
    const town = await createRegion(desk.gw, '城关镇', 'town', (await rootRegion(desk.gw)).id);
    const community = await createRegion(desk.gw, '幸福社区', 'community', town.id);
    const operator = await createPerson(desk.gw, `op-${n}`, { displayName: '值班员王敏', role: 'operator', regionId: town.id });
    const first17 = '33010219400102003';
    const elder = await ok<Elder>(
      api.request('POST', '/api/v1/elders', {
        name: '陈秀英',
        address: '城关镇幸福社区2栋101',
        regionId: community.id,
        idNumber: first17 + idNumberCheckCharacter(first17),
        groups: ['living_alone', 'dementia'],
        assessment: { level: 'moderate', assessedOn: '2026-05-20', assessor: '县评估中心' },
        consent: { givenOn: '2026-05-21', givenBy: '陈建军', relation: 'guardian' },
        contacts: [
          { name: '邻居刘梅', relation: '邻居', phone: '13900000031' },
          { name: '陈建军', relation: '儿子', phone: '13900000032', notify: true, guardian: true },
        ],
      }),
    );
    // birth date and sex come from the ID number: 1940-01-02, 17th digit 3 (male)
    expect(elder).toMatchObject({ birthDate: '1940-01-02', sex: 'male', veryOld: true });
    const device = await ok<{ id: string; secret: string }>(api.request('POST', '/api/v1/devices', { elderId: elder.id, kind: 'call_button' }));
    const client = await mqtt.connectAsync(desk.gw.mqttUrl, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0 });
    onTestFinished(() => client.endAsync(true));

    const { page, errors } = await desk.openDesk();
    await signIn(page, operator);
    await page.getByTestId('alert-queue').waitFor({ state: 'attached' });
    await client.publishAsync(`devices/${device.id}/events`, JSON.stringify({ msgId: randomUUID(), ts: Date.now(), type: 'sos' }), { qos: 1 });
    const row = page.getByTestId('alert-queue').getByTestId('alert-row').filter({ hasText: '陈秀英' });
    await row.getByTestId('elder-name').click();
    const pane = page.getByTestId('alert-pane');
    const groups = pane.getByTestId('elder-groups');
    await groups.waitFor(WAIT);

    expect(await groups.innerText()).toMatch(/高龄[\s\S]*独居[\s\S]*失智/);
    expect(await pane.getByTestId('elder-age').innerText()).toBe(`${elder.age} 岁`);
    expect(await pane.getByTestId('elder-sex').innerText()).toBe('男');
    expect(await pane.getByTestId('elder-assessment').innerText()).toMatch(/中度受损\s*2026-05-20 评估（县评估中心）/);
    expect(await pane.getByTestId('elder-consent').innerText()).toBe('2026-05-21 由 陈建军（监护人）签署');
    const contacts = pane.getByTestId('elder-contact');
    await expect.poll(() => contacts.count(), WAIT).toBe(2);
    expect(await contacts.nth(0).getByTestId('contact-guardian').count()).toBe(0);
    expect(await contacts.nth(1).getByTestId('contact-guardian').innerText()).toBe('监护人');

    await page.getByTestId('lang-switch').getByTestId('lang-en').click();
    await expect.poll(() => pane.getByTestId('elder-sex').innerText(), WAIT).toBe('Male');
    expect(await groups.innerText()).toMatch(/Very old \(80\+\)[\s\S]*Living alone[\s\S]*Dementia/);
    expect(await pane.getByTestId('elder-age').innerText()).toBe(`${elder.age} years`);
    expect(await pane.getByTestId('elder-assessment').innerText()).toMatch(/Moderately impaired\s*assessed 2026-05-20 by 县评估中心/);
    expect(await contacts.nth(1).getByTestId('contact-guardian').innerText()).toBe('Legal guardian');
    // what is left once the typed names are taken out has no Chinese
    const consent = (await pane.getByTestId('elder-consent').innerText()).replace('陈建军', '');
    expect(consent).toBe('given 2026-05-21 by  (Guardian)');
    expect(consent).not.toMatch(HAN);
    expect(errors).toEqual([]);
  }, 90_000);
});
