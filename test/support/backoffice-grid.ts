// The back-office's conversations grid as the browser tests read it.
import type { Locator, Page } from 'playwright-core';

export const grid = (page: Page) => page.getByRole('table', { name: 'Conversations' });
export const rows = (page: Page) => grid(page).locator('tbody tr');
export const cell = (row: Locator, n: number) => row.locator('td').nth(n);
/** A cell's text without its buttons (the inline-edit pencils). */
export const text = (row: Locator, n: number) =>
  cell(row, n).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('button').forEach((b) => b.remove());
    return copy.textContent?.trim();
  });
export const total = (page: Page) => page.locator('.toolbar-total');
export const indicator = (page: Page) => page.getByRole('button', { name: /^Unread conversations: \d+$/ });
export const unreadCount = async (page: Page) => Number(await page.locator('[data-testid="unread-count"][data-loaded]').textContent());

/** Columns of an Administrator's grid row: the checkbox comes first. */
export const COL = { name: 1, messages: 2, source: 3, owner: 4, customer: 5, customerUser: 6, status: 7, created: 8, last: 9 };
