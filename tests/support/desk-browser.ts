import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { launchChromium } from './browser.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';

// The duty desk in a real Chromium against a real gateway, for the browser suites: one gateway and one browser per
// suite, a fresh browser context per page.

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
/** The duty desk's screen. */
export const DESK = { width: 1920, height: 1080 };
/** A responder's phone (the responder page's target). */
export const PHONE = { width: 390, height: 844 };
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
  openDesk(beforeGoto?: (page: Page) => Promise<unknown>): Promise<OpenedPage>;
  /**
   * The responder page (responder.html) in a fresh phone-sized, touch context, closed after the test; signed in as
   * `who` (up to the "me" label) unless null. `beforeGoto` runs on the page before it loads.
   */
  openPhone(who: SignIn | null, beforeGoto?: (page: Page) => Promise<unknown>): Promise<OpenedPage>;
}

export interface OpenedPage {
  page: Page;
  /** Uncaught page errors, for the test to check. */
  errors: Error[];
}

/** Whoever signs in on a page: a user's name and password. */
export interface SignIn {
  user: { username: string };
  password: string;
}

/** Fills in and submits the login form (desk or phone page), then waits until the form is gone. */
export async function signIn(page: Page, who: SignIn): Promise<void> {
  await page.getByTestId('login-username').fill(who.user.username);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-form').waitFor({ state: 'hidden' });
}

/** Registers the suite's beforeAll/afterAll (gateway, Chromium, screenshots folder); call it inside the describe. */
export function useDeskBrowser(overrides: Parameters<typeof startTestGateway>[0] = {}): DeskBrowser {
  /** A page in a fresh context, closed after the test, collecting page errors; `beforeGoto` runs before it loads. */
  async function openPage(context: BrowserContextOptions, path: string, beforeGoto?: (page: Page) => Promise<unknown>): Promise<OpenedPage> {
    const browserContext = await desk.browser.newContext(context);
    onTestFinished(() => browserContext.close());
    const page = await browserContext.newPage();
    page.setDefaultTimeout(10_000);
    const errors: Error[] = [];
    page.on('pageerror', (err) => errors.push(err));
    await beforeGoto?.(page);
    await page.goto(`${desk.gw.httpUrl}${path}`);
    return { page, errors };
  }

  const desk = {
    openDesk: (beforeGoto) => openPage({ viewport: DESK }, '', beforeGoto),
    async openPhone(who, beforeGoto) {
      const opened = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true }, '/responder.html', beforeGoto);
      if (who) {
        await signIn(opened.page, who);
        await opened.page.getByTestId('me-label').waitFor();
      }
      return opened;
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
