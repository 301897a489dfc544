// The storefront's thread in Debian's Chromium against the built server: a
// long thread loads older messages in place, and without a live socket the
// 10 s poll still brings what the back-office sends.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, signIn, thread, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

describe.skipIf(!chromiumAvailable())('storefront thread in a browser', () => {
  let amanda: Page;

  withServerAndPages({}, async (started, opened) => {
    server = started;
    pages = opened;
    amanda = await pages.newPage();
    await signIn(amanda, server.url, 'storefront', 'amanda@acme.example');
  });

  it('loads older messages 40 at a time on scrolling up, keeping the reader in place', async () => {
    const session = (await (await amanda.request.get(`${server.url}/api/session`)).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': session.csrfToken };
    const created = await amanda.request.post(`${server.url}/api/conversations`, {
      headers,
      data: { subject: 'Long thread', message: 'Message 1' },
    });
    const { conversation } = (await created.json()) as { conversation: { id: number } };
    for (let n = 2; n <= 45; n++) {
      await amanda.request.post(`${server.url}/api/conversations/${conversation.id}/messages`, { headers, data: { body: `Message ${n}` } });
    }
    await amanda.goto(`${server.url}/conversations?conversation=${conversation.id}`);
    const messages = thread(amanda).locator('.message');
    await thread(amanda).getByText('Message 45', { exact: true }).waitFor();
    expect(await messages.count()).toBe(40);
    const oldestShown = thread(amanda).getByText('Message 6', { exact: true });

    await thread(amanda).evaluate((el) => (el.scrollTop = 0));
    await thread(amanda).getByText('Message 1', { exact: true }).waitFor({ state: 'attached' });
    expect(await messages.count()).toBe(45);
    // the message that was at the top is still on screen, not pushed away
    const box = (await thread(amanda).boundingBox())!;
    const kept = (await oldestShown.boundingBox())!;
    expect(kept.y).toBeGreaterThanOrEqual(box.y - 1);
    expect(kept.y).toBeLessThan(box.y + box.height);
  });

  it('without a live socket, the 10 s poll still brings new messages and unread counts', async () => {
    const polled = await pages.newPage();
    await polled.addInitScript(() => Reflect.deleteProperty(window, 'WebSocket'));
    await signIn(polled, server.url, 'storefront', 'amanda@acme.example');
    await polled.locator('a[href="/conversations?conversation=1"]').click();
    await thread(polled).getByText('Anything else I can help with?').waitFor();
    const charlie = await apiAs(server.url, 'backoffice', 'charlie@parley.example');
    await charlie('POST', '/conversations/1/messages', { body: 'Polled reply.' });
    await charlie('POST', '/conversations/2/messages', { body: 'Another polled reply.' });
    await thread(polled).getByText('Polled reply.').waitFor({ timeout: 15_000 });
    await polled.getByTestId('unread-total').waitFor({ timeout: 15_000 });
  });
});
