// The back-office end to end in Debian's Chromium against the built server
// with fresh demo data: John (Administrator) starts a conversation from
// Amanda's order, writes as himself and as Charlie, closes and reopens it,
// sees Amanda's reply arrive; Charlie (Sales Manager) gets no Delete. The
// grid of a few hundred conversations is in backoffice-grid.test.ts.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { cell, COL, grid, indicator, rows, text, unreadCount } from '../support/backoffice-grid';
import type { RunningServer } from '../support/server';
import {
  apiAs as apiOn,
  horizontalOverflow,
  screenshot,
  seriousViolations,
  signIn as signInOn,
  thread,
  type Pages,
  withServerAndPages,
} from '../support/web';

const BLANK = 'This value should not be blank.';
const XSS = '<img src=x onerror=alert(1)>';
const LIVE_WAIT = 5_000; // live push brings these in a second or two, well before the 10 s poll

let server: RunningServer;
let pages: Pages;

const newPage = (width?: number, height?: number) => pages.newPage(width, height);
const signIn = (page: Page, email: string) => signInOn(page, server.url, 'backoffice', email);
/** A signed-in API session for seeding and for the customer's side, as plain fetch calls. */
const apiAs = (base: '/api' | '/admin/api', email: string) => apiOn(server.url, base === '/api' ? 'storefront' : 'backoffice', email);

describe.skipIf(!chromiumAvailable())('back-office in a browser', () => {
  let john: Page;
  let conversationUrl = '';

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    john = await newPage();
  });

  it('signs in on its own page and shows the menu and the grid', async () => {
    await john.goto(`${server.url}/admin`);
    await john.getByRole('button', { name: 'Sign In' }).click();
    await expect.poll(() => john.getByText(BLANK).count()).toBe(2);
    expect(await seriousViolations(john)).toEqual([]);
    await signIn(john, 'john@parley.example');
    expect(new URL(john.url()).pathname).toBe('/admin/conversations');
    const menu = john.getByRole('navigation', { name: 'Main' });
    for (const item of ['Conversations', 'Customers', 'Customer Users', 'Orders', 'Requests for Quote', 'Quotes']) {
      await expect.poll(() => menu.getByRole('link', { name: item, exact: true }).count()).toBe(1);
    }
    await john.getByRole('button', { name: /user menu/ }).click();
    await john.getByRole('link', { name: 'My Conversations' }).last().waitFor();
    await john.keyboard.press('Escape');
  });

  it("starts a conversation from Amanda's order, writes as himself and as Charlie, closes and reopens it", async () => {
    await john.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await john.getByRole('link', { name: 'SO-1001', exact: true }).click();
    await john.getByRole('heading', { name: 'Order SO-1001' }).waitFor();
    await john.getByRole('link', { name: 'Start Conversation' }).click();

    await john.getByRole('heading', { name: 'Create Conversation' }).waitFor();
    expect(await john.getByLabel('Name').inputValue()).toBe('Order SO-1001');
    expect(await john.getByLabel('Customer User').inputValue()).toContain('Amanda Cole');
    await expect.poll(async () => john.locator('#create-recordId option:checked').textContent()).toContain('Order SO-1001');
    expect(await john.locator('#create-ownerId option:checked').textContent()).toContain('John Doe');
    expect(await seriousViolations(john)).toEqual([]);
    // Charlie owns it, so he takes part and John can write in his name
    await john.getByLabel('Owner').selectOption({ label: 'Charlie Sheen' });
    await john.getByRole('button', { name: 'Create Conversation' }).click();
    await john.getByRole('heading', { name: /Order SO-1001/, level: 1 }).waitFor();
    conversationUrl = john.url();

    await john.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations', exact: true }).click();
    const first = rows(john).first();
    await expect.poll(() => text(first, COL.name)).toContain('Order SO-1001');
    expect(await text(first, COL.messages)).toBe('0');
    expect(await text(first, COL.source)).toBe('Order SO-1001');
    expect(await text(first, COL.owner)).toContain('Charlie Sheen');
    expect(await text(first, COL.customerUser)).toBe('Amanda Cole');

    await john.getByRole('button', { name: 'Actions for Order SO-1001' }).first().click();
    await john.getByRole('link', { name: 'View' }).click();
    expect(john.url()).toBe(conversationUrl);

    const add = john.getByRole('button', { name: 'Add Message' });
    await add.click();
    await john.getByText(BLANK).waitFor();
    await john.getByLabel('Message', { exact: true }).fill('Hello Amanda, your order ships **today**.');
    await add.click();
    const messages = thread(john);
    await messages.getByText('Hello Amanda, your order ships').waitFor();
    expect(await messages.locator('strong', { hasText: 'today' }).count()).toBe(1);

    await john.getByLabel('From', { exact: true }).selectOption({ label: 'Charlie Sheen · Sales Manager' });
    await john.getByLabel('Message', { exact: true }).fill('Charlie here: tracking follows by email.');
    await add.click();
    await messages.getByText('Sent by John Doe on behalf of Charlie Sheen').waitFor();

    await john.getByRole('tab', { name: 'All messages' }).click();
    const table = john.getByRole('table', { name: 'All messages' });
    const second = table.locator('tbody tr').nth(1);
    await expect.poll(() => cell(second, 0).textContent()).toBe('2');
    expect(await cell(second, 1).textContent()).toContain('Charlie Sheen');
    expect(await cell(second, 2).textContent()).toBe('Charlie here: tracking follows by email.');
    await john.getByLabel('Text').fill('tracking');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await john.getByLabel('Text').fill('');
    await john.getByLabel('Created from').fill('2000-01-01');
    await john.getByLabel('Created to').fill('2000-01-02');
    await john.getByText('No messages match.').waitFor();
    await john.getByLabel('Created to').fill('2099-12-31');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await seriousViolations(john)).toEqual([]);

    await john.getByRole('tab', { name: /Messages/ }).click();
    await john.getByRole('button', { name: 'Close conversation' }).click();
    await john.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(await john.getByRole('button', { name: 'Add Message' }).count()).toBe(0);
    await messages.getByText('John Doe closed the conversation.').waitFor();
    expect(await john.locator('.badge', { hasText: 'Closed' }).count()).toBe(1);
    await john.getByRole('button', { name: 'Reopen' }).click();
    await john.getByRole('button', { name: 'Add Message' }).waitFor();
  });

  it('shows a message from Amanda in the indicator and in bold in the grid', async () => {
    const id = Number(conversationUrl.split('/').pop());
    await john.goto(`${server.url}/admin/conversations`);
    await grid(john).waitFor();
    const before = await unreadCount(john);
    const amanda = await apiAs('/api', 'amanda@acme.example');
    await amanda('POST', `/conversations/${id}/messages`, { body: 'Thanks! Could you also send the **invoice**?' });

    await expect.poll(() => unreadCount(john), { timeout: LIVE_WAIT }).toBe(before + 1);
    const row = rows(john).first();
    await expect.poll(() => cell(row, COL.last).getAttribute('class'), { timeout: LIVE_WAIT }).toContain('unread');
    expect(await text(row, COL.last)).toContain('from Amanda Cole');

    await indicator(john).click();
    const panel = john.locator('#unread-menu');
    await panel.getByText('Thanks! Could you also send the invoice?').waitFor();
    expect(await panel.getByText('Amanda Cole').count()).toBeGreaterThan(0);
    expect(await panel.getByRole('link', { name: 'My Conversations' }).count()).toBe(1);
    expect(await seriousViolations(john)).toEqual([]);
    await john.keyboard.press('Escape');
    await john.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(john, 'backoffice-grid');

    // opening the conversation marks it read for John
    await john.goto(conversationUrl);
    await john.getByRole('log', { name: 'Messages' }).getByText('Could you also send the').waitFor();
    // the divider sits right above Amanda's unread message
    expect(await john.locator('.unread-divider + article').getAttribute('aria-label')).toContain('from Amanda Cole');
    await expect.poll(() => unreadCount(john), { timeout: LIVE_WAIT }).toBe(before);
    await screenshot(john, 'backoffice-conversation');

    // My Conversations: John takes part in it, and it is active
    await john.getByRole('button', { name: /user menu/ }).click();
    await john.locator('#user-menu').getByRole('link', { name: 'My Conversations' }).click();
    await john.getByRole('heading', { name: 'My Conversations' }).waitFor();
    expect(john.url()).toContain('mine=true');
    expect(john.url()).toContain('status=active');
    await expect.poll(() => text(rows(john).first(), COL.name)).toContain('Order SO-1001');
  });

  it('lists the conversations on the customer user, customer and record pages', async () => {
    await john.goto(`${server.url}/admin/customer-users`);
    await john.getByRole('link', { name: 'Amanda Cole' }).click();
    await john.getByRole('heading', { name: 'Amanda Cole', level: 1 }).waitFor();
    const related = john.locator('section.related').first();
    await related.getByRole('link', { name: 'Order SO-1001' }).first().waitFor();
    await related.getByRole('link', { name: 'Start Conversation' }).click();
    await john.getByRole('heading', { name: 'Create Conversation' }).waitFor();
    expect(await john.getByLabel('Customer User').inputValue()).toContain('Amanda Cole');
    expect(await john.getByLabel('Name').inputValue()).toBe('');
    await john.getByRole('button', { name: 'Create Conversation' }).click();
    expect(await john.getByText(BLANK).count()).toBe(1);

    await john.goto(`${server.url}/admin/customers`);
    await john.getByRole('link', { name: 'Globex Inc.' }).first().click();
    await john.getByRole('heading', { name: 'Globex Inc.', level: 1 }).waitFor();
    await john.locator('section.related').first().getByRole('link', { name: 'Quote Q-3201' }).waitFor();
    expect(await seriousViolations(john)).toEqual([]);
  });

  it('shows a Sales Manager no Delete and no From', async () => {
    const charlie = await newPage();
    await signIn(charlie, 'charlie@parley.example');
    await rows(charlie).first().waitFor();
    expect(await charlie.getByRole('checkbox').count()).toBe(0);
    expect(await charlie.getByRole('button', { name: /Delete selected/ }).count()).toBe(0);
    await charlie
      .getByRole('button', { name: /^Actions for / })
      .first()
      .click();
    await charlie.getByRole('link', { name: 'View' }).waitFor();
    expect(await charlie.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await charlie.goto(conversationUrl);
    await charlie.getByRole('button', { name: 'Add Message' }).waitFor();
    expect(await charlie.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await charlie.getByLabel('From', { exact: true }).count()).toBe(0);
    expect(await seriousViolations(charlie)).toEqual([]);

    await charlie.getByRole('button', { name: /user menu/ }).click();
    await charlie.getByRole('button', { name: 'Sign Out' }).click();
    await charlie.getByRole('button', { name: 'Sign In' }).waitFor();
    await charlie.goto(conversationUrl);
    await charlie.getByRole('button', { name: 'Sign In' }).waitFor();
  });

  it('shows names and messages with markup as text', async () => {
    const admin = await apiAs('/admin/api', 'john@parley.example');
    const { conversation } = await admin<{ conversation: { id: number } }>('POST', '/conversations', {
      name: XSS,
      customerUserId: 1,
      message: `${XSS} and <script>alert(2)</script> and [x](javascript:alert(3))`,
    });
    await john.goto(`${server.url}/admin/conversations`);
    await grid(john).getByRole('link', { name: XSS }).first().waitFor();
    await john.goto(`${server.url}/admin/conversations/${conversation.id}`);
    await john.getByRole('heading', { name: XSS, level: 1 }).waitFor();
    const messages = thread(john);
    await messages.getByText('<script>alert(2)</script>', { exact: false }).waitFor();
    expect(await john.locator('img[src="x"]').count()).toBe(0);
    expect(await messages.locator('script').count()).toBe(0);
    expect(await messages.locator('a[href^="javascript"]').count()).toBe(0);
    await john.getByRole('tab', { name: 'All messages' }).click();
    await john.getByRole('table', { name: 'All messages' }).getByText(XSS, { exact: false }).waitFor();
    expect(pages.dialogs).toEqual([]);
  });

  it('fits a 375 px screen without sideways scrolling', async () => {
    const phone = await newPage(375, 740);
    await signIn(phone, 'john@parley.example');
    await rows(phone).first().waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(375);
    await phone.getByRole('button', { name: 'Menu', exact: true }).click();
    await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quotes' }).click();
    await phone.getByRole('heading', { name: 'Quotes', level: 1 }).waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(375);
    await phone.goto(conversationUrl);
    await phone.getByRole('button', { name: 'Add Message' }).waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(phone)).toEqual([]);
  });
});
