import { DEMO_LOGINS, DEMO_RESPONDER_PASSWORD, DEMO_TOWN, type CareNetwork } from './care-network.js';
import { startSimulatedResponders, type SimulatedResponders } from './responders.js';
import { seededRandom } from '../seeded-random.js';

// What makes `npm run demo` look like a county's evening at the duty desk rather than a stress test.
//
// SOS presses: a rate per home per day, scaled by the homes the desk serves. A call-button service sees roughly one
// press per subscriber every three weeks, about a quarter of them pressed by mistake and cancelled (an assumption of
// the demo, of the order home-care call centres report; the evening has more than the night). The demo's few dozen
// simulated homes stand for a county of DEMO_COUNTY_HOMES subscribers (5,000 by default): 0.05 × 5,000 = 250
// presses a day, one every ~6 minutes across the county, landing on the simulated homes. Falls, smoke and the other
// life-safety alerts come from the named scenarios, one every DEMO_SCENARIO_MINUTES (10 by default); most of the
// P2/P3 traffic is the devices' own health (batteries, offline, not worn), from the homes' daily life.
//
// Responders: the care network's responder accounts are played by the demo (responders.ts), except the one
// printed in the banner, which is left to whoever opens the responder page. Time on the way is compressed.

export const SOS_PER_HOME_PER_DAY = 0.05;
export const DEFAULT_COUNTY_HOMES = 5000;

/** Mean minutes between SOS presses across all homes, for `servedHomes` homes at SOS_PER_HOME_PER_DAY. */
export function sosEveryMinutes(servedHomes: number): number {
  return (24 * 60) / (SOS_PER_HOME_PER_DAY * servedHomes);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The demo's responder timings: accept in 20–60 s; the 2–5 min walk compressed by half; 1–2 min on site. */
export const RESPONDER_TIMINGS = {
  acceptAfterMs: [20 * SECOND, 60 * SECOND],
  arriveAfterMs: [1 * MINUTE, 2.5 * MINUTE],
  resolveAfterMs: [1 * MINUTE, 2 * MINUTE],
  taskStepAfterMs: [1 * MINUTE, 3 * MINUTE],
  declineRatio: 0.12,
  pollMs: 4 * SECOND,
} as const;

/** Every responder account of the network but the one the banner offers to a person. */
function simulatedAccounts(network: CareNetwork): Array<{ username: string; password: string; displayName: string }> {
  const plans = [...DEMO_TOWN.communities.flatMap((c) => c.responders), DEMO_TOWN.serviceProvider];
  const users = [...network.communities.flatMap((c) => c.responders), network.serviceProvider];
  return plans
    .filter((plan) => plan.username !== DEMO_LOGINS.responder.username)
    .map((plan) => ({
      username: plan.username,
      password: DEMO_RESPONDER_PASSWORD,
      displayName: users.find((u) => u.username === plan.username)?.displayName ?? plan.displayName,
    }));
}

export async function startEveningResponders(baseUrl: string, network: CareNetwork, say: (text: string) => void): Promise<SimulatedResponders> {
  const responders = await startSimulatedResponders({
    baseUrl,
    accounts: simulatedAccounts(network),
    say,
    random: seededRandom(Date.now()),
    ...RESPONDER_TIMINGS,
  });
  const t = RESPONDER_TIMINGS;
  say(
    `simulated responders: ${responders.playing.join(', ')} accept what the desk dispatches to them after ` +
      `${t.acceptAfterMs[0] / SECOND}–${t.acceptAfterMs[1] / SECOND} s (about 1 in ${Math.round(1 / t.declineRatio)} declines), ` +
      `are on site ${t.arriveAfterMs[0] / MINUTE}–${t.arriveAfterMs[1] / MINUTE} min later (a 2–5 min walk, time compressed ×2) ` +
      `and resolve after ${t.resolveAfterMs[0] / MINUTE}–${t.resolveAfterMs[1] / MINUTE} min on site; ` +
      `${DEMO_LOGINS.responder.username} is yours on the responder page`,
  );
  return responders;
}
