// The staff inbox in Chromium: the list of a view beside the open
// conversation, worked through with j / k / r / e / ?, its views, Assign to
// me, the team's waiting count in the header, the grid's bulk Close, Reopen
// and Assign, and the inbox at 1280 and 375 px with axe.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { rows } from '../support/backoffice-grid';
import type { RunningServer } from '../support/server';
import {
  apiAs,
  horizontalOverflow,
  screenshot,
  seriousViolations,
  signIn,
  thread,
  type Api,
  type Pages,
  withServerAndPages,
} from '../support/web';

let server: RunningServer;
let pages: Pages;
const LIVE_WAIT = { timeout: 8_000 };

const items = (page: Page) => page.getByRole('list', { name: 'Conversations' }).locator('.inbox-item');
const current = (page: Page) => page.locator('.inbox-item[aria-current="true"] .inbox-item-name');
const threadTitle = (page: Page) => page.locator('.inbox-thread-title h2');

describe.skipIf(!chromiumAvailable())('staff inbox in a browser', () => {
  let john: Page;
  let amanda: Api;
  let johnApi: Api;
  let run = 0;
  /** conversations Amanda starts, in this order (so the first has waited longest), under a name prefix of their own */
  const asked = async (count: number) => {
    const prefix = `Inbox${++run}x${Date.now() % 100000}`;
    const ids: number[] = [];
    for (let i = 1; i <= count; i++) {
      const { conversation } = await amanda<{ conversation: { id: number } }>('POST', '/conversations', {
        subject: `${prefix} question ${i}`,
        message: `Question ${i}: where is my delivery?`,
      });
      ids.push(conversation.id);
    }
    return { prefix, ids };
  };

  withServerAndPages({}, async (started, opened) => {
    server = started;
    pages = opened;
    john = await pages.newPage();
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    amanda = await apiAs(server.url, 'storefront', 'amanda@acme.example');
    johnApi = await apiAs(server.url, 'backoffice', 'john@parley.example');
  });

  it('shows the list and the open conversation at 1280 and, as two views with Back, at 375 px; axe finds nothing serious', async () => {
    await john.goto(`${server.url}/admin/inbox`);
    await john.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await expect.poll(() => items(john).count()).toBeGreaterThan(0);
    // Waiting on us is the first view: every item says how long the customer has waited, longest first
    const ages = await john.locator('.inbox-item .inbox-waiting').allTextContents();
    expect(ages.length).toBe(await items(john).count());
    expect(ages.every((a) => /^waiting (< 1 min|\d+ (min|h|d))$/.test(a))).toBe(true);
    await items(john).first().click();
    await thread(john).waitFor();
    await john.getByRole('button', { name: 'Add Message' }).waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-inbox');
    await john.screenshot({ path: '/tmp/shots-ux-inbox/inbox-1280.png' });

    const narrow = await pages.newPage(375, 812);
    await signIn(narrow, server.url, 'backoffice', 'john@parley.example');
    await narrow.goto(`${server.url}/admin/inbox`);
    await expect.poll(() => items(narrow).count()).toBeGreaterThan(0);
    expect(await narrow.locator('.inbox-thread').isVisible()).toBe(false);
    expect(await seriousViolations(narrow)).toEqual([]);
    await narrow.screenshot({ path: '/tmp/shots-ux-inbox/inbox-375-list.png' });
    const name = await items(narrow).first().locator('.inbox-item-name').textContent();
    await items(narrow).first().click();
    await thread(narrow).waitFor();
    expect(await narrow.locator('.inbox-list').isVisible()).toBe(false);
    expect(await threadTitle(narrow).textContent()).toBe(name);
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(narrow)).toEqual([]);
    await screenshot(narrow, 'backoffice-inbox-375');
    await narrow.screenshot({ path: '/tmp/shots-ux-inbox/inbox-375-thread.png' });
    await narrow.getByRole('button', { name: '← Back' }).click();
    await items(narrow).first().waitFor();
    expect(await narrow.locator('.inbox-thread').isVisible()).toBe(false);
  });

  it('moves with j and k, replies with r, closes with e, shows the shortcuts with ?, and leaves keys typed in a field alone', async () => {
    const { prefix } = await asked(3);
    await john.goto(`${server.url}/admin/inbox`);
    // the compact filter bar narrows the view, and the URL keeps it
    await john.getByRole('search', { name: 'Filter conversations' }).getByLabel('Name').fill(prefix);
    await expect.poll(() => items(john).count()).toBe(3);
    expect(john.url()).toContain(`name=${prefix}`);
    await john.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await john.keyboard.press('j');
    await expect.poll(() => current(john).textContent()).toBe(`${prefix} question 1`);
    await expect.poll(() => threadTitle(john).textContent()).toBe(`${prefix} question 1`);
    await john.keyboard.press('j');
    await expect.poll(() => current(john).textContent()).toBe(`${prefix} question 2`);
    await john.keyboard.press('k');
    await expect.poll(() => current(john).textContent()).toBe(`${prefix} question 1`);
    await thread(john).getByText('Question 1: where is my delivery?').waitFor();

    await john.keyboard.press('r');
    await expect.poll(() => john.evaluate(() => document.activeElement?.id)).toBe('message-body');
    // typed into the composer, j is a letter, not a move
    await john.keyboard.type('just shipped');
    expect(await current(john).textContent()).toBe(`${prefix} question 1`);
    await john.keyboard.press('Enter');
    await thread(john).getByText('just shipped').waitFor();
    // answered: it no longer waits on us, and stays open
    await expect.poll(() => items(john).count(), LIVE_WAIT).toBe(2);
    expect(await threadTitle(john).textContent()).toBe(`${prefix} question 1`);

    await john.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await john.keyboard.press('e');
    await thread(john).getByText('John Doe closed the conversation.').waitFor();
    await john.getByRole('button', { name: 'Reopen' }).waitFor();

    await john.keyboard.press('?');
    const dialog = john.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.getByText('Reply: go to the message box').count()).toBe(1);
    await john.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('switches views, assigns to me in one click, and keeps the header count of conversations waiting on the team live', async () => {
    const name = `Inbox unassigned ${Date.now() % 100000}`;
    const { conversation } = await johnApi<{ conversation: { id: number } }>('POST', '/conversations', {
      name,
      customerUserId: 1,
      ownerId: null,
    });
    await john.goto(`${server.url}/admin/inbox`);
    const views = john.getByRole('navigation', { name: 'Views' });
    await views.getByRole('link', { name: 'Unassigned' }).click();
    expect(john.url()).toContain('view=unassigned');
    await john.locator('.inbox-item', { hasText: name }).click();
    await john.getByRole('button', { name: 'Assign to me' }).click();
    await john.getByText('Owner: John Doe').waitFor();
    await expect.poll(() => john.locator('.inbox-item', { hasText: name }).count(), LIVE_WAIT).toBe(0);
    await views.getByRole('link', { name: 'Mine' }).click();
    await john.locator('.inbox-item', { hasText: name }).waitFor();
    await views.getByRole('link', { name: 'My Conversations' }).click();
    await john.locator('.inbox-item', { hasText: name }).waitFor();
    expect(conversation.id).toBeGreaterThan(0);

    // the header: the team's waiting conversations beside John's own unread count
    const team = john.getByRole('link', { name: /^Waiting on the team: \d+$/ });
    const count = async () => Number(await john.getByTestId('team-waiting').textContent());
    const { total } = await johnApi<{ total: number }>('GET', '/conversations?waiting=true&pageSize=1');
    await expect.poll(count).toBe(total);
    await asked(1);
    await expect.poll(count, LIVE_WAIT).toBe(total + 1);
    await team.click();
    await john.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  });

  it('closes, reopens and assigns the selected rows of the grid, reporting what each did, and lists Waiting on us as a view', async () => {
    const { prefix } = await asked(2);
    await john.goto(`${server.url}/admin/conversations?name=${prefix}`);
    await expect.poll(() => rows(john).count()).toBe(2);
    await john.getByLabel('Select all rows on this page').check();
    await john.getByRole('button', { name: 'Close selected (2)' }).click();
    await john.getByRole('status').getByText('Closed 2 conversations.').waitFor();
    await expect.poll(() => rows(john).locator('.badge', { hasText: 'Closed' }).count()).toBe(2);
    // a second Close changes nothing, and says why for each
    await john.getByLabel('Select all rows on this page').check();
    await john.getByRole('button', { name: 'Close selected (2)' }).click();
    const outcome = john.getByRole('status').filter({ hasText: 'Closed 0 conversations.' });
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain(`"${prefix} question 1": A Closed conversation cannot be closed.`);
    await john.getByLabel('Select all rows on this page').check();
    await john.getByRole('button', { name: 'Reopen selected (2)' }).click();
    await john.getByRole('status').getByText('Reopened 2 conversations.').waitFor();
    await john.getByLabel('Select all rows on this page').check();
    await john.getByRole('button', { name: 'Assign selected (2)…' }).click();
    const dialog = john.getByRole('dialog', { name: 'Assign 2 conversations' });
    await dialog.getByLabel('Owner').selectOption({ label: 'Charlie Sheen' });
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await john.getByRole('status').getByText('Assigned 2 conversations.').waitFor();
    await expect.poll(() => rows(john).filter({ hasText: 'Charlie Sheen' }).count()).toBe(2);

    await john.getByRole('link', { name: 'Waiting on us' }).click();
    await john.getByRole('heading', { name: 'Waiting on us', level: 1 }).waitFor();
    expect(john.url()).toContain('waiting=true');
    await john.getByRole('link', { name: 'Open inbox' }).click();
    await john.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  });
});
