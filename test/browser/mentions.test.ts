// Mentions in a browser: `@` in the back-office composer suggests staff
// (arrows, Enter or Tab, Escape), the message names them, the mentioned
// colleague is told live and finds the conversation under Mentions.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, horizontalOverflow, screenshot, seriousViolations, signIn, thread, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;
const LIVE_WAIT = 5_000;

function lateFrames() {
  const frame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => window.setTimeout(() => frame(callback), 150);
}

describe.skipIf(!chromiumAvailable())('mentions in a browser', () => {
  let john: Page;
  let charlie: Page;
  let conversationUrl = '';
  const name = 'Spare parts for the press';

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    const api = await apiAs(server.url, 'backoffice', 'john@parley.example');
    const users = await api<{ items: { id: number; email: string }[] }>('GET', '/customer-users?q=amanda');
    const created = await api<{ conversation: { id: number } }>('POST', '/conversations', {
      name,
      customerUserId: users.items[0]!.id,
      message: 'We have your request.',
    });
    conversationUrl = `${server.url}/admin/conversations/${created.conversation.id}`;
    // John's frames come late, as on a loaded machine: a pick must still leave the caret where typing goes on
    john = await pages.newPage(1280, 800, (context) => context.addInitScript(lateFrames));
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    charlie = await pages.newPage();
    await signIn(charlie, server.url, 'backoffice', 'charlie@parley.example');
  });

  const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Mention a colleague' });

  it('suggests staff after @, picks with the keyboard, and tells the mentioned colleague live', async () => {
    await john.goto(conversationUrl);
    await thread(john).getByText('We have your request.').waitFor();
    const box = john.getByLabel('Message', { exact: true });
    await box.click();
    await box.pressSequentially('Hello @Cha');
    await suggestions(john)
      .getByRole('option', { name: /Charlie Sheen/ })
      .waitFor();
    // John does not mention himself
    expect(
      await suggestions(john)
        .getByRole('option', { name: /John Doe/ })
        .count(),
    ).toBe(0);
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-mention-suggestions', { docs: false });
    // Escape closes the list, and it stays closed while that word is typed on; a new @ opens it again
    await box.press('Escape');
    await expect.poll(() => suggestions(john).count()).toBe(0);
    await box.press('r');
    expect(await suggestions(john).count()).toBe(0);
    await box.fill('');
    await box.pressSequentially('Hello @Char');
    await suggestions(john)
      .getByRole('option', { name: /Charlie Sheen/ })
      .waitFor();
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Hello @Charlie Sheen ');
    // typed at a person's pace, while the late frame after the pick comes in
    await box.pressSequentially('can you check the stock?', { delay: 20 });
    await box.press('Enter');
    await thread(john).getByText('Hello @Charlie Sheen can you check the stock?').waitFor();

    const toast = charlie.getByRole('status', { name: 'Notifications' });
    await toast.getByText('John Doe mentioned you in').waitFor({ timeout: LIVE_WAIT });
    await screenshot(charlie, 'backoffice-mention-toast', { docs: false });
    await toast.getByRole('link', { name }).click();
    await charlie.getByRole('heading', { name: new RegExp(name), level: 1 }).waitFor();
    await expect
      .poll(() => charlie.getByRole('region', { name: 'Participants' }).locator('.participant-name').allTextContents())
      .toContain('Charlie Sheen');
  });

  it('Tab picks too, in an internal note; the Mentions view lists the conversation', async () => {
    await charlie.goto(conversationUrl);
    await charlie.getByRole('radio', { name: 'Internal note' }).check();
    const box = charlie.getByLabel('Message', { exact: true });
    await box.click();
    await box.pressSequentially('@jo');
    await suggestions(charlie)
      .getByRole('option', { name: /John Doe/ })
      .waitFor();
    await box.press('Tab');
    await expect.poll(() => box.inputValue()).toBe('@John Doe ');
    await box.pressSequentially('stock is fine');
    await charlie.getByRole('button', { name: 'Add Note' }).click();
    await thread(charlie).getByText('@John Doe stock is fine').waitFor();

    await john.goto(`${server.url}/admin/conversations`);
    await john.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Mentions' }).click();
    await john.getByRole('heading', { name: 'Mentions', level: 1 }).waitFor();
    await john.getByRole('link', { name }).first().waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-mentions-view', { docs: false });

    const narrow = await pages.newPage(375, 800);
    await signIn(narrow, server.url, 'backoffice', 'john@parley.example');
    await narrow.goto(conversationUrl);
    const small = narrow.getByLabel('Message', { exact: true });
    await small.click();
    await small.pressSequentially('@ch');
    await suggestions(narrow)
      .getByRole('option', { name: /Charlie Sheen/ })
      .waitFor();
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'backoffice-mention-suggestions-375', { docs: false });

    // told live at 375 px too
    const asCharlie = await apiAs(server.url, 'backoffice', 'charlie@parley.example');
    const johnId = (await asCharlie<{ items: { id: number; name: string }[] }>('GET', '/users')).items.find(
      (u) => u.name === 'John Doe',
    )!.id;
    await asCharlie('POST', `${new URL(conversationUrl).pathname.replace('/admin', '')}/messages`, {
      body: '@John Doe one more thing',
      mentions: [johnId],
    });
    await narrow.getByRole('status', { name: 'Notifications' }).getByText('Charlie Sheen mentioned you in').waitFor({ timeout: LIVE_WAIT });
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'backoffice-mention-toast-375', { docs: false });
  });
});
