// Issue 17, the back-office as a daily tool: the defects found using it as
// staff would, at 1280 × 800, each shown here as it must be after the fix
// (composer in view, inline rename inside the grid, long names clamped,
// counters and refusal at the limits, Create Conversation's errors and focus,
// posting on behalf unmistakable on both sides, Closed not red, the small ones).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { grid, indicator, rows } from '../support/backoffice-grid';
import type { RunningServer } from '../support/server';
import { apiAs, type Api, screenshot, seriousViolations, signIn, thread, type Pages, withServerAndPages } from '../support/web';

const AMANDA = 1;
const LONG_NAME = `A very long subject ${'that keeps going '.repeat(14)}`.slice(0, 255);
const TOO_LONG = 'This value is too long. It should have 20000 characters or less.';

let server: RunningServer;
let pages: Pages;
let john: Page;
let admin: Api;

/** A conversation with Amanda, owned by Charlie, with `messages` replies from Charlie. */
async function conversationWith(name: string, messages = 0) {
  const { conversation } = await admin<{ conversation: { id: number } }>('POST', '/conversations', {
    name,
    customerUserId: AMANDA,
    ownerId: 2,
  });
  for (let i = 1; i <= messages; i++)
    await admin('POST', `/conversations/${conversation.id}/messages`, { body: `Line ${i} of a long talk.` });
  return conversation.id;
}

const openConversation = async (page: Page, id: number) => {
  await page.goto(`${server.url}/admin/conversations/${id}`);
  await page.getByRole('button', { name: /^Add Message/ }).waitFor();
};

/** How many lines an element's text takes. */
const lines = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));

describe.skipIf(!chromiumAvailable())('back-office as a daily tool (issue 17)', () => {
  withServerAndPages({}, async (started, opened) => {
    server = started;
    pages = opened;
    john = await pages.newPage(1280, 800);
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    admin = await apiAs(server.url, 'backoffice', 'john@parley.example');
  });

  it('shows no grey "0" in the header when nothing is unread, and the count when something is', async () => {
    await grid(john).waitFor();
    const count = john.locator('[data-testid="unread-count"][data-loaded]');
    await count.waitFor({ state: 'attached' });
    expect(await count.textContent()).toBe('');
    expect(await count.isVisible()).toBe(false);
    const id = await conversationWith('Badge check');
    const amanda = await apiAs(server.url, 'storefront', 'amanda@acme.example');
    await admin('POST', `/conversations/${id}/participants`, { kind: 'backoffice_user', userId: 1 });
    await amanda('POST', `/conversations/${id}/messages`, { body: 'Anyone there?' });
    await expect.poll(() => count.textContent()).toBe('1');
    expect(await count.isVisible()).toBe(true);
    await openConversation(john, id);
    await expect.poll(() => count.textContent()).toBe('');
  });

  it('keeps the composer in view at 1280 × 800 on a long thread; the thread takes the height left', async () => {
    const id = await conversationWith('A long thread', 12);
    await openConversation(john, id);
    const box = await john.getByLabel('Message', { exact: true }).boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    const send = await john.getByRole('button', { name: 'Add Message' }).boundingBox();
    expect(send!.y + send!.height).toBeLessThanOrEqual(800);
    // the page itself does not scroll; the thread does, and has most of the height
    expect(await john.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(800);
    const log = await thread(john).boundingBox();
    expect(log!.height).toBeGreaterThan(250);
    await thread(john).getByText('Line 12 of a long talk.').waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-daily-long-thread', { docs: false });
  });

  it('renames inline inside the grid: no overflow, the actions column in view, a usable box', async () => {
    await conversationWith('Rename me');
    await john.goto(`${server.url}/admin/conversations`);
    const row = rows(john).filter({ hasText: 'Rename me' });
    await row.getByRole('button', { name: 'Rename Rename me' }).click();
    const box = john.getByLabel('Name of Rename me');
    expect((await box.boundingBox())!.width).toBeGreaterThanOrEqual(260);
    const wrap = john.locator('.grid-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    const actions = await john.getByRole('button', { name: 'Actions for Rename me' }).boundingBox();
    const wrapBox = await wrap.boundingBox();
    expect(actions!.x + actions!.width).toBeLessThanOrEqual(wrapBox!.x + wrapBox!.width);
    // over the limit: said and refused, not cut
    await box.fill('r'.repeat(256));
    await john.locator('.inline-edit-name .field-error', { hasText: 'It should have 255 characters or less.' }).waitFor();
    expect((await box.inputValue()).length).toBe(256);
    await box.fill('Renamed in place');
    await box.press('Enter');
    await rows(john).filter({ hasText: 'Renamed in place' }).waitFor();
  });

  it('clamps a 255-character name in the grid, the unread dropdown and the thread header, with the whole name in a title', async () => {
    const id = await conversationWith(LONG_NAME);
    await admin('POST', `/conversations/${id}/participants`, { kind: 'backoffice_user', userId: 1 });
    const amanda = await apiAs(server.url, 'storefront', 'amanda@acme.example');
    await amanda('POST', `/conversations/${id}/messages`, { body: 'About that long subject.' });
    await john.goto(`${server.url}/admin/conversations`);
    const link = grid(john).getByRole('link', { name: LONG_NAME });
    await link.waitFor();
    expect(await link.getAttribute('title')).toBe(LONG_NAME);
    expect(await lines(john, `.cell-name a[title="${LONG_NAME}"]`)).toBeLessThanOrEqual(3);
    await indicator(john).click();
    const item = john.locator('#unread-menu .unread-name', { hasText: 'A very long subject' });
    await item.waitFor();
    expect(await item.getAttribute('title')).toBe(LONG_NAME);
    expect(await lines(john, '#unread-menu .unread-name')).toBeLessThanOrEqual(2);
    await john.keyboard.press('Escape');
    await openConversation(john, id);
    expect(await john.locator('h1 .title-name').getAttribute('title')).toBe(LONG_NAME);
    expect(await lines(john, 'h1 .title-name')).toBeLessThanOrEqual(2);
  });

  it('counts characters near the limit and refuses a message over it instead of cutting it', async () => {
    const id = await conversationWith('Limits');
    await openConversation(john, id);
    const body = john.getByLabel('Message', { exact: true });
    await body.fill('x'.repeat(17_000));
    expect(await john.locator('.add-message .character-counter').count()).toBe(0);
    await body.fill('x'.repeat(19_000));
    await john.locator('.add-message .character-counter', { hasText: '19,000 / 20,000' }).waitFor();
    await body.fill('x'.repeat(20_001));
    const counter = john.locator('.add-message .character-counter');
    await counter.filter({ hasText: '20,001 / 20,000' }).waitFor();
    expect(await counter.getAttribute('class')).toContain('character-counter-over');
    await john.getByRole('button', { name: 'Add Message' }).click();
    await john.getByText(TOO_LONG).waitFor();
    // nothing was sent, and nothing was cut
    expect((await body.inputValue()).length).toBe(20_001);
    expect((await admin<{ messagesCount: number }>('GET', `/conversations/${id}`)).messagesCount).toBe(0);
  });

  it('Create Conversation: focus on Name, a required mark, the blank error under Customer User goes once one is picked, too long is refused', async () => {
    await john.goto(`${server.url}/admin/conversations/new`);
    await john.getByRole('heading', { name: 'Create Conversation' }).waitFor();
    await expect.poll(() => john.evaluate(() => document.activeElement?.id)).toBe('create-name');
    expect(await john.locator('label[for="create-name"] .required').textContent()).toContain('*');
    await john.getByRole('button', { name: 'Create Conversation' }).click();
    const customerUserError = john.locator('#create-customerUserId-error');
    await customerUserError.waitFor();
    expect(await john.locator('#create-name-error').textContent()).toBe('This value should not be blank.');
    await john.getByLabel('Customer User').fill('Amanda');
    await john.getByRole('option', { name: /Amanda Cole/ }).click();
    await customerUserError.waitFor({ state: 'detached' });
    expect(await john.locator('#create-name-error').count()).toBe(1);

    await john.getByLabel('Name').fill('n'.repeat(256));
    await john.locator('.character-counter', { hasText: '256 / 255' }).waitFor();
    await john.getByRole('button', { name: 'Create Conversation' }).click();
    expect(await john.locator('#create-name-error').textContent()).toBe('This value is too long. It should have 255 characters or less.');
    expect((await john.getByLabel('Name').inputValue()).length).toBe(256);
    expect(await seriousViolations(john)).toEqual([]);
  });

  it('posting on behalf of Amanda: the composer says whom it posts as; both sides say who really wrote it; Amanda has it unread', async () => {
    const id = await conversationWith('On behalf', 1);
    await openConversation(john, id);
    await john.getByLabel('From', { exact: true }).selectOption({ label: 'Amanda Cole · Buyer' });
    await john.getByRole('status').filter({ hasText: 'Posting as Amanda Cole' }).waitFor();
    await john.getByLabel('Message', { exact: true }).fill('Amanda asked by phone: please ship to the new address.');
    await john.getByRole('button', { name: 'Add Message as Amanda Cole' }).click();
    await thread(john).getByText('Sent by John Doe on behalf of Amanda Cole').waitFor();
    // back to writing as oneself, once the post's answer is in (the thread may show the message first, by live push)
    await expect.poll(() => john.getByRole('button', { name: 'Add Message', exact: true }).count()).toBe(1);

    const amanda = await apiAs(server.url, 'storefront', 'amanda@acme.example');
    expect((await amanda<{ unreadCount: number }>('GET', `/conversations/${id}`)).unreadCount).toBe(2);
    const customer = await pages.newPage(1280, 800);
    await signIn(customer, server.url, 'storefront', 'amanda@acme.example');
    await customer.goto(`${server.url}/conversations?conversation=${id}`);
    const message = thread(customer).locator('article', { hasText: 'please ship to the new address' });
    await message.getByText('Sent by John Doe for you').waitFor();
    expect(await message.getAttribute('class')).not.toContain('message-mine');
  });

  it('styles Closed as a normal state, not an error, in the grid and on the page; "Close conversation" beside Edit', async () => {
    const id = await conversationWith('To be closed');
    await openConversation(john, id);
    await john.getByRole('button', { name: 'Close conversation' }).click();
    await john.getByRole('button', { name: 'Reopen' }).waitFor();
    const reddish = (page: Page, selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const [r, g, b] = getComputedStyle(el).color.match(/\d+/g)!.map(Number) as [number, number, number];
          return r - Math.max(g, b) > 60;
        });
    expect(await reddish(john, 'h1 .badge')).toBe(false);
    expect(await reddish(john, '.closed-note')).toBe(false);
    await john.goto(`${server.url}/admin/conversations?name=To+be+closed`);
    await rows(john).first().locator('.badge', { hasText: 'Closed' }).waitFor();
    expect(await reddish(john, '.grid .badge-closed')).toBe(false);
  });

  it('the small ones: a Delete notice, one highlighted sidebar link, no pager on an empty grid, an inverted range said, the formatting hint true', async () => {
    const id = await conversationWith('Delete me');
    await openConversation(john, id);
    await john.getByRole('button', { name: 'Delete' }).click();
    await john.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await john.getByRole('status', { name: 'Confirmations' }).getByText('Conversation deleted.').waitFor();

    await john.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My Conversations' }).click();
    await john.getByRole('heading', { name: 'My Conversations', level: 1 }).waitFor();
    const current = john.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
    await expect.poll(() => current.allTextContents()).toEqual(['My Conversations']);

    // "2 requests for quote", not "2 request for quotes"
    await john.goto(`${server.url}/admin/rfqs`);
    await john.getByText(/^\d+ requests? for quote$/).waitFor();

    await john.goto(`${server.url}/admin/conversations?name=nothing-is-called-this`);
    await john.getByText('No conversations match.').waitFor();
    expect(await john.getByText('0–0 of 0').count()).toBe(0);
    expect(await john.getByText('Page 1 of 1').count()).toBe(0);

    await john.goto(`${server.url}/admin/conversations?messagesMin=5&messagesMax=1`);
    await john.getByText('Messages from 5 is more than Messages to 1: no conversation can match.').waitFor();

    // the hint promises _italic_, and the thread renders it (and *italic* too)
    const hinted = await conversationWith('Formatting');
    await openConversation(john, hinted);
    expect(await john.locator('#message-body-hint').textContent()).toContain('_italic_');
    await john.getByLabel('Message', { exact: true }).fill('one _under_ and one *star*');
    await john.getByRole('button', { name: 'Add Message' }).click();
    await expect.poll(() => thread(john).locator('em').allTextContents()).toEqual(['under', 'star']);
  });

  it('previews name nobody twice, and show the last real message rather than the status lines after it, on both sides', async () => {
    const statusOnly = await conversationWith('Status only');
    await admin('POST', `/conversations/${statusOnly}/close`);
    await admin('POST', `/conversations/${statusOnly}/reopen`);
    const talked = await conversationWith('Talked then closed', 1);
    await admin('POST', `/conversations/${talked}/close`);

    await john.goto(`${server.url}/admin/customer-users/${AMANDA}`);
    const related = john.locator('section.related').first();
    const statusItem = related.locator('li', { hasText: 'Status only' });
    await expect.poll(() => statusItem.locator('.related-preview').textContent()).toBe('John Doe reopened the conversation.');
    const talkedItem = related.locator('li', { hasText: 'Talked then closed' });
    expect(await talkedItem.locator('.related-preview').textContent()).toBe('John Doe: Line 1 of a long talk.');

    const customer = await pages.newPage(1280, 800);
    await signIn(customer, server.url, 'storefront', 'amanda@acme.example');
    const item = customer.locator('.conversation-item', { hasText: 'Talked then closed' });
    await expect.poll(() => item.locator('.conversation-preview').textContent()).toBe('John Doe: Line 1 of a long talk.');
  });
});
