// Live push end to end, both sides at once: Amanda on the storefront and
// Charlie in the back-office share one server and one conversation. Every
// "arrives" below must happen within 3 s, well under the 10 s fallback poll,
// so these tests fail if only polling works.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { dropSockets, framesOf, liveReady, openSockets, probedPage, restoreSockets } from '../support/live-probe';
import { apiAs as apiOn, screenshot, signIn as signInOn, thread, type Pages, withServerAndPages } from '../support/web';

const LIVE = 3_000;

let server: RunningServer;
let pages: Pages;

const signIn = (page: Page, base: '' | '/admin', email: string) => signInOn(page, server.url, base ? 'backoffice' : 'storefront', email);
/** A signed-in API session (John, as another member of staff; Amanda, to look up her conversations). */
const apiAs = (base: '/api' | '/admin/api', email: string) => apiOn(server.url, base === '/api' ? 'storefront' : 'backoffice', email);

/**
 * Amanda types in the storefront's own reply box, a key at a time, until
 * Charlie's page says so; then her box is emptied again. Her client and the
 * server each pass at most one signal per conversation every 2 s, so keys
 * pressed within 2 s of her last message or signal send nothing: the first
 * key that does get through must show within 3 s.
 */
async function typingShows(charlie: Page, amanda: Page) {
  const note = charlie.getByText('Amanda Cole is typing…');
  const box = amanda.getByLabel('Message', { exact: true });
  await box.fill('');
  let shownAfter = Number.POSITIVE_INFINITY;
  await expect
    .poll(
      async () => {
        const sentAt = Date.now();
        await box.press('a');
        const shown = await note
          .waitFor({ timeout: 500 })
          .then(() => true)
          .catch(() => false);
        if (shown) shownAfter = Date.now() - sentAt;
        return shown;
      },
      { timeout: 2_000 + LIVE + 1_000, interval: 0 },
    )
    .toBe(true);
  expect(shownAfter).toBeLessThan(LIVE);
  // emptying the box sends no signal
  await box.fill('');
}

/** Amanda replies in the storefront's composer (Enter sends). */
async function reply(page: Page, body: string) {
  await page.getByLabel('Message', { exact: true }).fill(body);
  await page.keyboard.press('Enter');
}

/** How far a scrolling thread is from showing its newest message, in pixels. */
const fromBottom = (where: Locator) => where.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
const arrives = (where: Locator, text: string) => where.getByText(text, { exact: true }).waitFor({ timeout: LIVE });
const indicatorCount = async (page: Page) => Number(await page.locator('[data-testid="unread-count"][data-loaded]').textContent());
/** The typing and reconnecting states, under test-results/screenshots only (the README shows none of them). */
const shot = (page: Page, name: string) => screenshot(page, name, { docs: false });

describe.skipIf(!chromiumAvailable())('live push between the storefront and the back-office', () => {
  let amanda: Page;
  let charlie: Page;
  let ids: Record<string, number>;
  const order = () => ids['Order SO-1001']!;
  const rfq = () => ids['Request for Quote RFQ-2001']!;

  withServerAndPages({}, async (started, opened) => {
    server = started;
    pages = opened;
    const amandaApi = await apiAs('/api', 'amanda@acme.example');
    const list = await amandaApi<{ items: { id: number; name: string }[] }>('GET', '/conversations');
    ids = Object.fromEntries(list.items.map((c) => [c.name, c.id]));
    amanda = await probedPage(pages);
    charlie = await probedPage(pages);
    await signIn(amanda, '', 'amanda@acme.example');
    await signIn(charlie, '/admin', 'charlie@parley.example');
  });

  it('exchanges three messages each way, each arriving live on the other side', async () => {
    await amanda.goto(`${server.url}/conversations?conversation=${order()}`);
    await amanda.getByRole('heading', { name: 'Order SO-1001', level: 2 }).waitFor();
    await charlie.goto(`${server.url}/admin/conversations/${order()}`);
    await charlie.getByRole('button', { name: 'Add Message' }).waitFor();
    await Promise.all([liveReady(amanda), liveReady(charlie)]);

    for (const n of [1, 2, 3]) {
      const fromAmanda = `Amanda asks, live ${n}`;
      await reply(amanda, fromAmanda);
      await arrives(thread(charlie), fromAmanda);

      const fromCharlie = `Charlie answers, live ${n}`;
      await charlie.getByLabel('Message', { exact: true }).fill(fromCharlie);
      await charlie.getByRole('button', { name: 'Add Message' }).click();
      await arrives(thread(amanda), fromCharlie);
    }
    // each message once, on both sides, and the tab counts them
    for (const page of [amanda, charlie]) {
      for (const n of [1, 2, 3]) expect(await thread(page).getByText(`live ${n}`).count()).toBe(2);
    }
    await charlie.getByRole('tab', { name: 'Messages (11)' }).waitFor({ timeout: LIVE });
  });

  it('shows a close and a reopen by someone else on both sides at once', async () => {
    const john = await apiAs('/admin/api', 'john@parley.example');
    await john('POST', `/conversations/${order()}/close`);
    await charlie.getByRole('button', { name: 'Reopen' }).waitFor({ timeout: LIVE });
    expect(await charlie.getByRole('button', { name: 'Add Message' }).count()).toBe(0);
    await thread(charlie).getByText('John Doe closed the conversation.').waitFor({ timeout: LIVE });
    await amanda.getByRole('note').filter({ hasText: 'This conversation is closed.' }).waitFor({ timeout: LIVE });

    await john('POST', `/conversations/${order()}/reopen`);
    await charlie.getByRole('button', { name: 'Add Message' }).waitFor({ timeout: LIVE });
    expect(await charlie.locator('.page-title .badge').textContent()).toBe('Active');
    await amanda.getByLabel('Message', { exact: true }).waitFor({ timeout: LIVE });
  });

  it('shows who is typing on each side', async () => {
    await typingShows(charlie, amanda);
    const note = charlie.getByText('Amanda Cole is typing…');
    expect(await charlie.locator('[aria-live="polite"]', { hasText: 'Amanda Cole is typing…' }).count()).toBe(1);
    await shot(charlie, 'live-typing-1280');
    // gone after about 4 s without another signal
    await note.waitFor({ state: 'detached', timeout: 6_000 });

    await charlie.getByLabel('Message', { exact: true }).pressSequentially('Let me check th');
    await amanda.locator('[aria-live="polite"]', { hasText: 'Charlie Sheen is typing…' }).waitFor({ timeout: LIVE });
    await charlie.getByLabel('Message', { exact: true }).fill('');
  });

  it('raises the unread badges on the side that is not looking', async () => {
    // Amanda looks at another conversation; Charlie writes twice in the order's
    await amanda.getByRole('link', { name: /^Request for Quote RFQ-2001/ }).click();
    await amanda.getByRole('heading', { name: 'Request for Quote RFQ-2001', level: 2 }).waitFor();
    await expect.poll(() => amanda.getByTestId('unread-total').count()).toBe(0);
    for (const body of ['Your invoice is on its way.', 'And the tracking number follows.']) {
      await charlie.getByLabel('Message', { exact: true }).fill(body);
      await charlie.getByRole('button', { name: 'Add Message' }).click();
      await thread(charlie).getByText(body).waitFor();
    }
    await expect.poll(() => amanda.getByTestId('unread-total').textContent(), { timeout: LIVE }).toBe('2 unread');
    await expect
      .poll(() => amanda.locator(`a[href="/conversations?conversation=${order()}"] .badge`).textContent(), { timeout: LIVE })
      .toBe('2 unread');
    expect(await amanda.locator(`a[href="/conversations?conversation=${rfq()}"] .badge`).count()).toBe(0);

    // Charlie goes to the grid; Amanda reads the order's conversation and replies there
    await charlie.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations', exact: true }).click();
    const row = charlie.getByRole('table', { name: 'Conversations' }).locator('tbody tr', { hasText: 'Order SO-1001' });
    await row.waitFor();
    const before = await indicatorCount(charlie);
    await amanda.locator(`a[href="/conversations?conversation=${order()}"]`).click();
    await amanda.getByRole('heading', { name: 'Order SO-1001', level: 2 }).waitFor();
    await expect.poll(() => amanda.getByTestId('unread-total').count(), { timeout: LIVE }).toBe(0);
    await reply(amanda, 'Thanks, Charlie!');
    await expect.poll(() => indicatorCount(charlie), { timeout: LIVE }).toBe(before + 1);
    await expect.poll(() => row.locator('td.unread').count(), { timeout: LIVE }).toBe(1);
    expect(await row.textContent()).toContain('from Amanda Cole');

    // a conversation started by someone else appears in the grid
    const john = await apiAs('/admin/api', 'john@parley.example');
    await john('POST', '/conversations', { name: 'Started by John, live', customerUserId: 1, ownerId: null });
    await charlie.getByRole('link', { name: 'Started by John, live' }).waitFor({ timeout: LIVE });
  });

  it('stops polling while the socket is up, and polls while it cannot connect', async () => {
    const calls: string[] = [];
    const record = (r: { url(): string }) => {
      if (r.url().includes('/admin/api/')) calls.push(new URL(r.url()).pathname);
    };
    charlie.on('request', record);
    await charlie.waitForTimeout(11_000);
    expect(calls).toEqual([]);

    // no socket can open: the client keeps trying and the screens fall back to the 10 s poll
    await dropSockets(charlie);
    await charlie.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: LIVE });
    // the indicator and the grid each poll
    await expect
      .poll(() => ['/admin/api/unread', '/admin/api/conversations'].every((p) => calls.includes(p)), { timeout: 12_000 })
      .toBe(true);
    charlie.off('request', record);
    await restoreSockets(charlie);
  });

  it('says "Reconnecting…" while the socket is down, then delivers what was sent meanwhile', async () => {
    await charlie.goto(`${server.url}/admin/conversations/${order()}`);
    await charlie.getByRole('button', { name: 'Add Message' }).waitFor();
    const readyBefore = (await framesOf(charlie, 'ready')).length;
    await liveReady(charlie, readyBefore);
    const status = charlie.getByRole('status').filter({ hasText: 'Reconnecting…' });
    expect(await status.count()).toBe(0);

    // under Chromium's offline emulation the open socket stays up without an error, as on a network
    // that went away silently: the page must still say so, and reconnect when the network is back
    await charlie.context().setOffline(true);
    await status.waitFor({ timeout: LIVE });
    await shot(charlie, 'live-reconnecting-1280');

    const meanwhile = ['Sent while Charlie was offline, one', 'Sent while Charlie was offline, two'];
    for (const body of meanwhile) {
      await reply(amanda, body);
      await thread(amanda).getByText(body).waitFor();
    }
    await charlie.waitForTimeout(1000);
    expect(await thread(charlie).getByText(meanwhile[0]!).count()).toBe(0);

    await charlie.context().setOffline(false);
    await liveReady(charlie, readyBefore + 1);
    for (const body of meanwhile) await arrives(thread(charlie), body);
    await status.waitFor({ state: 'detached', timeout: LIVE });
    // and live again afterwards
    await reply(amanda, 'Back to normal.');
    await arrives(thread(charlie), 'Back to normal.');
  });

  it('fits the typing note and the reconnecting state on a 375 px screen', async () => {
    // Charlie reads the newest message; narrowing the window keeps it in view
    expect(await fromBottom(thread(charlie))).toBeLessThanOrEqual(1);
    await charlie.setViewportSize({ width: 375, height: 740 });
    await expect.poll(() => fromBottom(thread(charlie)), { timeout: 1_000 }).toBeLessThanOrEqual(1);
    expect(await thread(charlie).evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await thread(charlie).scrollIntoViewIfNeeded();
    await shot(charlie, 'backoffice-thread-375');
    await typingShows(charlie, amanda);
    await charlie.getByText('Amanda Cole is typing…').scrollIntoViewIfNeeded();
    expect(await charlie.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(charlie, 'live-typing-375');

    await dropSockets(charlie);
    await charlie.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: LIVE });
    expect(await charlie.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(charlie, 'live-reconnecting-375');
    await restoreSockets(charlie);
  });

  it('closes the socket on sign-out', async () => {
    await charlie.getByRole('button', { name: /user menu/ }).click();
    await charlie.getByRole('button', { name: 'Sign Out' }).click();
    await charlie.getByRole('button', { name: 'Sign In' }).waitFor();
    await expect.poll(() => openSockets(charlie)).toBe(0);
    await charlie.waitForTimeout(1500);
    // and no new one is opened
    expect(await openSockets(charlie)).toBe(0);
  });
});
