// Issue 17's chat conventions on the storefront, and drafts: what a customer
// types survives switching conversations, a reload and an expired session;
// one author's messages are grouped, mine stand apart, each person has a
// colour; "New messages ↓" when scrolled up; the unread count in the tab title.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, seriousViolations, signIn, thread, PASSWORD, type Api, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

describe.skipIf(!chromiumAvailable())('storefront chat conventions and drafts (issue 17)', () => {
  let amandaApi: Api;
  let staff: Api;

  withServerAndPages({}, async (s, p) => {
    server = s;
    pages = p;
    amandaApi = await apiAs(server.url, 'storefront', 'amanda@acme.example');
    staff = await apiAs(server.url, 'backoffice', 'charlie@parley.example');
  });

  const started = async (subject: string, message = 'First words.') =>
    (await amandaApi<{ conversation: { id: number } }>('POST', '/conversations', { subject, message })).conversation.id;
  const open = (page: Page, id: number) => page.locator(`a[href="/conversations?conversation=${id}"]`).click();
  const reply = (page: Page) => page.getByLabel('Message', { exact: true });

  it('keeps a draft per conversation across switching, a reload, and an expired session with sign-in again', async () => {
    const first = await started('Draft one');
    const second = await started('Draft two');
    const page = await pages.newPage();
    await signIn(page, server.url, 'storefront', 'amanda@acme.example');
    await open(page, first);
    await reply(page).fill('Half a thought about one');
    await open(page, second);
    await thread(page).getByText('First words.').waitFor();
    expect(await reply(page).inputValue()).toBe('');
    await reply(page).fill('Something for two');
    await open(page, first);
    await expect.poll(() => reply(page).inputValue()).toBe('Half a thought about one');
    await page.reload();
    await expect.poll(() => reply(page).inputValue()).toBe('Half a thought about one');

    // the session expires; the reply is refused, the user is told why and comes back to the text
    await reply(page).fill('Sent after the session ended');
    // the reload's live catch-up settled, so the send is what meets the ended session
    await page.waitForLoadState('networkidle');
    await page.context().clearCookies();
    await reply(page).press('Enter');
    await page.getByText('Your session has ended, so you were signed out.').waitFor();
    await page.screenshot({ path: '/tmp/shots-ux-sf/session-ended-1280.png' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sign-in-email');
    await page.getByLabel('Email').fill('amanda@acme.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await expect.poll(() => reply(page).inputValue()).toBe('Sent after the session ended');
    expect(new URL(page.url()).search).toBe(`?conversation=${first}`);

    // sent for real, the draft is gone
    await reply(page).press('Enter');
    await thread(page).getByText('Sent after the session ended').waitFor();
    // the server answered (the pending copy is gone), not only the live push
    await expect.poll(() => thread(page).locator('.message-sending').count()).toBe(0);
    await page.reload();
    await thread(page).getByText('Sent after the session ended').waitFor();
    expect(await reply(page).inputValue()).toBe('');
  });

  it('groups one author’s messages, sets mine apart, colours people apart, and counts unread in the tab title', async () => {
    const id = await started('Grouped thread', 'My first question.');
    await staff('POST', `/conversations/${id}/messages`, { body: 'Staff answer one.' });
    await staff('POST', `/conversations/${id}/messages`, { body: 'Staff answer two.' });
    const page = await pages.newPage();
    await signIn(page, server.url, 'storefront', 'amanda@acme.example');
    await expect.poll(() => page.title()).toMatch(/^\(\d+\) Conversations · Parley$/);
    await open(page, id);
    const charlie = thread(page).getByRole('article', { name: /^Charlie Sheen/ });
    await expect.poll(() => charlie.count()).toBe(2);
    // the second of two in a row: no second header, no second avatar
    expect(await charlie.nth(0).locator('.message-author').count()).toBe(1);
    expect(await charlie.nth(1).locator('.message-author').count()).toBe(0);
    expect(await charlie.nth(1).locator('.avatar').count()).toBe(0);
    const mine = thread(page).getByRole('article', { name: /^Amanda Cole/ });
    const mineBox = (await mine.locator('.message-body').boundingBox())!;
    const theirBox = (await charlie.nth(0).locator('.message-body').boundingBox())!;
    // mine on the right (a short bubble starts far right), theirs on the left
    expect(mineBox.x).toBeGreaterThan(theirBox.x + 200);
    await page.screenshot({ path: '/tmp/shots-ux-sf/chat-grouped-1280.png' });
    expect(await seriousViolations(page)).toEqual([]);
    const colour = (article: typeof mine) => article.locator('.avatar').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour(mine)).not.toBe(await colour(charlie.nth(0)));
  });

  it('shows New message ↓ when something arrives while scrolled up, and jumps to it', async () => {
    const id = await started('Jump thread', 'Line 1');
    for (let n = 2; n <= 25; n++) await amandaApi('POST', `/conversations/${id}/messages`, { body: `Line ${n}` });
    const page = await pages.newPage();
    await signIn(page, server.url, 'storefront', 'amanda@acme.example');
    await page.goto(`${server.url}/conversations?conversation=${id}`);
    await thread(page).getByText('Line 25', { exact: true }).waitFor();
    await thread(page).evaluate((el) => (el.scrollTop -= 400));
    await staff('POST', `/conversations/${id}/messages`, { body: 'Arrived while you read.' });
    const jump = page.getByRole('button', { name: 'New message' });
    await jump.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/shots-ux-sf/jump-1280.png' });
    await jump.click();
    await jump.waitFor({ state: 'detached' });
    const atEnd = () => thread(page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);
    await expect.poll(atEnd).toBe(true);
  });
});
