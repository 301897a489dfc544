// Saved replies in a browser: Settings > Saved replies adds personal ones (and
// for Administrators shared ones), and `/` at the start of the back-office
// composer opens a palette that searches them; the one picked is inserted
// with the conversation's values, and a variable without a value is pointed out.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, horizontalOverflow, screenshot, seriousViolations, signIn, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

describe.skipIf(!chromiumAvailable())('saved replies in a browser', () => {
  let john: Page;
  let charlie: Page;
  const urls = { withRecord: '', without: '' };

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    const api = await apiAs(server.url, 'backoffice', 'john@parley.example');
    const amanda = (await api<{ items: { id: number }[] }>('GET', '/customer-users?q=amanda')).items[0]!.id;
    const so1001 = (await api<{ items: { id: number }[] }>('GET', '/records?q=SO-1001')).items[0]!.id;
    for (const [key, recordId] of [
      ['withRecord', so1001],
      ['without', undefined],
    ] as const) {
      const created = await api<{ conversation: { id: number } }>('POST', '/conversations', {
        name: `Replies ${key}`,
        customerUserId: amanda,
        ...(recordId ? { recordId } : {}),
      });
      urls[key] = `${server.url}/admin/conversations/${created.conversation.id}`;
    }
    john = await pages.newPage();
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    charlie = await pages.newPage();
    await signIn(charlie, server.url, 'backoffice', 'charlie@parley.example');
  });

  const palette = (page: Page) => page.getByRole('listbox', { name: 'Saved replies' });

  async function addReply(page: Page, title: string, text: string, shared = false) {
    const form = page.getByRole('form', { name: 'New saved reply' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Text').fill(text);
    if (shared) await form.getByLabel('Shared with every back-office user').check();
    await form.getByRole('button', { name: 'Add saved reply' }).click();
    await page.getByRole('list', { name: 'Saved replies' }).getByRole('heading', { name: title }).waitFor();
  }

  it('Settings > Saved replies: an Administrator adds a shared one, a Sales Manager a personal one; unknown variables are refused', async () => {
    await john.goto(`${server.url}/admin/settings/saved-replies`);
    await john.getByRole('heading', { name: 'Saved replies', level: 1 }).waitFor();
    await addReply(
      john,
      'Order status',
      'Hello {{customerUser.firstName}}, {{record.number}} is {{record.status}}. {{me.firstName}}',
      true,
    );

    await charlie.goto(`${server.url}/admin/settings/saved-replies`);
    await charlie.getByRole('heading', { name: 'Order status' }).waitFor();
    // a Sales Manager neither shares nor changes a shared reply
    expect(await charlie.getByLabel('Shared with every back-office user').count()).toBe(0);
    expect(await charlie.getByRole('button', { name: 'Edit Order status' }).count()).toBe(0);
    const form = charlie.getByRole('form', { name: 'New saved reply' });
    await form.getByLabel('Title').fill('Bad');
    await form.getByLabel('Text').fill('Hi {{customer.nmae}}');
    await form.getByRole('button', { name: 'Add saved reply' }).click();
    await form.getByText('Unknown variable {{customer.nmae}}.', { exact: false }).waitFor();
    await addReply(charlie, 'Thanks', 'Thank you, {{customer.name}}!');
    // edit and delete a personal one
    await addReply(charlie, 'Draft', 'draft');
    await charlie.getByRole('button', { name: 'Edit Draft' }).click();
    const edit = charlie.getByRole('form', { name: 'Edit Draft' });
    await edit.getByLabel('Title').fill('Draft two');
    await edit.getByRole('button', { name: 'Save' }).click();
    const list = charlie.getByRole('list', { name: 'Saved replies' });
    await list.getByRole('heading', { name: 'Draft two' }).waitFor();
    await charlie.getByRole('button', { name: 'Delete Draft two' }).click();
    await charlie.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => list.getByRole('heading', { name: 'Draft two' }).count()).toBe(0);
    expect(await seriousViolations(charlie)).toEqual([]);
    await screenshot(charlie, 'backoffice-saved-replies', { docs: false });

    const narrow = await pages.newPage(375, 800);
    await signIn(narrow, server.url, 'backoffice', 'charlie@parley.example');
    await narrow.goto(`${server.url}/admin/settings/saved-replies`);
    await narrow.getByRole('heading', { name: 'Thanks' }).waitFor();
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'backoffice-saved-replies-375', { docs: false });
  });

  it('/ opens the palette: search, arrows and Enter insert the reply with the values filled in', async () => {
    await charlie.goto(urls.withRecord);
    const box = charlie.getByLabel('Message', { exact: true });
    await box.click();
    await box.press('/');
    await palette(charlie)
      .getByRole('option', { name: /Order status/ })
      .waitFor();
    await palette(charlie)
      .getByRole('option', { name: /Thanks/ })
      .waitFor();
    expect(await seriousViolations(charlie)).toEqual([]);
    await screenshot(charlie, 'backoffice-reply-palette', { docs: false });
    await box.pressSequentially('stat');
    await expect.poll(() => palette(charlie).getByRole('option').count()).toBe(1);
    await box.press('Backspace');
    await box.press('Backspace');
    await box.press('Backspace');
    await box.press('Backspace');
    // arrows move through both; the active one is the second after one ArrowDown
    await expect.poll(() => palette(charlie).getByRole('option').count()).toBe(2);
    await box.press('ArrowDown');
    await expect.poll(() => palette(charlie).locator('[aria-selected="true"]').textContent()).toContain('Thanks');
    await box.press('ArrowUp');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toMatch(/^Hello Amanda, SO-1001 is \S.*\. Charlie$/);
    // a / later in the text is only a slash
    await box.press('End');
    await box.pressSequentially(' and/or');
    expect(await palette(charlie).count()).toBe(0);
  });

  it('a variable without a value stays as written, and the composer says which to fill in', async () => {
    await charlie.goto(urls.without);
    const box = charlie.getByLabel('Message', { exact: true });
    await box.click();
    await box.pressSequentially('/order');
    await palette(charlie)
      .getByRole('option', { name: /Order status/ })
      .click();
    await expect.poll(() => box.inputValue()).toBe('Hello Amanda, {{record.number}} is {{record.status}}. Charlie');
    await charlie.getByText('Fill in {{record.number}}, {{record.status}}').waitFor();
    await screenshot(charlie, 'backoffice-reply-unfilled', { docs: false });
    // Escape closes the palette without inserting anything
    await box.fill('');
    await box.pressSequentially('/th');
    await palette(charlie)
      .getByRole('option', { name: /Thanks/ })
      .waitFor();
    await box.press('Escape');
    await expect.poll(() => palette(charlie).count()).toBe(0);
    expect(await box.inputValue()).toBe('/th');

    const narrow = await pages.newPage(375, 800);
    await signIn(narrow, server.url, 'backoffice', 'john@parley.example');
    await narrow.goto(urls.withRecord);
    const small = narrow.getByLabel('Message', { exact: true });
    await small.click();
    await small.press('/');
    await palette(narrow)
      .getByRole('option', { name: /Order status/ })
      .waitFor();
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'backoffice-reply-palette-375', { docs: false });
  });
});
