import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { WAIT } from './desk-browser.js';

// The alarm queue beside its side pane (dashboard/src/desk/queue): the row's one button is the next step; every other
// action is on the pane of the selected alert, and "recently closed" is a strip folded under the queue.

/** Selects the row (a click on its elder) and returns the pane's button `testid` for that alert. */
export async function paneAction(page: Page, row: Locator, testid: string): Promise<Locator> {
  const id = await row.getAttribute('data-alert-id');
  await row.locator('.qr-who').click();
  const pane = page.getByTestId('alert-pane');
  await expect.poll(() => pane.getAttribute('data-alert-id'), WAIT).toBe(id);
  return pane.getByTestId(testid);
}

/** Unfolds "recently closed" when it is folded. */
export async function openRecentlyClosed(page: Page): Promise<void> {
  const toggle = page.getByTestId('closed-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-expanded'), WAIT).toBe('true');
}
