// The back-office grid in Debian's Chromium against the built server: a few
// hundred conversations filtered, sorted, paged, deleted and edited in place.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { COL, grid, rows, text, total } from '../support/backoffice-grid';
import type { RunningServer } from '../support/server';
import { apiAs, seriousViolations, signIn, type Pages, withServerAndPages } from '../support/web';

const BLANK = 'This value should not be blank.';

let server: RunningServer;
let pages: Pages;

describe.skipIf(!chromiumAvailable())('back-office grid in a browser', () => {
  let john: Page;

  withServerAndPages({}, async (started, opened) => {
    server = started;
    pages = opened;
    john = await pages.newPage();
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
  });

  it('filters, sorts, pages and deletes a grid of a few hundred conversations', async () => {
    const admin = await apiAs(server.url, 'backoffice', 'john@parley.example');
    const users = { amanda: 1, marlene: 2, ruth: 3, nancy: 4 };
    const N = 240;
    const spec = Array.from({ length: N }, (_, k) => {
      const i = k + 1;
      return {
        name: `Bulk ${String(i).padStart(3, '0')}`,
        customerUserId: Object.values(users)[i % 4]!,
        ownerId: i % 3 === 0 ? null : i % 3 === 1 ? 2 : 1,
        message: i % 5 === 0 ? `Note ${i}` : undefined,
        closed: i % 7 === 0,
      };
    });
    for (let b = 0; b < N; b += 24) {
      await Promise.all(
        spec.slice(b, b + 24).map(async (s) => {
          const { conversation } = await admin<{ conversation: { id: number } }>('POST', '/conversations', {
            name: s.name,
            customerUserId: s.customerUserId,
            ownerId: s.ownerId,
            ...(s.message ? { message: s.message } : {}),
          });
          if (s.closed) await admin('POST', `/conversations/${conversation.id}/close`, {});
        }),
      );
    }
    const count = (f: (s: (typeof spec)[number]) => boolean) => spec.filter(f).length;

    await john.goto(`${server.url}/admin/conversations`);
    await john.getByRole('button', { name: 'Filters' }).click();
    await john.getByLabel('Name', { exact: true }).fill('Bulk');
    await expect.poll(() => total(john).textContent()).toBe(`${N} conversations`);
    expect(john.url()).toContain('name=Bulk');
    expect(await rows(john).count()).toBe(25);
    await john.getByText('Page 1 of 10').waitFor();

    await john.getByLabel('Owner', { exact: true }).selectOption({ label: 'No owner' });
    await expect.poll(() => total(john).textContent()).toBe(`${count((s) => s.ownerId === null)} conversations`);
    await john.getByLabel('Customer User', { exact: true }).fill('Nancy');
    const nancyNoOwner = count((s) => s.ownerId === null && s.customerUserId === users.nancy);
    await expect.poll(() => total(john).textContent()).toBe(`${nancyNoOwner} conversations`);
    // the state is the URL: a reload keeps it
    await john.reload();
    await expect.poll(() => total(john).textContent()).toBe(`${nancyNoOwner} conversations`);
    expect(await text(rows(john).first(), COL.customerUser)).toBe('Nancy Sallee');

    await john.goto(`${server.url}/admin/conversations?name=Bulk&status=closed`);
    await expect.poll(() => total(john).textContent()).toBe(`${count((s) => s.closed)} conversations`);
    await john.goto(`${server.url}/admin/conversations?name=Bulk&messagesMin=1`);
    await expect.poll(() => total(john).textContent()).toBe(`${count((s) => !!s.message)} conversations`);
    await john.goto(`${server.url}/admin/conversations?name=Bulk&customer=Acme+West`);
    await expect.poll(() => total(john).textContent()).toBe(`${count((s) => s.customerUserId === users.ruth)} conversations`);
    const today = new Date().toISOString().slice(0, 10);
    await john.goto(`${server.url}/admin/conversations?name=Bulk&createdFrom=${today}&createdTo=${today}`);
    await expect.poll(() => total(john).textContent()).toBe(`${N} conversations`);

    // sort by Name: ascending, then descending; page size 100 gives 3 pages
    await john.goto(`${server.url}/admin/conversations?name=Bulk`);
    await expect.poll(() => total(john).textContent()).toBe(`${N} conversations`);
    await grid(john).getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(() => text(rows(john).first(), COL.name)).toBe('Bulk 001');
    expect(await text(rows(john).nth(1), COL.name)).toBe('Bulk 002');
    expect(john.url()).toContain('sort=name');
    await grid(john).getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(() => text(rows(john).first(), COL.name)).toBe('Bulk 240');
    await grid(john).getByRole('button', { name: 'Messages', exact: true }).click();
    await expect.poll(() => text(rows(john).first(), COL.messages)).toBe('1');
    await john.getByLabel('Per page').selectOption('100');
    await john.getByText('Page 1 of 3').waitFor();
    await john.getByRole('button', { name: 'Next page' }).click();
    await john.getByText('Page 2 of 3').waitFor();
    expect(john.url()).toContain('page=2');

    // delete one, with confirmation
    await john.goto(`${server.url}/admin/conversations?name=Bulk&sort=name&order=asc`);
    await expect.poll(() => text(rows(john).first(), COL.name)).toBe('Bulk 001');
    // by keyboard: Escape cancels and gives focus back to the row's actions button
    const actions = john.getByRole('button', { name: 'Actions for Bulk 001' });
    await actions.focus();
    await john.keyboard.press('Enter');
    await john.getByRole('button', { name: 'Delete', exact: true }).focus();
    await john.keyboard.press('Enter');
    await john.getByRole('dialog', { name: 'Delete conversation' }).waitFor();
    await john.keyboard.press('Escape');
    await expect.poll(() => john.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => john.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Actions for Bulk 001');
    expect(await text(rows(john).first(), COL.name)).toBe('Bulk 001');

    await actions.click();
    await john.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = john.getByRole('dialog', { name: 'Delete conversation' });
    await dialog.getByText('Delete "Bulk 001"').waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => total(john).textContent()).toBe(`${N - 1} conversations`);
    expect(await text(rows(john).first(), COL.name)).toBe('Bulk 002');

    // delete several
    for (const name of ['Bulk 002', 'Bulk 003', 'Bulk 004']) await john.getByLabel(`Select ${name}`).check();
    await john.getByRole('button', { name: 'Delete selected (3)' }).click();
    await john.getByRole('dialog', { name: 'Delete 3 conversations' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => total(john).textContent()).toBe(`${N - 4} conversations`);
    expect(await text(rows(john).first(), COL.name)).toBe('Bulk 005');

    // inline edit of the Name and the Owner
    await john.getByRole('button', { name: 'Rename Bulk 005' }).click();
    await john.getByRole('textbox', { name: 'Name of Bulk 005' }).fill('Bulk 005 renamed');
    await john.keyboard.press('Enter');
    await expect.poll(() => text(rows(john).first(), COL.name)).toBe('Bulk 005 renamed');
    await john.getByRole('button', { name: 'Change owner of Bulk 005 renamed' }).click();
    await john.getByRole('combobox', { name: 'Owner of Bulk 005 renamed' }).selectOption({ label: 'John Doe' });
    await john.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => text(rows(john).first(), COL.owner)).toBe('John Doe');
    await john.reload();
    await expect.poll(() => text(rows(john).first(), COL.owner)).toBe('John Doe');

    // Edit from the row menu: a dialog with Name and Owner
    await john.getByRole('button', { name: 'Actions for Bulk 007' }).click();
    await john.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = john.getByRole('dialog', { name: 'Edit Bulk 007' });
    expect(await edit.getByLabel('Owner').locator('option:checked').textContent()).toBe('Charlie Sheen');
    await edit.getByLabel('Name').fill(' ');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText(BLANK).waitFor();
    await edit.getByLabel('Name').fill('Bulk 007 edited');
    await edit.getByLabel('Owner').selectOption({ label: 'No owner' });
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => text(rows(john).nth(2), COL.name)).toBe('Bulk 007 edited');
    expect(await text(rows(john).nth(2), COL.owner)).toBe('No owner');
  });
});
