import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../gateway/src/config.js';
import { createRootLogger } from '../../gateway/src/logger.js';
import { startGateway } from '../../gateway/src/server.js';
import { readHomesFile, writeHomesFile } from './demo-homes-file.js';
import { createGatewayClient, GatewayApiError, login, type GatewayClient } from './gateway-client.js';
import { provisionHomes, runHomes, type Home, type HomesHandle } from './homes.js';

// `npm run demo`: the gateway in-process, a few dozen simulated homes around it, and SOS presses now and
// then, so the duty desk has something to show. One command, no setup; Ctrl+C stops it cleanly.

const DEMO_PASSWORD = 'demo-password-2026';
const SOS_EVERY_MINUTES = 0.75; // an SOS roughly every 30–60 s across all homes
const HEARTBEAT_SECONDS = 30;
const FALSE_PRESS_RATIO = 0.25;

const demoEnvSchema = z.object({ DEMO_HOMES: z.coerce.number().int().min(1).max(5000).default(36) });

const passwordFromEnv = Boolean(process.env.GATEWAY_ADMIN_PASSWORD);
const config = loadConfig({
  ...process.env,
  DATA_DIR: process.env.DATA_DIR || './data/demo',
  GATEWAY_ADMIN_USER: process.env.GATEWAY_ADMIN_USER || 'admin',
  GATEWAY_ADMIN_PASSWORD: process.env.GATEWAY_ADMIN_PASSWORD || DEMO_PASSWORD,
});
const { DEMO_HOMES: homeCount } = demoEnvSchema.parse({ DEMO_HOMES: process.env.DEMO_HOMES || undefined });
const homesFile = join(config.DATA_DIR, 'demo-homes.json');
// One root logger for the gateway and the simulator, with the gateway's redaction of personal data.
const logger = createRootLogger(config.LOG_LEVEL);

let gateway: Awaited<ReturnType<typeof startGateway>> | null = null;
let homesHandle: HomesHandle | null = null;
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

  const homes = await readHomesFile(homesFile);
  if (homes.length > 0 && !(await elderExists(client, homes[0]!.elderId))) {
    // The store was reset but the file kept: its elders and secrets are gone, so start over.
    say(`the gateway's store does not know the homes in ${homesFile}; provisioning anew`);
    homes.length = 0;
  }
  if (homes.length >= homeCount) {
    say(`reusing ${homeCount} homes provisioned earlier (${homesFile})`);
  } else {
    if (homes.length > 0) say(`found ${homes.length} homes from an earlier run; provisioning the other ${homeCount - homes.length}`);
    await provisionHomes(client, homeCount - homes.length, {
      startIndex: homes.length,
      // Saved after every home: secrets are shown once, and an interrupted run must not lose them.
      onProvisioned: async (home: Home) => {
        homes.push(home);
        await writeHomesFile(homesFile, homes);
        if (homes.length % 6 === 0 || homes.length === homeCount) say(`provisioned ${homes.length}/${homeCount} homes`);
      },
    });
  }
  if (shuttingDown) return;

  homesHandle = await runHomes(homes.slice(0, homeCount), gateway.mqttUrl, {
    logger,
    heartbeatSeconds: HEARTBEAT_SECONDS,
    sosEveryMinutes: SOS_EVERY_MINUTES,
    firstSosAfterSeconds: 5,
    falsePressRatio: FALSE_PRESS_RATIO,
  }).catch((err: unknown) => {
    throw new Error(`the simulated buttons could not connect (${(err as Error).message}); if ${homesFile} ` +
      'is from another DATA_DIR, remove it to provision anew', { cause: err });
  });
  if (shuttingDown) return;
  printBanner(gateway.httpUrl, gateway.mqttUrl);
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

function printBanner(httpUrl: string, mqttUrl: string): void {
  const password = passwordFromEnv ? '(the value of GATEWAY_ADMIN_PASSWORD)' : DEMO_PASSWORD;
  const line = '─'.repeat(72);
  process.stdout.write(
    [
      '',
      line,
      '  Elderly-care gateway demo is running',
      '',
      `  Dashboard   ${forHumans(httpUrl)}/`,
      `  Login       user ${config.GATEWAY_ADMIN_USER}, password ${password}`,
      `  API docs    ${forHumans(httpUrl)}/api/docs`,
      `  MQTT        ${forHumans(mqttUrl)}`,
      `  Homes       ${homeCount} simulated call buttons; an SOS every 30–60 s, some cancelled as false presses`,
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

/** Stops the buttons first (their DISCONNECTs reach a live broker), then closes the gateway. */
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say(`${signal} received, stopping`);
  // Should a close hang (a client that never lets go), do not hang the terminal with it.
  setTimeout(() => process.exit(1), 10_000).unref();
  try {
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
  await homesHandle?.stop().catch(() => undefined);
  await gateway?.close().catch(() => undefined);
  process.exit(1);
});
