// Issue 17, the storefront used as a customer would every day: each test
// here failed on the main of the issue and holds one fixed defect.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, signIn, thread, type Api, type Pages, withServerAndPages } from '../support/web';

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
    const notFound: string[] = [];
    page.on('response', (r) => r.status() === 404 && notFound.push(new URL(r.url()).pathname));
    await staff('DELETE', `/conversations/${id}`);
    await page.getByRole('alert').filter({ hasText: 'This conversation was deleted.' }).waitFor();
    await expect.poll(() => page.locator(`a[href="/conversations?conversation=${id}"]`).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    // another live signal: the deleted conversation is not fetched again
    await staff('POST', '/conversations/1/messages', { body: 'Something else moves.' });
    await page.waitForTimeout(400);
    expect(notFound).toEqual([]);
  });

  it('4: unknown addresses show Page not found with a way back; missing records and conversations offer a way back, fetched once', async () => {
    const page = await amandaAt('/conversations');
    for (const path of ['/nonexistent', '/conversations/1']) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response!.status()).toBe(404);
      await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Go to Conversations' }).count()).toBe(1);
    }
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
      route.request().method() === 'POST' ? route.fulfill({ status: 503, json: { error: { code: 'UNAVAILABLE', message: 'Try later.' } } }) : route.fallback(),
    );
    await reply.fill('This one fails.');
    await reply.press('Enter');
    const retry = thread(page).getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    await expect.poll(() => inView(page, retry)).toBe(true);
    await page.unroute('**/api/conversations/*/messages');
  });
});

/** Whether the element lies inside the thread's visible area. */
async function inView(page: Page, element: ReturnType<Page['locator']>) {
  const box = (await thread(page).boundingBox())!;
  const it = await element.boundingBox();
  return it !== null && it.y >= box.y - 1 && it.y + it.height <= box.y + box.height + 1;
}
