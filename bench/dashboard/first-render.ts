import type { Browser, BrowserContext, Page } from 'playwright-core';

// (a) From navigation to the wall's first render with all its counts: a fresh tab opens the desk on #wall with a
// session already in its storage (as a reload does), and the page's own mark `wall:first-render` (StatusWall.tsx)
// says when the homes were on screen. The status-wall request's timing comes from the same page.

export const TOKEN_KEY = 'dutyDesk.token';
/** The duty desk's screen (as the e2e tests use it). */
export const DESK = { width: 1920, height: 1080 };

/** A desk page in `context`, signed in by the token in its storage, opened on #wall and waited on until it is drawn. */
export async function openWall(context: BrowserContext, httpUrl: string, token: string): Promise<Page> {
  await context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [TOKEN_KEY, token] as const);
  const page = await context.newPage();
  await page.goto(`${httpUrl}/#wall`);
  await page.waitForFunction(() => performance.getEntriesByName('wall:first-render').length > 0, null, { timeout: 60_000 });
  return page;
}

export interface FirstRender {
  /** Navigation start → performance.mark('wall:first-render'). */
  firstRenderMs: number;
  /** GET /status-wall: request start → last byte. */
  fetchMs: number;
  /** Its body as sent (bytes). */
  wallBytes: number;
  /** Tiles in the DOM after the first render. */
  tilesInDom: number;
}

export async function timeFirstRender(browser: Browser, httpUrl: string, token: string, homes: number): Promise<FirstRender> {
  const context = await browser.newContext({ viewport: DESK });
  try {
    const page = await openWall(context, httpUrl, token);
    const shown = Number(await page.getByTestId('wall-count-homes').getAttribute('data-count'));
    if (shown !== homes) throw new Error(`the wall counts ${shown} homes, ${homes} were seeded`);
    return await page.evaluate(() => {
      const mark = performance.getEntriesByName('wall:first-render')[0]!;
      const fetch = performance
        .getEntriesByType('resource')
        .find((entry): entry is PerformanceResourceTiming => entry.name.includes('/api/v1/status-wall')) as PerformanceResourceTiming;
      return {
        firstRenderMs: mark.startTime,
        fetchMs: fetch.responseEnd - fetch.startTime,
        wallBytes: fetch.encodedBodySize,
        tilesInDom: document.querySelectorAll('[data-testid="wall-tile"]').length,
      };
    });
  } finally {
    await context.close();
  }
}
