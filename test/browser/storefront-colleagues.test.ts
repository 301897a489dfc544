// Colleagues on a storefront conversation, in a browser: a customer
// Administrator adds a colleague of a sub-customer and takes them out again
// (each change told in the thread), a Buyer is offered only their own
// customer's colleagues, the back-office picker offers the customer's whole
// tree, and PARLEY_STOREFRONT_PARTICIPANTS=off hides it all on the storefront.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, horizontalOverflow, screenshot, seriousViolations, signIn, thread, type Pages, withServerAndPages } from '../support/web';

const people = (page: Page) => page.locator('details.colleagues');
const taking = (page: Page) => page.getByRole('list', { name: 'Taking part' }).locator('.colleague-name');

async function amandasConversation(server: RunningServer, subject: string) {
  const amanda = await apiAs(server.url, 'storefront', 'amanda@acme.example');
  const created = await amanda<{ conversation: { id: number } }>('POST', '/conversations', {
    subject,
    message: 'Who handles the invoice?',
  });
  return created.conversation.id;
}

describe.skipIf(!chromiumAvailable())('storefront colleagues in a browser', () => {
  let server: RunningServer;
  let pages: Pages;
  let id = 0;

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    id = await amandasConversation(server, 'Invoice address');
  });

  it('an Administrator adds a colleague of the customer tree and takes them out; both are told in the thread', async () => {
    const marlene = await pages.newPage();
    await signIn(marlene, server.url, 'storefront', 'marlene@acme.example');
    await marlene.goto(`${server.url}/conversations?conversation=${id}`);
    await thread(marlene).getByText('Who handles the invoice?').waitFor();
    await people(marlene).getByText('People · 1').click();
    const add = marlene.getByRole('combobox', { name: 'Add colleague' });
    await add.fill('Ruth');
    await marlene
      .getByRole('listbox', { name: 'Colleagues' })
      .getByRole('option', { name: /Ruth Ortiz/ })
      .waitFor();
    await add.press('Enter');
    await expect.poll(() => taking(marlene).allTextContents()).toEqual(['Amanda Cole', 'Ruth Ortiz']);
    await thread(marlene).getByText('Marlene Bradley added Ruth Ortiz').waitFor();
    expect(await marlene.getByRole('button', { name: 'Remove Amanda Cole' }).count()).toBe(0);
    expect(await seriousViolations(marlene)).toEqual([]);
    await screenshot(marlene, 'storefront-colleagues', { docs: false });

    await marlene.getByRole('button', { name: 'Remove Ruth Ortiz' }).click();
    await expect.poll(() => taking(marlene).allTextContents()).toEqual(['Amanda Cole']);
    await thread(marlene).getByText('Marlene Bradley removed Ruth Ortiz').waitFor();
  });

  it('a Buyer is offered only colleagues of their own customer, at 375 px too', async () => {
    const amanda = await pages.newPage(375, 800);
    await signIn(amanda, server.url, 'storefront', 'amanda@acme.example');
    await amanda.goto(`${server.url}/conversations?conversation=${id}`);
    await thread(amanda).getByText('Marlene Bradley removed Ruth Ortiz').waitFor();
    await people(amanda)
      .getByText(/People · \d/)
      .click();
    const add = amanda.getByRole('combobox', { name: 'Add colleague' });
    await add.fill('Ruth');
    await amanda.getByRole('listbox', { name: 'Colleagues' }).getByText('Nobody else matches.').waitFor();
    await add.fill('Marl');
    await amanda
      .getByRole('listbox', { name: 'Colleagues' })
      .getByRole('option', { name: /Marlene Bradley/ })
      .click();
    await expect.poll(() => taking(amanda).allTextContents()).toEqual(['Amanda Cole', 'Marlene Bradley']);
    expect(await horizontalOverflow(amanda)).toBeLessThanOrEqual(375);
    await screenshot(amanda, 'storefront-colleagues-375', { docs: false });
  });

  it("the back-office picker offers customer users of the customer's whole tree", async () => {
    const john = await pages.newPage();
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    await john.goto(`${server.url}/admin/conversations/${id}`);
    await john.getByLabel('Add participant').fill('Ruth');
    // Ruth is of Acme West, a sub-customer of Acme, whose conversation this is
    await john
      .getByRole('listbox', { name: 'People' })
      .getByRole('option', { name: /Ruth Ortiz.*Acme West/ })
      .click();
    await expect
      .poll(() => john.getByRole('region', { name: 'Participants' }).locator('.participant-name').allTextContents())
      .toContain('Ruth Ortiz');
  });
});

describe.skipIf(!chromiumAvailable())('storefront colleagues turned off', () => {
  let server: RunningServer;
  let pages: Pages;

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100', PARLEY_STOREFRONT_PARTICIPANTS: 'off' }, (started, opened) => {
    server = started;
    pages = opened;
  });

  it('PARLEY_STOREFRONT_PARTICIPANTS=off hides People and Add colleague', async () => {
    const id = await amandasConversation(server, 'No colleagues here');
    const marlene = await pages.newPage();
    await signIn(marlene, server.url, 'storefront', 'marlene@acme.example');
    await marlene.goto(`${server.url}/conversations?conversation=${id}`);
    await thread(marlene).getByText('Who handles the invoice?').waitFor();
    expect(await people(marlene).count()).toBe(0);
    expect(await marlene.getByRole('combobox', { name: 'Add colleague' }).count()).toBe(0);
  });
});
