import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { AlertDetail, AlertView, TaskView } from '../../schemas/index.js';
import { DEFAULT_COUNTY_HOMES, sosEveryMinutes } from '../../device-sim/src/demo/evening.js';
import { startSimulatedResponders, type SimulatedResponderOptions } from '../../device-sim/src/demo/responders.js';
import { seededRandom } from '../../device-sim/src/seeded-random.js';
import { setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The demo's evening against a real gateway: its SOS rate, and its simulated responders logging in as responder
// accounts and working, over real HTTP, what the desk dispatches to them. Their delays are shortened through the
// simulator's options; what they do is the real care workflow (accept, arrive, resolve, the follow-up visit).

const WAIT = { timeout: 15_000, interval: 100 };

let gw: TestGateway;
let net: CareNetwork;
beforeAll(async () => {
  gw = await startTestGateway();
  net = await setUpCareNetwork(gw);
});
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

const account = (p: Person) => ({ username: p.user.username, password: p.password, displayName: p.user.displayName });

/** Simulated responders with delays of a few tens of ms, stopped after the test; `said` collects their console. */
async function simulate(people: Person[], overrides: Partial<SimulatedResponderOptions> = {}) {
  const said: string[] = [];
  const responders = await startSimulatedResponders({
    baseUrl: gw.httpUrl,
    accounts: people.map(account),
    say: (text) => said.push(text),
    random: seededRandom(20),
    acceptAfterMs: [20, 60],
    arriveAfterMs: [20, 60],
    resolveAfterMs: [20, 60],
    taskStepAfterMs: [20, 60],
    declineRatio: 0,
    pollMs: 150,
    ...overrides,
  });
  onTestFinished(() => responders.stop());
  return { responders, said };
}

/** An SOS from elder A's button, as the desk sees it. */
async function sosOfElderA(): Promise<AlertView> {
  await net.elderA.button.send('events', 'sos');
  let found: AlertView | undefined;
  await expect
    .poll(async () => {
      const open = await net.operatorA.api.request<{ items: AlertView[] }>('GET', `/api/v1/alerts?elderId=${net.elderA.id}`);
      found = open.body.items.find((a) => a.type === 'sos');
      return found !== undefined;
    }, WAIT)
    .toBe(true);
  return found!;
}

const detail = async (id: string) => (await net.operatorA.api.request<AlertDetail>('GET', `/api/v1/alerts/${id}`)).body;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the demo evening', () => {
  it('when the demo serves a county of 5,000 homes, then an SOS comes every 4 to 8 minutes on average', () => {
    expect(sosEveryMinutes(DEFAULT_COUNTY_HOMES)).toBeGreaterThanOrEqual(4);
    expect(sosEveryMinutes(DEFAULT_COUNTY_HOMES)).toBeLessThanOrEqual(8);
    // twice the homes, twice the presses
    expect(sosEveryMinutes(2 * DEFAULT_COUNTY_HOMES)).toBeCloseTo(sosEveryMinutes(DEFAULT_COUNTY_HOMES) / 2);
  });

  it('when the desk only acknowledges an SOS, then the simulated responders leave it alone', async () => {
    await simulate([net.responderA, net.responderA2]);
    const alert = await sosOfElderA();
    expect((await net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/ack`, {})).status).toBe(200);
    await pause(1_500); // ten polls
    const after = await detail(alert.id);
    expect(after.status).toBe('acknowledged');
    expect(after.timeline.map((e) => e.action)).toEqual(['raised', 'acknowledged']);
    await gw.api.resolve(alert.id, 'test cleanup');
  });

  it('when the desk dispatches an SOS to a simulated responder, then it is accepted, reached and resolved with a note, and the follow-up visit done', async () => {
    const { said } = await simulate([net.responderA, net.responderA2]);
    const alert = await sosOfElderA();
    expect((await net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA.user.id })).status).toBe(200);

    await expect.poll(async () => (await detail(alert.id)).status, WAIT).toBe('resolved');
    const done = await detail(alert.id);
    const steps = done.timeline.map((e) => e.action);
    expect(steps).toEqual(expect.arrayContaining(['dispatched', 'accepted', 'arrived', 'resolved']));
    expect(steps.indexOf('accepted')).toBeLessThan(steps.indexOf('arrived'));
    expect(steps.indexOf('arrived')).toBeLessThan(steps.indexOf('resolved'));
    expect(done.resolvedBy).toBe(`user:${net.responderA.user.username}`);
    expect(done.resolutionReason).toBe('handled_on_site');
    expect(done.resolutionNote).toMatch(/上门/);

    // the follow-up visit (回访) the gateway assigned them is accepted and done too
    await expect
      .poll(async () => {
        const tasks = await net.operatorA.api.request<{ items: TaskView[] }>('GET', `/api/v1/tasks?status=all&elderId=${net.elderA.id}`);
        return tasks.body.items.find((t) => t.kind === 'follow_up' && t.alertId === alert.id)?.status;
      }, WAIT)
      .toBe('done');
    for (const words of ['accepts', 'is on site', 'resolves', 'completes the follow_up task']) {
      expect(said.some((line) => line.includes(net.responderA.user.displayName) && line.includes(words)), words).toBe(true);
    }
  });

  it('when a simulated responder declines, then the alert is given back with a reason and they never resolve it', async () => {
    const { said } = await simulate([net.responderA2], { declineRatio: 1 });
    const alert = await sosOfElderA();
    expect((await net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA2.user.id })).status).toBe(200);

    await expect.poll(async () => (await detail(alert.id)).timeline.some((e) => e.action === 'declined'), WAIT).toBe(true);
    const after = await detail(alert.id);
    const declined = after.timeline.find((e) => e.action === 'declined')!;
    expect(declined.actor).toBe(`user:${net.responderA2.user.username}`);
    expect(declined.note).toBeTruthy();
    expect(after.status).not.toBe('resolved');
    expect(said.some((line) => line.includes(net.responderA2.user.displayName) && line.includes('declines'))).toBe(true);
    await gw.api.resolve(alert.id, 'test cleanup');
  });
});
