// Issue 17, the storefront used as a customer would every day: each test
// here failed on the main of the issue and holds one fixed defect.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, seriousViolations, signIn, thread, type Api, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

/** A new conversation of Amanda's, through her API session. */
async function started(amanda: Api, subject: string, message = 'First words.') {
  const { conversation } = await amanda<{ conversation: { id: number } }>('POST', '/conversations', { subject, message });
  return conversation.id;
}

describe.skipIf(!chromiumAvailable())('storefront as a daily tool (issue 17)', () => {
  let amandaApi: Api;
  let staff: Api;

  withServerAndPages({}, async (s, p) => {
    server = s;
    pages = p;
    amandaApi = await apiAs(server.url, 'storefront', 'amanda@acme.example');
    staff = await apiAs(server.url, 'backoffice', 'john@parley.example');
  });

  async function amandaAt(path: string, width = 1280, height = 800): Promise<Page> {
    const page = await pages.newPage(width, height);
    await signIn(page, server.url, 'storefront', 'amanda@acme.example');
    if (path !== '/conversations') await page.goto(`${server.url}${path}`);
    return page;
  }

  it('1: a conversation deleted by staff leaves the list live, the open pane says so, and nothing polls it again', async () => {
    const id = await started(amandaApi, 'Soon deleted');
    const page = await amandaAt(`/conversations?conversation=${id}`);
    await thread(page).getByText('First words.').waitFor();
    // an unsent draft, kept in the browser while the conversation lives
    await page.getByRole('textbox', { name: 'Message' }).fill('Words never sent.');
    const drafts = () => page.evaluate((id) => Object.keys(localStorage).filter((k) => k.endsWith(`:conversation:${id}`)), id);
    await expect.poll(drafts).toHaveLength(1);
    await staff('DELETE', `/conversations/${id}`);
    await page.getByRole('alert').filter({ hasText: 'This conversation was deleted.' }).waitFor();
    await expect.poll(drafts).toEqual([]);
    // asked for again once the pane said so (an answer to a request already on its way may still come)
    const askedAgain: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path === `/api/conversations/${id}` || path.startsWith(`/api/conversations/${id}/`)) askedAgain.push(path);
    });
    await expect.poll(() => page.locator(`a[href="/conversations?conversation=${id}"]`).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // more live signals: the deleted conversation is not fetched again
    await staff('POST', '/conversations/1/messages', { body: 'Something else moves.' });
    await page.locator('a[href="/conversations?conversation=1"]', { hasText: 'Something else moves.' }).waitFor();
    await page.waitForTimeout(300);
    expect(askedAgain).toEqual([]);
  });

  it('4: unknown addresses show Page not found with a way back; missing records and conversations offer a way back, fetched once', async () => {
    const page = await amandaAt('/conversations');
    for (const path of ['/nonexistent', '/conversations/1']) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response!.status()).toBe(404);
      await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Go to Conversations' }).count()).toBe(1);
    }
    await page.screenshot({ path: '/tmp/shots-ux-sf/not-found-1280.png' });
    expect(await seriousViolations(page)).toEqual([]);
    // the API keeps its JSON answer
    const api = await page.request.get(`${server.url}/api/nothing-here`);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await page.request.get(`${server.url}/favicon.ico`)).status()).toBe(200);

    await page.goto(`${server.url}/orders/999999`);
    await page.getByRole('link', { name: 'Back to Orders' }).waitFor();
    expect(await page.getByRole('button', { name: 'Try Again' }).count()).toBe(0);

    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/api/conversations/999999') && asked.push(r.url()));
    await page.goto(`${server.url}/conversations?conversation=999999`);
    await page.getByRole('heading', { name: 'Conversation not found' }).waitFor();
    await page.screenshot({ path: '/tmp/shots-ux-sf/conversation-not-found-1280.png' });
    await page.getByRole('link', { name: 'Back to Conversations' }).click();
    await page.getByText('Select a conversation to read it').waitFor();
    expect(asked.filter((u) => new URL(u).pathname === '/api/conversations/999999')).toHaveLength(1);
  });

  it('2: my own message, and its Not sent notice, come into view after sending from a thread scrolled up', async () => {
    const id = await started(amandaApi, 'Long enough to scroll');
    for (let n = 2; n <= 25; n++) await amandaApi('POST', `/conversations/${id}/messages`, { body: `Line ${n}` });
    const page = await amandaAt(`/conversations?conversation=${id}`);
    await thread(page).getByText('Line 25', { exact: true }).waitFor();
    await thread(page).evaluate((el) => (el.scrollTop -= 300));
    const reply = page.getByLabel('Message', { exact: true });
    await reply.fill('Seen after sending?');
    await reply.press('Enter');
    await expect.poll(() => inView(page, thread(page).getByText('Seen after sending?'))).toBe(true);

    await thread(page).evaluate((el) => (el.scrollTop -= 300));
    await page.route('**/api/conversations/*/messages', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 503, json: { error: { code: 'UNAVAILABLE', message: 'Try later.' } } })
        : route.fallback(),
    );
    await reply.fill('This one fails.');
    await reply.press('Enter');
    const retry = thread(page).getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    await expect.poll(() => inView(page, retry)).toBe(true);
    await page.unroute('**/api/conversations/*/messages');
  });

  it('9, 5: the dialog starts on Subject, a blank Send focuses the first bad field, limits are counted and refused, Esc asks first', async () => {
    const page = await amandaAt('/conversations');
    await page.getByRole('button', { name: 'Create Conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Conversation' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-subject');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-subject');
    await dialog.getByLabel('Subject').fill('Only a subject');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-message');

    // 256 characters: counted, refused with a message, not cut
    await dialog.getByLabel('Subject').fill('s'.repeat(256));
    await dialog.getByText('256 / 255').waitFor();
    await dialog.getByLabel('Your Message').fill('Why so long?');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.getByText('The subject is too long: it may have at most 255 characters.').waitFor();
    expect(await dialog.getByLabel('Subject').inputValue()).toHaveLength(256);

    // Esc with typed text asks first; Keep Writing keeps it, Discard closes
    await page.keyboard.press('Escape');
    const ask = dialog.getByRole('alertdialog', { name: 'Discard what you wrote? It has not been sent.' });
    await ask.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/shots-ux-sf/dialog-discard-1280.png' });
    await ask.getByRole('button', { name: 'Keep Writing' }).click();
    expect(await dialog.getByLabel('Your Message').inputValue()).toBe('Why so long?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(pages.dialogs).toEqual([]);

    // the reply box refuses over 20,000 characters instead of cutting
    const id = await started(amandaApi, 'Long reply');
    await page.goto(`${server.url}/conversations?conversation=${id}`);
    const reply = page.getByLabel('Message', { exact: true });
    await reply.fill('x'.repeat(20_001));
    await page.getByText('20,001 / 20,000').waitFor();
    await reply.press('Enter');
    await page.getByText('The message is too long: it may have at most 20,000 characters.').waitFor();
    expect(await reply.inputValue()).toHaveLength(20_001);
  });

  it('10: Ask A Question opens the new conversation; the dialog starts on Your Message when the subject is given', async () => {
    const page = await amandaAt('/orders');
    await page.locator('a[href^="/orders/"]').first().click();
    await page
      .getByRole('button', { name: 'Ask A Question' })
      .or(page.getByRole('button', { name: /Questions/ }))
      .first()
      .click();
    const ask = page.getByRole('menuitem', { name: 'Ask A Question' });
    if (await ask.count()) await ask.click();
    const dialog = page.getByRole('dialog', { name: 'Ask A Question' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-message');
    await dialog.getByLabel('Your Message').fill('Can it ship on Monday?');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/conversations\?conversation=\d+$/);
    await thread(page).getByText('Can it ship on Monday?').waitFor();
  });

  it('13: Closed is not red, and Ask a follow-up starts a new conversation on the same record naming the closed one', async () => {
    const { items } = await amandaApi<{ items: { id: number }[] }>('GET', '/orders?limit=1');
    const { conversation } = await amandaApi<{ conversation: { id: number } }>('POST', '/conversations', {
      subject: 'Closed question',
      message: 'Done soon.',
      recordId: items[0]!.id,
    });
    await staff('POST', `/conversations/${conversation.id}/close`);
    const page = await amandaAt(`/conversations?conversation=${conversation.id}`);
    const status = page.locator('.pane-meta .status-closed');
    await status.waitFor();
    expect(await status.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(180, 35, 24)');
    await page.getByRole('button', { name: 'Ask a follow-up' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ask a Follow-up' });
    expect(await dialog.getByLabel('Subject').inputValue()).toBe('Follow-up: Closed question');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel('Your Message').fill('One more thing.');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Follow-up: Closed question', level: 2 }).waitFor();
    const followUp = Number(new URL(page.url()).searchParams.get('conversation'));
    expect(followUp).not.toBe(conversation.id);
    const created = await amandaApi<{ source: { id: number } | null }>('GET', `/conversations/${followUp}`);
    expect(created.source?.id).toBe(items[0]!.id);
  });

  it('11: messages that failed while offline are resent once, in order, when the connection is back', async () => {
    const id = await started(amandaApi, 'Offline replies');
    const page = await amandaAt(`/conversations?conversation=${id}`);
    await thread(page).getByText('First words.').waitFor();
    const reply = page.getByLabel('Message', { exact: true });
    await page.context().setOffline(true);
    for (const text of ['Offline one', 'Offline two']) {
      await reply.fill(text);
      await reply.press('Enter');
    }
    await expect.poll(() => thread(page).getByRole('button', { name: 'Retry' }).count()).toBe(2);
    await page.context().setOffline(false);
    await expect.poll(() => thread(page).locator('.message-failed, .message-sending').count()).toBe(0);
    const { items } = await amandaApi<{ items: { body: string }[] }>('GET', `/conversations/${id}/messages`);
    expect(items.map((m) => m.body)).toEqual(['First words.', 'Offline one', 'Offline two']);
  });

  it('8: at 375 px the thread gets the screen: tabs in one row on every page, Back and Send beside other things', async () => {
    const id = await started(amandaApi, 'Narrow screen');
    const page = await amandaAt(`/conversations?conversation=${id}`, 375, 812);
    await thread(page).getByText('First words.').waitFor();
    await page.screenshot({ path: '/tmp/shots-ux-sf/thread-375.png' });
    expect(await seriousViolations(page)).toEqual([]);
    const tabs = page.getByRole('navigation', { name: 'Profiles & Addresses' });
    const tabHeight = async () => (await tabs.boundingBox())?.height ?? 0;
    const onThread = await tabHeight();
    const threadBox = (await thread(page).boundingBox())!;
    expect(threadBox.height).toBeGreaterThan(430);
    const back = (await page.getByRole('button', { name: 'Back' }).boundingBox())!;
    const title = (await page.getByRole('heading', { name: 'Narrow screen', level: 2 }).boundingBox())!;
    expect(Math.abs(back.y - title.y)).toBeLessThan(20);
    const send = (await page.getByRole('button', { name: 'Send' }).boundingBox())!;
    const attach = (await page.getByRole('button', { name: 'Attach' }).boundingBox())!;
    expect(Math.abs(send.y - attach.y)).toBeLessThan(10);
    for (const path of ['/orders', '/conversations']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await tabHeight()).toBe(onThread);
    }
    await page.screenshot({ path: '/tmp/shots-ux-sf/list-375.png' });
  });

  it('15: sign-in focuses Email with no console error; the Questions button counts unread; an Administrator sees each order’s company', async () => {
    const page = await pages.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign In' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sign-in-email');
    expect(errors).toEqual([]);

    const { items } = await amandaApi<{ items: { id: number }[] }>('GET', '/orders?limit=1&offset=1');
    const order = items[0]!.id;
    const { conversation } = await amandaApi<{ conversation: { id: number } }>('POST', '/conversations', {
      subject: 'About the order',
      message: 'When?',
      recordId: order,
    });
    await staff('POST', `/conversations/${conversation.id}/messages`, { body: 'Tomorrow.' });
    await signIn(page, server.url, 'storefront', 'amanda@acme.example');
    await page.goto(`${server.url}/orders/${order}`);
    const about = await amandaApi<{ items: { unreadCount: number }[] }>('GET', `/orders/${order}/conversations`);
    const unread = about.items.reduce((sum, c) => sum + c.unreadCount, 0);
    expect(unread).toBeGreaterThan(0);
    await page.getByRole('button', { name: `Questions ${unread} unread` }).waitFor();
    await page.goto(`${server.url}/conversations?conversation=${conversation.id}`);
    await page.getByText('**bold**, _italic_, `code`, lists and links work.').waitFor({ state: 'attached' });

    const marlene = await pages.newPage();
    await signIn(marlene, server.url, 'storefront', 'marlene@acme.example');
    await marlene.goto(`${server.url}/orders`);
    await marlene.getByRole('columnheader', { name: 'Company' }).waitFor();
    await expect.poll(() => marlene.getByRole('cell', { name: 'Acme West' }).count()).toBeGreaterThan(0);
  });

  it('5: a 255-character name is clamped in the list and the thread header, the full name in a title', async () => {
    const long = `${'Very long subject '.repeat(14)}end`.slice(0, 255);
    const id = await started(amandaApi, long);
    const page = await amandaAt(`/conversations?conversation=${id}`, 375, 812);
    const heading = page.getByRole('heading', { name: long, level: 2 });
    await heading.waitFor();
    expect(await heading.getAttribute('title')).toBe(long);
    const lineHeight = await heading.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect((await heading.boundingBox())!.height).toBeLessThanOrEqual(lineHeight * 2 + 1);
    await page.getByRole('button', { name: 'Back' }).click();
    const name = page.locator(`a[href="/conversations?conversation=${id}"] .conversation-name`);
    expect(await name.getAttribute('title')).toBe(long);
    expect((await name.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
  });
});

/** Whether the element lies inside the thread's visible area. */
async function inView(page: Page, element: ReturnType<Page['locator']>) {
  const box = (await thread(page).boundingBox())!;
  const it = await element.boundingBox();
  return it !== null && it.y >= box.y - 1 && it.y + it.height <= box.y + box.height + 1;
}
