import { Writable } from 'node:stream';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGatewayClient } from '../../device-sim/src/gateway-client.js';
import { SCENARIO_NAMES, runScenario, waitForDesk } from '../../device-sim/src/scenarios/index.js';
import { createRootLogger } from '../../gateway/src/logger.js';
import type { Elder } from '../../schemas/index.js';
import { setUpCareNetwork } from '../support/care-network.js';
import { eventually } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

// Elders' names, addresses, phone numbers, contacts, medical and access notes, device secrets, passwords and tokens
// never appear in the logs. The gateway logs at `trace` (everything it can say) while a full day happens: every named
// simulator scenario, an elder with a complete record pressing SOS, the desk acknowledging and resolving with a note,
// family notified through a real webhook, failed and good logins. Then every sensitive value is looked for in the logs.

const OFFLINE_GRACE_MS = 1000;

const elderRecord = {
  name: '欧阳秀英',
  address: '城关镇幸福路88号3单元401',
  phone: '13912345678',
  riskCategory: 'alone' as const,
  contacts: [
    { name: '欧阳建国', relation: 'son', phone: '13800001111', notify: true },
    { name: '司马丽华', relation: 'neighbour', phone: '13700002222', notify: true },
  ],
  medicalNotes: '高血压三级，服用氨氯地平，青霉素过敏',
  accessNotes: '钥匙在门口地垫下，门禁密码4821',
};

// Notifications go out through a real webhook (with the family's phone numbers) or only to the log (the demo).
describe.each([['webhook'], ['log']] as const)('privacy of the logs, notifications by %s', (channel) => {
  const lines: string[] = [];
  let gw: TestGateway;
  let webhook: WebhookReceiver;

  beforeAll(async () => {
    webhook = await startWebhookReceiver();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    gw = await startTestGateway(
      {
        OFFLINE_GRACE_SECONDS: String(OFFLINE_GRACE_MS / 1000),
        DEADLINE_TICK_MS: '50',
        ...(channel === 'webhook' ? { NOTIFY_WEBHOOK_URL: webhook.url } : {}),
      },
      {},
      createRootLogger('trace', sink),
    );
  });
  afterAll(async () => {
    await gw?.close();
    await webhook?.close();
  });

  it('when a full day of scenarios, alarms and logins is logged at trace level, then no personal data, secret, password or token is in the logs', { timeout: 120_000 }, async () => {
    const secrets: string[] = [gw.adminPassword, gw.adminToken];

    // Failed logins, with passwords that must not be logged either.
    for (const attempt of ['wrong-password-Kx81', 'another-guess-Qz55']) {
      secrets.push(attempt);
      expect((await gw.api.request('POST', '/api/v1/auth/login', { username: gw.adminUser, password: attempt }, null)).status).toBe(401);
    }
    await gw.api.login(gw.adminUser, gw.adminPassword);
    secrets.push(gw.api.token);
    const network = await setUpCareNetwork(gw);
    for (const person of [network.operatorA, network.supervisorA, network.responderA, network.responderA2, network.responderB]) {
      secrets.push(person.password, person.api.token, person.user.phone ?? '');
    }

    // One elder with a complete record, a button that presses SOS, the desk handling it with a note.
    const elder = await gw.api.createElder(elderRecord);
    const device = await gw.api.createDevice({ elderId: elder.id, kind: 'call_button' });
    secrets.push(device.secret);
    const button = await mqtt.connectAsync(gw.mqttUrl, { clientId: device.id, username: device.id, password: device.secret });
    await button.publishAsync(`devices/${device.id}/events`, JSON.stringify({ msgId: 'privacy-sos', ts: Date.now(), type: 'sos' }), { qos: 1 });
    const [alert] = await eventually(
      async () => (await gw.api.listAlerts('open')).filter((a) => a.deviceId === device.id),
      (found) => found.length === 1,
      10_000,
    );
    if (channel === 'webhook') await webhook.waitFor((n) => n.alertId === alert!.id, 10_000);
    else await eventually(async () => lines.join('\n'), (log) => log.includes('notification (log only)'), 10_000);
    expect((await gw.api.ack(alert!.id)).status).toBe(200);
    expect((await gw.api.resolve(alert!.id, `已电话联系${elderRecord.contacts[0]!.name}，老人安好`)).status).toBe(200);
    await button.endAsync();

    // Every named scenario of the simulator, with its own elders and devices.
    const client = await connectGatewayClient(gw.httpUrl, gw.adminUser, gw.adminPassword);
    secrets.push(client.token);
    await Promise.all(
      SCENARIO_NAMES.map(async (name) => {
        const result = await runScenario(name, { client, mqttUrl: gw.mqttUrl, fast: true, offlineGraceMs: OFFLINE_GRACE_MS });
        try {
          await waitForDesk(client, result, { extraMs: 1000, pollMs: 100 });
        } finally {
          await result.close();
        }
      }),
    );

    // Everything personal the gateway knows about every elder, and every person's phone.
    const elders = (await gw.api.request<{ items: Elder[] }>('GET', '/api/v1/elders?limit=5000')).body.items;
    expect(elders.length).toBeGreaterThan(SCENARIO_NAMES.length);
    const personal = elders.flatMap((e) => [
      e.name,
      e.address,
      e.phone ?? '',
      e.medicalNotes,
      e.accessNotes,
      ...e.contacts.flatMap((c) => [c.name, c.phone]),
    ]);
    const sensitive = [...new Set([...personal, ...secrets].filter((v) => v.length >= 4))];
    expect(sensitive.length).toBeGreaterThan(40);

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(30);
    if (process.env.PRIVACY_LOG_DUMP) console.log(log);
    expect(log).toContain('alert raised');
    const leaked = sensitive.filter((value) => log.includes(value));
    const examples = leaked.map((value) => lines.find((l) => l.includes(value))?.slice(0, 300));
    expect(leaked, examples.join('\n')).toEqual([]);
  });
});
