import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { launchChromium } from './browser.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';

// The duty desk in a real Chromium against a real gateway, for the browser suites: one gateway and one browser per
// suite, a fresh browser context per page.

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
/** The duty desk's screen. */
export const DESK = { width: 1920, height: 1080 };
/** For expect.poll on what the page shows. */
export const WAIT = { timeout: 10_000, interval: 100 };
/** Any Chinese character, to prove an English page has none left. */
export const HAN = /\p{Script=Han}/u;

export interface DeskBrowser {
  /** The gateway, set once beforeAll has started it (read it inside tests and hooks). */
  gw: TestGateway;
  /** The browser, set once beforeAll has launched it. */
  browser: Browser;
  /**
   * A fresh browser context (own sessionStorage and localStorage) at the desk's size, closed after the test, with the
   * desk loaded; page errors are collected for the test to check. `beforeGoto` runs on the page before it loads.
   */
  openDesk(beforeGoto?: (page: Page) => Promise<unknown>): Promise<{ page: Page; errors: Error[] }>;
}

/** Registers the suite's beforeAll/afterAll (gateway, Chromium, screenshots folder); call it inside the describe. */
export function useDeskBrowser(overrides: Parameters<typeof startTestGateway>[0] = {}): DeskBrowser {
  const desk = {
    async openDesk(beforeGoto) {
      const context = await desk.browser.newContext({ viewport: DESK });
      onTestFinished(() => context.close());
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: Error[] = [];
      page.on('pageerror', (err) => errors.push(err));
      await beforeGoto?.(page);
      await page.goto(desk.gw.httpUrl);
      return { page, errors };
    },
  } as DeskBrowser; // gw and browser are filled in by beforeAll

  beforeAll(async () => {
    desk.gw = await startTestGateway(overrides);
    desk.browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await desk.browser?.close();
    await desk.gw?.close();
  });

  return desk;
}
