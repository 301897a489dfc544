// The back-office All messages tab a page at a time: 100 rows, then Show more.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, horizontalOverflow, screenshot, seriousViolations, signIn, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

describe.skipIf(!chromiumAvailable())('All messages in a browser', () => {
  let conversationId = 0;

  withServerAndPages({}, async (started, opened) => {
    server = started;
    pages = opened;
    const amanda = await apiAs(server.url, 'storefront', 'amanda@acme.example');
    const created = await amanda<{ conversation: { id: number } }>('POST', '/conversations', {
      subject: 'A long thread',
      message: 'Message 1',
    });
    conversationId = created.conversation.id;
    for (let i = 2; i <= 130; i++) await amanda('POST', `/conversations/${conversationId}/messages`, { body: `Message ${i}` });
  });

  const open = async (width: number): Promise<Page> => {
    const page = await pages.newPage(width, 800);
    await signIn(page, server.url, 'backoffice', 'john@parley.example');
    await page.goto(`${server.url}/admin/conversations/${conversationId}`);
    await page.getByRole('tab', { name: 'All messages' }).click();
    return page;
  };

  it('shows the first 100 messages, and the rest with Show more', async () => {
    const john = await open(1280);
    const table = john.getByRole('table', { name: 'All messages' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(100);
    const more = john.getByRole('button', { name: 'Show more' });
    await more.scrollIntoViewIfNeeded();
    await screenshot(john, 'backoffice-all-messages-more', { docs: false });
    expect(await seriousViolations(john)).toEqual([]);
    await more.focus();
    await john.keyboard.press('Enter');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(130);
    expect(await table.locator('tbody tr').last().locator('td').nth(2).textContent()).toBe('Message 130');
    await expect.poll(() => more.count()).toBe(0);
    // a filter starts again from its first page
    await john.getByLabel('Text').fill('Message 12');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(11);
  });

  it('fits 375 px', async () => {
    const phone = await open(375);
    await expect.poll(() => phone.getByRole('table', { name: 'All messages' }).locator('tbody tr').count()).toBe(100);
    await phone.getByRole('button', { name: 'Show more' }).scrollIntoViewIfNeeded();
    await screenshot(phone, 'backoffice-all-messages-375', { docs: false });
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(375);
  });
});
