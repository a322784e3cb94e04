import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../../gateway/src/config.js';
import { createRootLogger } from '../../../gateway/src/logger.js';
import { startGateway } from '../../../gateway/src/server.js';
import { DEMO_LOGINS, ensureCareNetwork, placementFor, type CareNetwork } from './care-network.js';
import { readHomesFile, writeHomesFile, type DemoHomes } from './homes-file.js';
import { DEFAULT_COUNTY_HOMES, SOS_PER_HOME_PER_DAY, sosEveryMinutes, startEveningResponders } from './evening.js';
import type { SimulatedResponders } from './responders.js';
import { startDemoScenarios, type DemoScenarios } from './scenarios.js';
import { createGatewayClient, GatewayApiError, login, type GatewayClient } from '../gateway-client.js';
import { homeProfile } from '../home-profiles.js';
import { locateSavedHomes } from '../home-locations.js';
import { completeHome, DEFAULT_HOMES_SEED, placeSavedHome, provisionHomes, runHomes, type Home, type HomesHandle } from '../homes.js';
import { SCENARIO_NAMES } from '../scenarios/index.js';

// `npm run demo`: the gateway in-process, a few dozen simulated homes around it (call buttons, watches, bed and
// home sensors, cameras in institution rooms), SOS presses at a county's evening rate, and one named scenario every
// ten minutes, so the duty desk shows every kind of alert (evening.ts says where the rates come from). The homes
// live in the communities of a small care network (care-network.ts) with responders to dispatch, a duty operator
// and a supervisor; the responders but one are simulated (responders.ts): the desk acknowledges and dispatches
// by hand, they accept, arrive and resolve. One command, no setup; Ctrl+C stops it cleanly.

const DEMO_PASSWORD = 'demo-password-2026';
const FALSE_PRESS_RATIO = 0.25;
const FIRST_SCENARIO_AFTER_SECONDS = 20;

const demoEnvSchema = z.object({
  DEMO_HOMES: z.coerce.number().int().min(1).max(5000).default(36),
  /** Minutes between named scenarios (fast); 0 turns them off. */
  DEMO_SCENARIO_MINUTES: z.coerce.number().min(0).max(24 * 60).default(10),
  /** The homes the desk serves, which the SOS rate is scaled by (the simulated homes are a sample of them). */
  DEMO_COUNTY_HOMES: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_COUNTY_HOMES),
  /** 'off': no simulated responders, every dispatch waits for a person on the responder page. */
  DEMO_RESPONDERS: z.enum(['on', 'off']).default('on'),
});

const passwordFromEnv = Boolean(process.env.GATEWAY_ADMIN_PASSWORD);
const config = loadConfig({
  ...process.env,
  DATA_DIR: process.env.DATA_DIR || './data/demo',
  GATEWAY_ADMIN_USER: process.env.GATEWAY_ADMIN_USER || 'admin',
  GATEWAY_ADMIN_PASSWORD: process.env.GATEWAY_ADMIN_PASSWORD || DEMO_PASSWORD,
});
const demoEnv = demoEnvSchema.parse({
  DEMO_HOMES: process.env.DEMO_HOMES || undefined,
  DEMO_SCENARIO_MINUTES: process.env.DEMO_SCENARIO_MINUTES || undefined,
  DEMO_COUNTY_HOMES: process.env.DEMO_COUNTY_HOMES || undefined,
  DEMO_RESPONDERS: process.env.DEMO_RESPONDERS || undefined,
});
const { DEMO_HOMES: homeCount, DEMO_SCENARIO_MINUTES: scenarioMinutes } = demoEnv;
const servedHomes = Math.max(homeCount, demoEnv.DEMO_COUNTY_HOMES);
const sosMinutes = sosEveryMinutes(servedHomes);
const homesFile = join(config.DATA_DIR, 'demo-homes.json');
// One root logger for the gateway and the simulator, with the gateway's redaction of personal data.
const logger = createRootLogger(config.LOG_LEVEL);

let gateway: Awaited<ReturnType<typeof startGateway>> | null = null;
let homesHandle: HomesHandle | null = null;
let scenarios: DemoScenarios | null = null;
let responders: SimulatedResponders | null = null;
let shuttingDown = false;

async function main(): Promise<void> {
  await mkdir(config.DATA_DIR, { recursive: true });
  gateway = await startGateway(config, logger);
  const user = config.GATEWAY_ADMIN_USER;
  const token = await login(gateway.httpUrl, user, config.GATEWAY_ADMIN_PASSWORD ?? DEMO_PASSWORD).catch((err: unknown) => {
    if (err instanceof GatewayApiError && err.status === 401) {
      // The admin password is taken from the environment only when DATA_DIR has no user yet.
      throw new Error(`login as ${user} failed: ${config.DATA_DIR} was first started with another password; ` +
        'set GATEWAY_ADMIN_PASSWORD to that one, or use a fresh DATA_DIR', { cause: err });
    }
    throw err;
  });
  const client = createGatewayClient(gateway.httpUrl, token);

  const network = await ensureCareNetwork(client, say);
  const responderCount = network.communities.reduce((sum, c) => sum + c.responders.length, 0) + 1;
  const where = `${network.town.name} (${network.communities.map((c) => c.region.name).join(', ')})`;
  if (network.created.regions + network.created.users > 0) {
    say(`care network: ${where} with ${responderCount} responders, a duty operator and a supervisor; ` +
      `added ${network.created.regions} regions and ${network.created.users} accounts`);
  } else {
    say(`care network of an earlier run: ${where} with ${responderCount} responders, a duty operator and a supervisor`);
  }

  const demo = await readHomesFile(homesFile);
  const { homes } = demo;
  if (homes.length > 0 && !(await elderExists(client, homes[0]!.elderId))) {
    // The store was reset but the file kept: its elders and secrets are gone, so start over.
    say(`the gateway's store does not know the homes in ${homesFile}; provisioning anew`);
    homes.length = 0;
    demo.scenarioDevices = [];
  }
  const completed = await completeSavedHomes(client, demo);
  if (completed > 0) say(`added watches, sensors and cameras to ${completed} homes saved by an earlier demo`);
  const placed = await placeSavedHomes(client, demo, network);
  if (placed > 0) say(`moved ${placed} homes saved by an earlier demo into the communities of ${network.town.name}`);
  const located = await locateSavedHomes(client, homes.slice(0, homeCount), DEFAULT_HOMES_SEED);
  if (located > 0) say(`gave ${located} homes saved by an earlier demo a location for the map links`);
  if (homes.length >= homeCount) {
    say(`reusing ${homeCount} homes provisioned earlier (${homesFile})`);
  } else {
    if (homes.length > 0) say(`found ${homes.length} homes from an earlier run; provisioning the other ${homeCount - homes.length}`);
    await provisionHomes(client, homeCount - homes.length, {
      startIndex: homes.length,
      place: (index, profile) => placementFor(network, index, profile),
      // Saved after every home: secrets are shown once, and an interrupted run must not lose them.
      onProvisioned: async (home: Home) => {
        homes.push(home);
        await writeHomesFile(homesFile, demo);
        if (homes.length % 6 === 0 || homes.length === homeCount) say(`provisioned ${homes.length}/${homeCount} homes`);
      },
    });
  }
  if (shuttingDown) return;

  homesHandle = await runHomes(homes.slice(0, homeCount), gateway.mqttUrl, {
    logger,
    sosEveryMinutes: sosMinutes,
    firstSosAfterSeconds: 30,
    falsePressRatio: FALSE_PRESS_RATIO,
  }).catch((err: unknown) => {
    throw new Error(`the simulated devices could not connect (${(err as Error).message}); if ${homesFile} ` +
      'is from another DATA_DIR, remove it to provision anew', { cause: err });
  });
  if (shuttingDown) return;
  const deviceCount = homes.slice(0, homeCount).reduce((sum, home) => sum + home.devices.length, 0);
  printBanner(gateway.httpUrl, gateway.mqttUrl, deviceCount, network);
  say(`SOS presses: ${SOS_PER_HOME_PER_DAY} a home a day for the ${servedHomes} homes the desk serves: one every ` +
    `${sosMinutes.toFixed(1)} min on average across the county (DEMO_COUNTY_HOMES), a quarter of them cancelled`);
  if (demoEnv.DEMO_RESPONDERS === 'on') responders = await startEveningResponders(gateway.httpUrl, network, say);
  if (shuttingDown) return;
  if (scenarioMinutes > 0) {
    scenarios = await startDemoScenarios({
      client,
      mqttUrl: gateway.mqttUrl,
      logger,
      everyMinutes: scenarioMinutes,
      firstAfterMs: FIRST_SCENARIO_AFTER_SECONDS * 1000,
      offlineGraceMs: config.OFFLINE_GRACE_SECONDS * 1000,
      say,
      regionIds: network.communities.map((c) => c.region.id),
      saved: demo.scenarioDevices,
      onDevicesChanged: async (devices) => {
        demo.scenarioDevices = devices;
        await writeHomesFile(homesFile, demo);
      },
    });
  }
}

/**
 * Homes saved by an older demo (call buttons only) get the other devices their profile lists; the file is saved
 * after each, as secrets are shown once. Returns how many homes got devices.
 */
async function completeSavedHomes(client: GatewayClient, demo: DemoHomes): Promise<number> {
  let completed = 0;
  for (const [index, home] of demo.homes.slice(0, homeCount).entries()) {
    const full = await completeHome(client, home, homeProfile(DEFAULT_HOMES_SEED, index));
    if (full === home) continue;
    demo.homes[index] = full;
    completed += 1;
    await writeHomesFile(homesFile, demo);
  }
  return completed;
}

/**
 * Homes saved before the care network existed (no regionId) are moved into a community once: community, address,
 * contacts, notes and assigned responders; the file is saved after each. Returns how many homes were moved.
 */
async function placeSavedHomes(client: GatewayClient, demo: DemoHomes, network: CareNetwork): Promise<number> {
  let placed = 0;
  for (const [index, home] of demo.homes.slice(0, homeCount).entries()) {
    if (home.regionId !== undefined) continue;
    const profile = homeProfile(DEFAULT_HOMES_SEED, index);
    demo.homes[index] = await placeSavedHome(client, home, {
      profile,
      seed: DEFAULT_HOMES_SEED,
      index,
      placement: placementFor(network, index, profile),
      countyId: network.county.id,
    });
    placed += 1;
    await writeHomesFile(homesFile, demo);
  }
  return placed;
}

async function elderExists(client: GatewayClient, elderId: string): Promise<boolean> {
  try {
    await client.getElder(elderId);
    return true;
  } catch (err) {
    if (err instanceof GatewayApiError && err.status === 404) return false;
    throw err;
  }
}

function printBanner(httpUrl: string, mqttUrl: string, deviceCount: number, network: CareNetwork): void {
  const password = passwordFromEnv ? '(the value of GATEWAY_ADMIN_PASSWORD)' : DEMO_PASSWORD;
  const { duty, supervisor, responder } = DEMO_LOGINS;
  const firstTeam = network.communities[0];
  const line = '─'.repeat(72);
  process.stdout.write(
    [
      '',
      line,
      '  Elderly-care gateway demo is running',
      '',
      `  Dashboard   ${forHumans(httpUrl)}/`,
      `  Logins      admin       user ${config.GATEWAY_ADMIN_USER}, password ${password}`,
      `              operator    user ${duty.username}, password ${duty.password} (the ${network.county.name} duty desk)`,
      `              supervisor  user ${supervisor.username}, password ${supervisor.password} (the desk and its escalations)`,
      `  Responder   ${forHumans(httpUrl)}/responder.html`,
      `              user ${responder.username}, password ${responder.password} (${responder.displayName}, ${firstTeam?.region.name ?? ''})`,
      demoEnv.DEMO_RESPONDERS === 'on'
        ? '              the other responders are simulated: they accept, arrive and resolve what you dispatch (DEMO_RESPONDERS=off)'
        : '              no simulated responders (DEMO_RESPONDERS=off): dispatches wait for the responder page',
      `  Network     ${network.county.name} → ${network.town.name} → ${network.communities.map((c) => c.region.name).join(', ')}: a care worker and`,
      `              a nurse in each community, a service provider for the town; responders' password ${responder.password}:`,
      `              ${[...network.communities.flatMap((c) => c.responders), network.serviceProvider].map((r) => r.username).join(', ')}`,
      `  API docs    ${forHumans(httpUrl)}/api/docs`,
      `  MQTT        ${forHumans(mqttUrl)}`,
      `  Homes       ${homeCount} simulated homes and institution rooms, ${deviceCount} devices (call buttons, watches,`,
      `              bed, smoke, gas, water, door and motion sensors, cameras); an SOS every ~${sosMinutes < 10 ? sosMinutes.toFixed(1) : Math.round(sosMinutes)} min, some cancelled`,
      `  Scenarios   ${scenarioMinutes > 0 ? `one every ${scenarioMinutes} min, in turn: ${SCENARIO_NAMES.join(', ')}` : 'off (DEMO_SCENARIO_MINUTES=0)'}`,
      `  Data        ${config.DATA_DIR} (device secrets of the demo homes in ${homesFile})`,
      '',
      '  Stop with Ctrl+C (SIGINT) or SIGTERM.',
      line,
      '',
    ].join('\n'),
  );
}

/** The gateway listens on 0.0.0.0 by default; a browser wants a name it can open. */
function forHumans(url: string): string {
  const parsed = new URL(url);
  if (['0.0.0.0', '[::]', '::'].includes(parsed.hostname)) parsed.hostname = 'localhost';
  return parsed.toString().replace(/\/$/, '');
}

function say(message: string): void {
  process.stdout.write(`[demo] ${message}\n`);
}

/** Stops the scenarios and homes first (their DISCONNECTs reach a live broker), then closes the gateway. */
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say(`${signal} received, stopping`);
  // Should a close hang (a client that never lets go), do not hang the terminal with it.
  setTimeout(() => process.exit(1), 10_000).unref();
  try {
    await responders?.stop();
    await scenarios?.stop();
    await homesHandle?.stop();
    await gateway?.close();
    say('stopped');
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'demo did not stop cleanly');
    process.exit(1);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl+C while stopping means "now".
    if (shuttingDown) process.exit(130);
    void shutdown(signal);
  });
}

main().catch(async (err: unknown) => {
  if (shuttingDown) return; // a signal interrupted start-up; shutdown() owns the exit
  logger.error({ err }, 'demo failed to start');
  process.stderr.write(`\ndemo failed: ${(err as Error).message}\n`);
  await responders?.stop().catch(() => undefined);
  await scenarios?.stop().catch(() => undefined);
  await homesHandle?.stop().catch(() => undefined);
  await gateway?.close().catch(() => undefined);
  process.exit(1);
});
