// Issue 17's chat conventions in the back-office thread: one person's
// consecutive messages grouped, mine apart, a colour per person; "New
// message ↓" when something arrives while scrolled up; the unread count in
// the tab title; a desktop notification for a message of mine to read while
// the tab is hidden; drafts per conversation; a skeleton while it loads.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { liveReady, probedPage } from '../support/live-probe';
import type { RunningServer } from '../support/server';
import { apiAs, screenshot, seriousViolations, signIn, thread, type Api, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

describe.skipIf(!chromiumAvailable())('back-office chat conventions (issue 17)', () => {
  let amanda: Api;
  let john: Api;

  withServerAndPages({}, async (s, p) => {
    server = s;
    pages = p;
    amanda = await apiAs(server.url, 'storefront', 'amanda@acme.example');
    john = await apiAs(server.url, 'backoffice', 'john@parley.example');
  });

  /** Amanda's new conversation, which John owns (he answers in it, so he takes part) */
  const started = async (subject: string, message = 'A question from Amanda.') => {
    const id = (await amanda<{ conversation: { id: number } }>('POST', '/conversations', { subject, message })).conversation.id;
    await john('PATCH', `/conversations/${id}`, { ownerId: 1 });
    return id;
  };
  const johnPage = async (init?: Parameters<Pages['newPage']>[2]) => {
    const page = await pages.newPage(1280, 800, init);
    await signIn(page, server.url, 'backoffice', 'john@parley.example');
    return page;
  };
  const composer = (page: Page) => page.getByLabel('Message', { exact: true });

  it('groups one person’s messages, sets mine apart on the right and colours people apart', async () => {
    const id = await started('Grouped in the back-office');
    for (const body of ['John one.', 'John two.', 'John three.']) await john('POST', `/conversations/${id}/messages`, { body });
    const page = await johnPage();
    await page.goto(`${server.url}/admin/conversations/${id}`);
    const johns = thread(page).getByRole('article', { name: /from John Doe/ });
    await expect.poll(() => johns.count()).toBe(3);
    // one avatar and one visible header for the three
    expect(await johns.nth(0).locator('.avatar').count()).toBe(1);
    expect(await johns.nth(1).locator('.avatar').count()).toBe(0);
    expect(await johns.nth(2).locator('.message-head.visually-hidden').count()).toBe(1);
    const amandas = thread(page).getByRole('article', { name: /from Amanda Cole/ });
    const mine = (await johns.nth(0).locator('.message-body').boundingBox())!;
    const theirs = (await amandas.locator('.message-body').boundingBox())!;
    expect(mine.x).toBeGreaterThan(theirs.x + 200);
    const colour = (article: typeof johns) => article.locator('.avatar').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour(johns.nth(0))).not.toBe(await colour(amandas));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'backoffice-chat-grouped', { docs: false });
  });

  it('shows New message ↓ when something arrives while scrolled up, and jumps to it; the tab title counts unread', async () => {
    const id = await started('Jump in the back-office', 'Line 1');
    for (let n = 2; n <= 25; n++) await amanda('POST', `/conversations/${id}/messages`, { body: `Line ${n}` });
    const page = await johnPage();
    await page.goto(`${server.url}/admin/conversations/${id}`);
    await thread(page).getByText('Line 25', { exact: true }).waitFor();
    // scrolled up, and staying there: a late layout may pin the thread to its end once more, as it should while one reads there
    await expect
      .poll(async () => {
        await thread(page).evaluate((el) => (el.scrollTop = 0));
        await page.waitForTimeout(150);
        return thread(page).evaluate((el) => el.scrollTop);
      })
      .toBe(0);
    await amanda('POST', `/conversations/${id}/messages`, { body: 'Arrived while John read.' });
    const jump = page.getByRole('button', { name: 'New message' });
    await jump.waitFor();
    await jump.click();
    await jump.waitFor({ state: 'detached' });
    await expect.poll(() => thread(page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2)).toBe(true);

    // elsewhere, something unread for John shows in the tab title
    await page.goto(`${server.url}/admin/customers`);
    await amanda('POST', `/conversations/${id}/messages`, { body: 'One more for the title.' });
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/^\(\d+\) /);
  });

  it('tells John on the desktop about a message for him while the tab is hidden', async () => {
    const id = await started('Notified on the desktop');
    const page = await probedPage(pages, async (context) => {
      await context.grantPermissions(['notifications'], { origin: server.url });
      // the tab as the browser reports it when another is in front; what the page shows is recorded
      await context.addInitScript(() => {
        Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
        const shown: string[] = [];
        (window as unknown as { shown: string[] }).shown = shown;
        const Real = window.Notification;
        window.Notification = class extends Real {
          constructor(title: string, options?: NotificationOptions) {
            super(title, options);
            shown.push(`${title}: ${options?.body ?? ''}`);
          }
        };
      });
    });
    await signIn(page, server.url, 'backoffice', 'john@parley.example');
    await page.getByRole('heading', { name: 'Conversations' }).waitFor();
    // the live client is caught up: what Amanda sends now reaches it as it happens
    await liveReady(page);
    await amanda('POST', `/conversations/${id}/messages`, { body: 'Are you there, John?' });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shown: string[] }).shown))
      .toEqual(['Amanda Cole: Are you there, John?']);
  });

  it('keeps a draft per conversation across switching and a reload, and shows a skeleton while the thread loads', async () => {
    const first = await started('Back-office draft one');
    const second = await started('Back-office draft two');
    const page = await johnPage();
    await page.goto(`${server.url}/admin/conversations/${first}`);
    await composer(page).fill('Half a reply for one');
    await page.goto(`${server.url}/admin/conversations/${second}`);
    await thread(page).getByText('A question from Amanda.').waitFor();
    expect(await composer(page).inputValue()).toBe('');
    // slow messages: the thread's outline shows meanwhile
    await page.route('**/admin/api/conversations/*/messages?*', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await page.goto(`${server.url}/admin/conversations/${first}`);
    await page.getByRole('status').filter({ hasText: 'Loading messages…' }).waitFor();
    // the held request finishes before the route goes
    await page.unrouteAll({ behavior: 'wait' });
    await expect.poll(() => composer(page).inputValue()).toBe('Half a reply for one');
    await page.reload();
    await expect.poll(() => composer(page).inputValue()).toBe('Half a reply for one');
    await composer(page).press('Enter');
    await thread(page).getByText('Half a reply for one').waitFor();
    await page.reload();
    await thread(page).getByText('Half a reply for one').waitFor();
    expect(await composer(page).inputValue()).toBe('');
  });
});
