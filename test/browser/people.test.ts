// People in a conversation and internal notes, in Debian's Chromium against
// the built server: Oro's scenario (Create Conversation with Charlie Sheen as
// a participant, an Administrator posting From Charlie Sheen, the All messages
// tab listing "2 · Charlie Sheen · Another User Message"), adding and removing
// people on the conversation page, and an internal note that the customer's
// page never shows.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { cell } from '../support/backoffice-grid';
import type { RunningServer } from '../support/server';
import { horizontalOverflow, screenshot, seriousViolations, signIn, thread, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;
const LIVE_WAIT = 5_000;

describe.skipIf(!chromiumAvailable())('people and internal notes in a browser', () => {
  let john: Page;
  let conversationUrl = '';

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    john = await pages.newPage();
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
  });

  const participantsList = (page: Page) =>
    page.getByRole('region', { name: 'Participants' }).locator('.participant-list li .participant-name');

  it("Oro's scenario: Context Charlie Sheen, From Charlie Sheen, All messages lists 2 · Charlie Sheen · Another User Message", async () => {
    await john.goto(`${server.url}/admin/conversations/new`);
    await john.getByRole('heading', { name: 'Create Conversation' }).waitFor();
    await john.getByLabel('Name').fill('Delivery of the spare parts');
    await john.getByLabel('Customer User').fill('Amanda');
    await john
      .getByRole('listbox', { name: 'Customer users' })
      .getByRole('option', { name: /Amanda Cole/ })
      .click();
    const participants = john.getByLabel('Participants');
    await participants.fill('Charl');
    await john
      .getByRole('listbox', { name: 'People' })
      .getByRole('option', { name: /Charlie Sheen/ })
      .waitFor();
    // keyboard: the first match is active; Enter picks it
    await participants.press('Enter');
    await john.getByRole('list', { name: 'Chosen participants' }).getByText('Charlie Sheen').waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-create-participants', { docs: false });
    await john.getByRole('button', { name: 'Create Conversation' }).click();
    await john.getByRole('heading', { name: /Delivery of the spare parts/, level: 1 }).waitFor();
    conversationUrl = john.url();

    await expect
      .poll(async () => (await participantsList(john).allTextContents()).sort())
      .toEqual(['Amanda Cole', 'Charlie Sheen', 'John Doe']);
    await thread(john).getByText('John Doe added Charlie Sheen').waitFor();

    await john.getByLabel('From', { exact: true }).selectOption({ label: 'Charlie Sheen · Sales Manager' });
    await john.getByLabel('Message', { exact: true }).fill('Another User Message');
    await john.getByRole('button', { name: 'Add Message' }).click();
    await thread(john).getByText('Sent by John Doe on behalf of Charlie Sheen').waitFor();

    await john.getByRole('tab', { name: 'All messages' }).click();
    const second = john.getByRole('table', { name: 'All messages' }).locator('tbody tr').nth(1);
    await expect.poll(() => cell(second, 0).textContent()).toBe('2');
    expect(await cell(second, 1).textContent()).toContain('Charlie Sheen');
    expect(await cell(second, 2).textContent()).toBe('Another User Message');
    await john.getByRole('tab', { name: /Messages/ }).click();
  });

  it('adds and removes people on the conversation page; the customer user and the owner cannot be removed', async () => {
    await john.goto(conversationUrl);
    const add = john.getByLabel('Add participant');
    await add.fill('Marlene');
    await john
      .getByRole('listbox', { name: 'People' })
      .getByRole('option', { name: /Marlene Bradley/ })
      .click();
    await expect.poll(() => participantsList(john).allTextContents()).toContain('Marlene Bradley');
    await thread(john).getByText('John Doe added Marlene Bradley').waitFor();
    expect(await john.getByRole('button', { name: 'Remove Amanda Cole' }).count()).toBe(0);
    expect(await john.getByRole('button', { name: 'Remove John Doe' }).count()).toBe(0);
    await john.getByRole('button', { name: 'Remove Marlene Bradley' }).click();
    await expect.poll(() => participantsList(john).allTextContents()).not.toContain('Marlene Bradley');
    await thread(john).getByText('John Doe removed Marlene Bradley').waitFor();
  });

  it('an internal note looks different, reaches staff live, and never shows on the storefront', async () => {
    const charlie = await pages.newPage();
    await signIn(charlie, server.url, 'backoffice', 'charlie@parley.example');
    await charlie.goto(conversationUrl);
    await thread(charlie).getByText('Another User Message').waitFor();

    await john.goto(conversationUrl);
    await john.getByRole('radio', { name: 'Internal note' }).check();
    await john.getByLabel('Message', { exact: true }).fill('Amanda pays late: check with finance first.');
    await john.getByRole('button', { name: 'Add Note' }).click();
    const note = thread(john).getByRole('article', { name: /^Internal note/ });
    await note.getByText('Amanda pays late').waitFor();
    expect(await note.getByText('Internal note').count()).toBe(1);
    await thread(charlie).getByText('Amanda pays late').waitFor({ timeout: LIVE_WAIT });
    // back to Reply for the answer the customer sees
    await john.getByRole('radio', { name: 'Reply' }).check();
    await john.getByLabel('Message', { exact: true }).fill('Your parts leave the warehouse on Monday.');
    await john.getByRole('button', { name: 'Add Message' }).click();
    await thread(john).getByText('Your parts leave the warehouse on Monday.').waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-conversation-participants-note', { docs: false });

    const narrow = await pages.newPage(375, 800);
    await signIn(narrow, server.url, 'backoffice', 'john@parley.example');
    await narrow.goto(conversationUrl);
    await thread(narrow).getByText('Amanda pays late').waitFor();
    await narrow.getByRole('radio', { name: 'Internal note' }).check();
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'backoffice-conversation-note-375', { docs: false });

    const amanda = await pages.newPage();
    await signIn(amanda, server.url, 'storefront', 'amanda@acme.example');
    const id = conversationUrl.split('/').pop();
    await amanda.goto(`${server.url}/conversations?conversation=${id}`);
    await thread(amanda).getByText('Your parts leave the warehouse on Monday.').waitFor();
    await thread(amanda).getByText('Another User Message').waitFor();
    expect(await amanda.getByText('Amanda pays late').count()).toBe(0);
    expect(await amanda.getByText('Internal note').count()).toBe(0);
    await screenshot(amanda, 'storefront-conversation-without-note', { docs: false });
  });

  it('Settings > Routing sets the default owner; the grid has an Unassigned view', async () => {
    await john.goto(`${server.url}/admin/settings/routing`);
    await john.getByRole('heading', { name: 'Routing', level: 1 }).waitFor();
    await john.getByLabel('Default owner').selectOption({ label: 'Charlie Sheen' });
    await john.getByRole('button', { name: 'Save' }).click();
    await john.getByRole('status').getByText('Saved.').waitFor();
    await john.reload();
    await expect.poll(() => john.locator('#routing-owner option:checked').textContent()).toBe('Charlie Sheen');
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-routing', { docs: false });

    await john.goto(`${server.url}/admin/conversations`);
    await john.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Unassigned' }).click();
    await john.getByRole('heading', { name: 'Unassigned', level: 1 }).waitFor();
    expect(new URL(john.url()).searchParams.get('owner')).toBe('none');
  });
});
