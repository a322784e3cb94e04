import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS } from '../device-sim/src/demo/care-network.js';
import { launchChromium } from '../tests/support/browser.js';
import { freePort } from '../tests/support/free-port.js';

// `npm run screenshots`: the demo (gateway plus simulated homes, fast scenarios) on free ports and a fresh data
// directory, then Debian's Chromium takes the main screens in zh-CN and English into docs/screenshots/:
// the alarm queue with its side pane, a picked alert, the status wall and a home's panel, the tasks board, the history
// search, the handover, the reports, visit coverage and policy, the registry with a record and its ledger, and the bad
// messages on a 1920×1080 desk, and the responder's phone.

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const WARM_UP_MS = Number(process.env.SCREENSHOT_WARM_UP_MS ?? 60_000);
const DESK = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };

function say(message: string): void {
  console.log(`[screenshots] ${message}`);
}

async function startDemo(dataDir: string, httpPort: number, mqttPort: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'device-sim/src/demo/demo.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, HTTP_PORT: String(httpPort), MQTT_PORT: String(mqttPort), HOST: '127.0.0.1', DEMO_SCENARIO_MINUTES: '0.25', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Dashboard')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}) before it was ready`)));
  });
  return child;
}

async function signIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByTestId('login-username').fill(who.username);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-form').waitFor({ state: 'hidden' });
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600); // let the tiles, the chart and the ages settle
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  say(`docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'eldercare-screenshots-'));
  const [httpPort, mqttPort] = [await freePort(), await freePort()];
  say(`starting the demo on http://127.0.0.1:${httpPort}`);
  const demo = await startDemo(dataDir, httpPort, mqttPort);
  const browser = await launchChromium();
  try {
    say(`waiting ${WARM_UP_MS / 1000} s for the simulated homes to raise alerts and tasks`);
    await new Promise((r) => setTimeout(r, WARM_UP_MS));
    const base = `http://127.0.0.1:${httpPort}`;
    for (const lang of ['zh-CN', 'en'] as const) {
      const suffix = lang === 'zh-CN' ? 'zh' : 'en';
      const desk = await browser.newPage({ viewport: DESK });
      await desk.addInitScript((l) => localStorage.setItem('dutyDesk.lang', l), lang);
      await desk.goto(base);
      await signIn(desk, DEMO_LOGINS.duty);
      await desk.getByTestId('alert-row').first().waitFor();
      // the queue beside its side pane, which shows the queue's top alert until one is picked
      await desk.getByTestId('alert-pane').getByTestId('alert-work').waitFor();
      await shoot(desk, `desk-queue-${suffix}`);
      // a picked alert with its parts: the calling order, the note box, the timeline, the record
      await desk.getByTestId('alert-row').nth(1).locator('.qr-who').click();
      await desk.getByTestId('alert-pane').getByTestId('detail-timeline').waitFor();
      await shoot(desk, `alert-detail-${suffix}`);
      await desk.getByTestId('tab-wall').click();
      await desk.getByTestId('wall-tile').first().waitFor();
      await shoot(desk, `status-wall-${suffix}`);
      await desk.getByTestId('wall-tile').first().click();
      await desk.getByTestId('activity-trend').scrollIntoViewIfNeeded();
      await shoot(desk, `home-panel-${suffix}`);
      await desk.getByTestId('wall-panel-close').click();
      await desk.getByTestId('tab-tasks').click();
      await desk.getByTestId('task-list').waitFor();
      await shoot(desk, `tasks-board-${suffix}`);
      await desk.getByTestId('tab-history').click();
      await desk.getByTestId('history-results').waitFor();
      await shoot(desk, `history-${suffix}`);
      await desk.getByTestId('tab-handover').click();
      await desk.getByTestId('handover-sheet').waitFor();
      await shoot(desk, `handover-${suffix}`);
      await desk.getByTestId('tab-reports').click();
      await desk.getByTestId('report-figures').waitFor();
      await shoot(desk, `reports-${suffix}`);
      // the care side (issue 21): visit coverage with its breakdown, the visit policy, the registry with a record
      await desk.getByTestId('tab-visits').click();
      await desk.getByTestId('coverage-tree').waitFor();
      await shoot(desk, `visit-coverage-${suffix}`);
      await desk.getByTestId('visits-view-policy').click();
      await desk.getByTestId('visit-policy').waitFor();
      await shoot(desk, `visit-policy-${suffix}`);
      await desk.getByTestId('tab-elders').click();
      await desk.getByTestId('registry-row').first().click();
      await desk.getByTestId('record-form').waitFor();
      await shoot(desk, `registry-${suffix}`);
      await desk.getByTestId('registry-panel-ledger').click();
      await desk.getByTestId('ledger-view').waitFor();
      await shoot(desk, `ledger-${suffix}`);
      await desk.getByTestId('tab-devices').click();
      // A watch that is on, asked where it is: the simulator answers, so the panel shows a command done with a position.
      await desk.getByTestId('devices-kind').selectOption('wearable');
      await desk.getByTestId('devices-state').selectOption('online');
      await desk.locator('[data-testid="devices-row"][data-state="online"]').first().click();
      await desk.getByTestId('device-panel').waitFor();
      await desk.getByTestId('command-locate').click();
      await desk.locator('[data-testid="command-row"][data-status="done"]').first().waitFor({ timeout: 20_000 });
      await desk.getByTestId('command-history').scrollIntoViewIfNeeded();
      await shoot(desk, `devices-${suffix}`);
      await desk.getByTestId('devices-reset').click();
      await desk.getByTestId('tab-letters').click();
      await desk.getByTestId('dead-letters').waitFor();
      await shoot(desk, `dead-letters-${suffix}`);
      await desk.close();

      const phone = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
      await phone.addInitScript((l) => localStorage.setItem('dutyDesk.lang', l), lang);
      await phone.goto(`${base}/responder.html`);
      await signIn(phone, DEMO_LOGINS.responder);
      await shoot(phone, `responder-${suffix}`);
      await phone.close();
    }
  } finally {
    await browser.close();
    demo.kill('SIGTERM');
    await new Promise((r) => demo.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
