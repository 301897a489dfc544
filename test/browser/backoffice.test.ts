// The back-office end to end in Debian's Chromium against the built server
// with fresh demo data: John (Administrator) starts a conversation from
// Amanda's order, writes as himself and as Charlie, closes and reopens it,
// sees Amanda's reply arrive; the grid filters, sorts, pages and deletes a
// few hundred conversations; Charlie (Sales Manager) gets no Delete.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';
import { apiAs as apiOn, horizontalOverflow, openPages, screenshot, seriousViolations, signIn as signInOn, thread, type Pages } from '../support/web';

const BLANK = 'This value should not be blank.';
const XSS = '<img src=x onerror=alert(1)>';
const LIVE_WAIT = 5_000; // live push brings these in a second or two, well before the 10 s poll

let server: RunningServer;
let pages: Pages;

const newPage = (width?: number, height?: number) => pages.newPage(width, height);
const signIn = (page: Page, email: string) => signInOn(page, server.url, 'backoffice', email);
/** A signed-in API session for seeding and for the customer's side, as plain fetch calls. */
const apiAs = (base: '/api' | '/admin/api', email: string) => apiOn(server.url, base === '/api' ? 'storefront' : 'backoffice', email);

const grid = (page: Page) => page.getByRole('table', { name: 'Conversations' });
const rows = (page: Page) => grid(page).locator('tbody tr');
const cell = (row: Locator, n: number) => row.locator('td').nth(n);
/** A cell's text without its buttons (the inline-edit pencils). */
const text = (row: Locator, n: number) =>
  cell(row, n).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('button').forEach((b) => b.remove());
    return copy.textContent?.trim();
  });
const total = (page: Page) => page.locator('.toolbar-total');
const indicator = (page: Page) => page.getByRole('button', { name: /^Unread conversations: \d+$/ });
const unreadCount = async (page: Page) => Number(await page.locator('[data-testid="unread-count"][data-loaded]').textContent());

/** Columns of an Administrator's grid row: the checkbox comes first. */
const COL = { name: 1, messages: 2, source: 3, owner: 4, customer: 5, customerUser: 6, status: 7, created: 8, last: 9 };

describe.skipIf(!chromiumAvailable())('back-office in a browser', () => {
  let john: Page;
  let conversationUrl = '';

  beforeAll(async () => {
    server = await startServer({ PARLEY_SIGNIN_PER_EMAIL: '100' });
    pages = await openPages();
    john = await newPage();
  });

  afterAll(async () => {
    await pages?.close();
    await server?.stop();
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

  it('starts a conversation from Amanda\'s order, writes as himself and as Charlie, closes and reopens it', async () => {
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
    await messages.getByText('Charlie Sheen (sent by John Doe)').waitFor();

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
    await john.getByRole('button', { name: 'Close', exact: true }).click();
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

  it('filters, sorts, pages and deletes a grid of a few hundred conversations', async () => {
    const admin = await apiAs('/admin/api', 'john@parley.example');
    const users = { amanda: 1, marlene: 2, ruth: 3, nancy: 4 };
    const N = 240;
    const spec = Array.from({ length: N }, (_, k) => {
      const i = k + 1;
      return {
        name: `Bulk ${String(i).padStart(3, '0')}`,
        customerUserId: Object.values(users)[i % 4]!,
        ownerId: i % 3 === 0 ? null : i % 3 === 1 ? 2 : 1,
        message: i % 5 === 0 ? `Note ${i}` : undefined,
        closed: i % 7 === 0,
      };
    });
    for (let b = 0; b < N; b += 24) {
      await Promise.all(
        spec.slice(b, b + 24).map(async (s) => {
          const { conversation } = await admin<{ conversation: { id: number } }>('POST', '/conversations', {
            name: s.name,
            customerUserId: s.customerUserId,
            ownerId: s.ownerId,
            ...(s.message ? { message: s.message } : {}),
          });
          if (s.closed) await admin('POST', `/conversations/${conversation.id}/close`, {});
        }),
      );
    }
    const count = (f: (s: (typeof spec)[number]) => boolean) => spec.filter(f).length;

    await john.goto(`${server.url}/admin/conversations`);
    await john.getByRole('button', { name: 'Filters' }).click();
    await john.getByLabel('Name', { exact: true }).fill('Bulk');
    await expect.poll(() => total(john).textContent()).toBe(`${N} conversations`);
    expect(john.url()).toContain('name=Bulk');
    expect(await rows(john).count()).toBe(25);
    await john.getByText('Page 1 of 10').waitFor();

    await john.getByLabel('Owner', { exact: true }).selectOption({ label: 'No owner' });
    await expect.poll(() => total(john).textContent()).toBe(`${count((s) => s.ownerId === null)} conversations`);
    await john.getByLabel('Customer User', { exact: true }).fill('Nancy');
    const nancyNoOwner = count((s) => s.ownerId === null && s.customerUserId === users.nancy);
    await expect.poll(() => total(john).textContent()).toBe(`${nancyNoOwner} conversations`);
    // the state is the URL: a reload keeps it
    await john.reload();
    await expect.poll(() => total(john).textContent()).toBe(`${nancyNoOwner} conversations`);
    expect(await text(rows(john).first(), COL.customerUser)).toBe('Nancy Sallee');

    await john.goto(`${server.url}/admin/conversations?name=Bulk&status=closed`);
    await expect.poll(() => total(john).textContent()).toBe(`${count((s) => s.closed)} conversations`);
    await john.goto(`${server.url}/admin/conversations?name=Bulk&messagesMin=1`);
    await expect.poll(() => total(john).textContent()).toBe(`${count((s) => !!s.message)} conversations`);
    await john.goto(`${server.url}/admin/conversations?name=Bulk&customer=Acme+West`);
    await expect.poll(() => total(john).textContent()).toBe(`${count((s) => s.customerUserId === users.ruth)} conversations`);
    const today = new Date().toISOString().slice(0, 10);
    await john.goto(`${server.url}/admin/conversations?name=Bulk&createdFrom=${today}&createdTo=${today}`);
    await expect.poll(() => total(john).textContent()).toBe(`${N} conversations`);

    // sort by Name: ascending, then descending; page size 100 gives 3 pages
    await john.goto(`${server.url}/admin/conversations?name=Bulk`);
    await expect.poll(() => total(john).textContent()).toBe(`${N} conversations`);
    await grid(john).getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(() => text(rows(john).first(), COL.name)).toBe('Bulk 001');
    expect(await text(rows(john).nth(1), COL.name)).toBe('Bulk 002');
    expect(john.url()).toContain('sort=name');
    await grid(john).getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(() => text(rows(john).first(), COL.name)).toBe('Bulk 240');
    await grid(john).getByRole('button', { name: 'Messages', exact: true }).click();
    await expect.poll(() => text(rows(john).first(), COL.messages)).toBe('1');
    await john.getByLabel('Per page').selectOption('100');
    await john.getByText('Page 1 of 3').waitFor();
    await john.getByRole('button', { name: 'Next page' }).click();
    await john.getByText('Page 2 of 3').waitFor();
    expect(john.url()).toContain('page=2');

    // delete one, with confirmation
    await john.goto(`${server.url}/admin/conversations?name=Bulk&sort=name&order=asc`);
    await expect.poll(() => text(rows(john).first(), COL.name)).toBe('Bulk 001');
    // by keyboard: Escape cancels and gives focus back to the row's actions button
    const actions = john.getByRole('button', { name: 'Actions for Bulk 001' });
    await actions.focus();
    await john.keyboard.press('Enter');
    await john.getByRole('button', { name: 'Delete', exact: true }).focus();
    await john.keyboard.press('Enter');
    await john.getByRole('dialog', { name: 'Delete conversation' }).waitFor();
    await john.keyboard.press('Escape');
    await expect.poll(() => john.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => john.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Actions for Bulk 001');
    expect(await text(rows(john).first(), COL.name)).toBe('Bulk 001');

    await actions.click();
    await john.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = john.getByRole('dialog', { name: 'Delete conversation' });
    await dialog.getByText('Delete "Bulk 001"').waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => total(john).textContent()).toBe(`${N - 1} conversations`);
    expect(await text(rows(john).first(), COL.name)).toBe('Bulk 002');

    // delete several
    for (const name of ['Bulk 002', 'Bulk 003', 'Bulk 004']) await john.getByLabel(`Select ${name}`).check();
    await john.getByRole('button', { name: 'Delete selected (3)' }).click();
    await john.getByRole('dialog', { name: 'Delete 3 conversations' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => total(john).textContent()).toBe(`${N - 4} conversations`);
    expect(await text(rows(john).first(), COL.name)).toBe('Bulk 005');

    // inline edit of the Name and the Owner
    await john.getByRole('button', { name: 'Rename Bulk 005' }).click();
    await john.getByRole('textbox', { name: 'Name of Bulk 005' }).fill('Bulk 005 renamed');
    await john.keyboard.press('Enter');
    await expect.poll(() => text(rows(john).first(), COL.name)).toBe('Bulk 005 renamed');
    await john.getByRole('button', { name: 'Change owner of Bulk 005 renamed' }).click();
    await john.getByRole('combobox', { name: 'Owner of Bulk 005 renamed' }).selectOption({ label: 'John Doe' });
    await john.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => text(rows(john).first(), COL.owner)).toBe('John Doe');
    await john.reload();
    await expect.poll(() => text(rows(john).first(), COL.owner)).toBe('John Doe');

    // Edit from the row menu: a dialog with Name and Owner
    await john.getByRole('button', { name: 'Actions for Bulk 007' }).click();
    await john.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = john.getByRole('dialog', { name: 'Edit Bulk 007' });
    expect(await edit.getByLabel('Owner').locator('option:checked').textContent()).toBe('Charlie Sheen');
    await edit.getByLabel('Name').fill(' ');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText(BLANK).waitFor();
    await edit.getByLabel('Name').fill('Bulk 007 edited');
    await edit.getByLabel('Owner').selectOption({ label: 'No owner' });
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => text(rows(john).nth(2), COL.name)).toBe('Bulk 007 edited');
    expect(await text(rows(john).nth(2), COL.owner)).toBe('No owner');
  });

  it('shows a Sales Manager no Delete and no From', async () => {
    const charlie = await newPage();
    await signIn(charlie, 'charlie@parley.example');
    await rows(charlie).first().waitFor();
    expect(await charlie.getByRole('checkbox').count()).toBe(0);
    expect(await charlie.getByRole('button', { name: /Delete selected/ }).count()).toBe(0);
    await charlie.getByRole('button', { name: /^Actions for / }).first().click();
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
