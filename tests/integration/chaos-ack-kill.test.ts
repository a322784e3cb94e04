import { describe, expect, it, onTestFinished } from 'vitest';
import type { AlertView } from '../../schemas/index.js';
import { createApiClient, type ApiClient } from '../support/api-client.js';
import { ChaosButton } from '../support/chaos-button.js';
import { createRestartableGateway } from '../support/chaos-gateway.js';
import { registerButtonHomes } from '../support/chaos-homes.js';
import { planAckChaos } from '../support/chaos-plan.js';
import { chaosSeed, seededRandom, sleepUntil } from '../support/chaos-random.js';
import { TEST_ADMIN } from '../support/test-gateway.js';

// The desk's acknowledgement is as durable as the alarm. Operators acknowledge alerts through the REST API while the
// gateway is SIGKILLed among their requests. An acknowledgement that got its 200 must still be there after the
// restart, once. One whose request died with the process either applied once or not at all, never half; and the
// operator's obvious next step, pressing "acknowledge" again, gets a consistent answer: 200 if it had not applied,
// 409 ALERT_TRANSITION_INVALID if it had. Either way the alert ends acknowledged with one 'acknowledged' entry.
//
// Replay a failure with the seed it prints: CHAOS_SEED=<seed> npx vitest run tests/integration/chaos-ack-kill.test.ts

const KILLS = 10;
const ACKS_PER_CYCLE = 6;
const ALERTS = KILLS * ACKS_PER_CYCLE;
/** Acks are spread over this window and the kill lands in it; an ack takes a few milliseconds here. */
const WINDOW_MS = 30;

type Outcome = { alertId: string; status: number; code: string | null; ms: number } | { alertId: string; failed: string };

interface Tally {
  tried: number;
  ok: number;
  failed: number;
  /** Of the failed: the connection was refused, so the request never reached a live process. */
  refused: number;
  failedButApplied: number;
  failedNotApplied: number;
  retryOk: number;
  retryConflict: number;
  okMs: number[];
}

const ackedEntries = async (api: ApiClient, id: string) => {
  const detail = await api.getAlert(id);
  return { status: detail.status, entries: detail.timeline.filter((t) => t.action === 'acknowledged').length };
};

/** After a restart: what each ack of the killed life left behind, and what a retry of a failed one answers. */
async function checkAfterRestart(api: ApiClient, outcomes: Outcome[], tally: Tally, violations: string[]): Promise<void> {
  for (const o of outcomes) {
    tally.tried += 1;
    const before = await ackedEntries(api, o.alertId);
    if ('status' in o) {
      tally.ok += 1;
      tally.okMs.push(o.ms);
      if (o.status !== 200) violations.push(`alert ${o.alertId}: first ack answered ${o.status} ${o.code}, expected 200 or no answer`);
      if (before.status !== 'acknowledged' || before.entries !== 1) {
        violations.push(`alert ${o.alertId}: ack got ${o.status} before the kill, after restart it is ${before.status} with ${before.entries} 'acknowledged' entries`);
      }
      continue;
    }
    tally.failed += 1;
    if (o.failed === 'ECONNREFUSED') tally.refused += 1;
    const applied = before.status === 'acknowledged' && before.entries === 1;
    const notApplied = before.status === 'raised' && before.entries === 0;
    if (!applied && !notApplied) {
      violations.push(`alert ${o.alertId}: ack cut off by the kill left it ${before.status} with ${before.entries} 'acknowledged' entries`);
      continue;
    }
    if (applied) tally.failedButApplied += 1;
    else tally.failedNotApplied += 1;
    const retry = await api.ack(o.alertId);
    const code = (retry.body as { error?: { code?: string } } | null)?.error?.code ?? null;
    if (retry.status === 200) tally.retryOk += 1;
    if (retry.status === 409) tally.retryConflict += 1;
    const expected = applied ? '409 ALERT_TRANSITION_INVALID' : '200 null';
    if (`${retry.status} ${code}` !== expected) violations.push(`alert ${o.alertId}: retry answered ${retry.status} ${code}, expected ${expected}`);
    const after = await ackedEntries(api, o.alertId);
    if (after.status !== 'acknowledged' || after.entries !== 1) {
      violations.push(`alert ${o.alertId}: after the retry it is ${after.status} with ${after.entries} 'acknowledged' entries`);
    }
  }
}

describe('crash safety of acknowledgements', () => {
  it('when the gateway is SIGKILLed among acknowledgements, then an ack that got 200 is kept once, and one cut off applied once or not at all and a retry answers 200 or 409 accordingly', { timeout: 120_000 }, async () => {
    const seed = chaosSeed();
    const replay = `seed ${seed}; replay: CHAOS_SEED=${seed} npx vitest run tests/integration/chaos-ack-kill.test.ts`;
    console.info(`chaos-ack-kill: ${replay}`);
    const plan = planAckChaos(seededRandom(seed), { alerts: ALERTS, kills: KILLS, acksPerCycle: ACKS_PER_CYCLE, windowMs: WINDOW_MS });
    const testBegan = Date.now();

    // No escalation: the timelines should hold the raise and the acknowledgements only.
    const gw = await createRestartableGateway({ ESCALATION_P1_SECONDS: '3600', LOG_LEVEL: 'info' });
    onTestFinished(() => gw.dispose());
    await gw.start();
    const api = createApiClient(gw.httpUrl);
    await api.login(TEST_ADMIN.username, TEST_ADMIN.password);

    // One SOS alert per elder, each acknowledged at the MQTT level before the chaos begins.
    const homes = await registerButtonHomes(api, ALERTS, '确认老人');
    await Promise.all(
      homes.map(async (h) => {
        const button = new ChaosButton(h.deviceId, h.secret, gw.mqttUrl, 0);
        await button.connect();
        await button.pressSos().acked;
        await button.close();
      }),
    );
    const open = await api.request<{ items: AlertView[] }>('GET', '/api/v1/alerts?status=open&limit=1000');
    expect(open.body.items.filter((a) => a.type === 'sos')).toHaveLength(ALERTS);
    const alertIds = homes.map((h) => open.body.items.find((a) => a.deviceId === h.deviceId && a.type === 'sos')?.id ?? `missing alert of ${h.deviceId}`);

    const tally: Tally = { tried: 0, ok: 0, failed: 0, refused: 0, failedButApplied: 0, failedNotApplied: 0, retryOk: 0, retryConflict: 0, okMs: [] };
    const violations: string[] = [];
    const chaosBegan = Date.now();
    for (const cycle of plan) {
      const t0 = Date.now();
      const attempts = cycle.acks.map(async ({ alert, atMs }): Promise<Outcome> => {
        const alertId = alertIds[alert] as string;
        await sleepUntil(t0 + atMs);
        const sentAt = Date.now();
        try {
          const reply = await api.ack(alertId);
          return { alertId, status: reply.status, code: (reply.body as { error?: { code?: string } } | null)?.error?.code ?? null, ms: Date.now() - sentAt };
        } catch (err) {
          // fetch's own message is 'fetch failed'; the cause tells a refused connection from one cut in the middle.
          const cause = (err as { cause?: { code?: string; message?: string } }).cause;
          return { alertId, failed: cause?.code ?? cause?.message ?? (err as Error).message };
        }
      });
      await sleepUntil(t0 + cycle.killAtMs);
      await gw.kill();
      const outcomes = await Promise.all(attempts);
      await gw.start();
      await checkAfterRestart(api, outcomes, tally, violations);
    }
    const chaosEnded = Date.now();

    // Every alert was acknowledged once by the end, whichever way its first request went.
    const reply = await api.request<{ items: AlertView[] }>('GET', '/api/v1/alerts?status=all&limit=1000');
    const sos = reply.body.items.filter((a) => a.type === 'sos');
    expect(sos).toHaveLength(ALERTS);
    for (const id of alertIds) {
      const final = await ackedEntries(api, id);
      if (final.status !== 'acknowledged' || final.entries !== 1) violations.push(`alert ${id}: ends ${final.status} with ${final.entries} 'acknowledged' entries`);
    }

    const figures = {
      seed,
      kills: gw.kills,
      acksTried: tally.tried,
      answered200BeforeKill: tally.ok,
      failedByKill: tally.failed,
      refusedAfterKill: tally.refused,
      cutOffInFlight: tally.failed - tally.refused,
      cutOffButApplied: tally.failedButApplied,
      cutOffNotApplied: tally.failedNotApplied,
      retries200: tally.retryOk,
      retries409: tally.retryConflict,
      violations: violations.length,
      ackMsMax: Math.max(0, ...tally.okMs),
      chaosSeconds: Math.round((chaosEnded - chaosBegan) / 100) / 10,
      testSeconds: Math.round((Date.now() - testBegan) / 100) / 10,
    };
    console.info(`chaos-ack-kill figures: ${JSON.stringify(figures)}`);

    expect(gw.kills).toBe(KILLS);
    expect(tally.tried).toBe(ALERTS);
    expect(violations, replay).toEqual([]);
    expect(await gw.stop()).toBe(0);
  });
});
