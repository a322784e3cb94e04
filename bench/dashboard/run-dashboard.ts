import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../child-cleanup.js';
import { launchChromium } from '../../tests/support/browser.js';
import { ensureFileLimit } from '../fd-limit.js';
import { ROOT, startGateway } from '../gateway-process.js';
import { startRun } from '../run-start.js';
import { scenarioFrom, textTable, writeDashboardResults, type DashboardResults, type WallScenario } from './dashboard-results.js';
import { timeDeviceUpdates } from './device-updates.js';
import { timeFirstRender } from './first-render.js';
import { seedWallHomes } from './wall-homes.js';

// `npm run bench:dashboard`: the duty desk's status wall in Chromium against a real gateway (its own process) holding
// 20,000 homes, and the same with 2,000 homes as the reference: (a) navigation to the wall's first render with all
// counts, (b) 1,000 device updates over real MQTT until the desk's counts show them. Each size starts from a fresh
// store. Settings: BENCH_DASHBOARD_HOMES (sizes, the first is the target), BENCH_DASHBOARD_RENDERS (runs of a),
// BENCH_DASHBOARD_ROUNDS (rounds of b; each round is one "all offline" and one "all back online").

const ADMIN = { username: 'bench-admin', password: 'bench-password-2026' } as const;

const numberSetting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const SIZES = (process.env.BENCH_DASHBOARD_HOMES ?? '20000,2000').split(',').map((s) => Number(s.trim()));
const RENDERS = numberSetting('BENCH_DASHBOARD_RENDERS', 5);
const ROUNDS = numberSetting('BENCH_DASHBOARD_ROUNDS', 3);
const UPDATES = numberSetting('BENCH_DASHBOARD_UPDATES', 1000);

const { startedAt, machine, commit, print } = startRun('bench:dashboard');
ensureFileLimit(UPDATES * 2 + 1024);

print('bench:dashboard: building the dashboard (vite build)');
execFileSync('npx', ['vite', 'build', '--config', 'dashboard/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });

async function login(httpUrl: string): Promise<string> {
  const reply = await fetch(`${httpUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!reply.ok) throw new Error(`login failed: ${reply.status}`);
  return ((await reply.json()) as { token: string }).token;
}

const browser = await launchChromium();
const scenarios: WallScenario[] = [];
try {
  for (const [index, homes] of SIZES.entries()) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
    try {
      const seeded = await seedWallHomes(dataDir, homes);
      print(`${homes.toLocaleString('en-US')} homes, ${seeded.devices.toLocaleString('en-US')} devices seeded; starting the gateway`);
      const gateway = await startGateway({ dataDir, adminUser: ADMIN.username, adminPassword: ADMIN.password });
      try {
        const token = await login(gateway.httpUrl);
        const renders = [];
        for (let run = 0; run < RENDERS; run += 1) {
          const render = await timeFirstRender(browser, gateway.httpUrl, token, homes);
          print(`  first render ${render.firstRenderMs.toFixed(0)} ms (GET /status-wall ${render.fetchMs.toFixed(0)} ms, ${render.tilesInDom} tiles in the DOM)`);
          renders.push(render);
        }
        const rounds = await timeDeviceUpdates({ browser, httpUrl: gateway.httpUrl, mqttUrl: gateway.mqttUrl, token, seeded, updates: UPDATES, rounds: ROUNDS, print });
        scenarios.push(scenarioFrom(homes, seeded.devices, index === 0 ? 'target' : 'baseline', renders, UPDATES, rounds));
      } finally {
        await gateway.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
}

const results: DashboardResults = {
  kind: 'dashboard',
  startedAt,
  finishedAt: new Date().toISOString(),
  machine,
  commit,
  browser: `Chromium ${browser.version()} (headless)`,
  settings: { BENCH_DASHBOARD_HOMES: SIZES.join(','), BENCH_DASHBOARD_RENDERS: RENDERS, BENCH_DASHBOARD_ROUNDS: ROUNDS, BENCH_DASHBOARD_UPDATES: UPDATES },
  scenarios,
  notes: [
    `First render: a fresh tab opens /#wall with the session token already stored, so the time runs from navigation through loading the page, GET /me, the live link's first snapshot (the wall loads after it, so that it needs no second load), GET /status-wall (all homes in one reply), building the wall and drawing the rows in view, to the mark the wall sets once its homes and counts are on screen.`,
    `Updates: ${UPDATES} seeded devices connected over MQTT each publish one status message at QoS 1 ("offline", then a heartbeat to come back); the gateway commits each presence change and sends a device.status event; the time runs to the moment the page's offline count shows all of them. "Gateway" is when the harness's own websocket client had heard all the events; the desk lag is the rest (the page and the harness hear the same events on two sockets, so a lag of a few ms below zero is the harness hearing its last one later).`,
    `The baseline is the same wall with ${SIZES.slice(1).join(', ') || 'no'} homes: the difference is what the size costs.`,
    `Gateway, Chromium and harness share the machine's ${machine.cores} cores.`,
  ],
};

print(`\n${textTable(scenarios)}\n`);
for (const file of writeDashboardResults(join(ROOT, 'bench/results'), results)) print(`wrote ${file}`);
