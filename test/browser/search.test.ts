// Search in Debian's Chromium against the built server: the storefront's box
// above the conversations list (results as you type, excerpts with the
// matched words marked and a <script> left as text, ↑/↓ and Enter, Esc to
// clear) and its Active / Closed filter; the back-office's header search and
// Search page with filters. Screenshots at 1280 and 375 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { uniqueWord } from '../support/search';
import { apiAs, horizontalOverflow, screenshot, seriousViolations, signIn, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

describe.skipIf(!chromiumAvailable())('search in a browser', () => {
  const w = uniqueWord();
  let conversationId = 0;

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    const amanda = await apiAs(server.url, 'storefront', 'amanda@acme.example');
    const created = await amanda<{ conversation: { id: number } }>('POST', '/conversations', {
      subject: `Crème brûlée order ${w}`,
      message: `<script>window.__injected = 1</script> Is the crème brûlée for ${w} shipped with the pallets?`,
    });
    conversationId = created.conversation.id;
    await amanda('POST', `/conversations/${conversationId}/messages`, { body: `A second note about ${w}: the invoice.` });
    const john = await apiAs(server.url, 'backoffice', 'john@parley.example');
    await john('POST', `/conversations/${conversationId}/messages`, { body: `Internal: check the ${w} pallets first`, type: 'note' });
  });

  const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search conversations' });
  const results = (page: Page) => page.getByRole('listbox', { name: 'Search results' });

  it('storefront: results as you type, marked excerpts, keyboard, Esc clears; the <script> stays text', async () => {
    const amanda = await pages.newPage();
    await signIn(amanda, server.url, 'storefront', 'amanda@acme.example');
    await searchBox(amanda).pressSequentially(`creme ${w.slice(0, 5)}`, { delay: 20 });
    await expect.poll(() => results(amanda).getByRole('option').count()).toBe(2);
    const marks = await results(amanda).locator('mark').allTextContents();
    expect(marks).toContain('Crème');
    expect(marks.some((m) => m.startsWith(w))).toBe(true);
    expect(await results(amanda).getByRole('option').allTextContents()).toContainEqual(
      expect.stringContaining('<script>window.__injected = 1</script>'),
    );
    expect(await amanda.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(await seriousViolations(amanda)).toEqual([]);
    await screenshot(amanda, 'storefront-search');
    // ↓ then Enter opens the second result's conversation
    await searchBox(amanda).press('ArrowDown');
    await expect.poll(() => results(amanda).getByRole('option', { selected: true }).count()).toBe(1);
    await searchBox(amanda).press('Enter');
    await amanda.waitForURL(`**/conversations?conversation=${conversationId}`);
    await amanda.getByRole('heading', { name: new RegExp(`Crème brûlée order ${w}`) }).waitFor();
    // Esc clears the box and the list comes back
    await searchBox(amanda).press('Escape');
    expect(await searchBox(amanda).inputValue()).toBe('');
    await results(amanda).waitFor({ state: 'detached' });
    await amanda.locator('.conversation-list').first().waitFor();
    // nothing found
    await searchBox(amanda).fill(`${w} nothingmatcheshere`);
    await amanda.getByText('No conversation or message matches').waitFor();
  });

  it('storefront: the Active / Closed filter narrows the list and the search', async () => {
    const amanda = await pages.newPage();
    await signIn(amanda, server.url, 'storefront', 'amanda@acme.example');
    const filter = amanda.getByRole('group', { name: 'Status' });
    await filter.getByRole('button', { name: 'Closed' }).click();
    await expect.poll(() => filter.getByRole('button', { name: 'Closed' }).getAttribute('aria-pressed')).toBe('true');
    const tags = amanda.locator('.conversation-list .conversation-item');
    await expect
      .poll(
        async () =>
          (await tags.count()) === 0 || (await amanda.locator('.conversation-list .status-closed').count()) === (await tags.count()),
      )
      .toBe(true);
    await searchBox(amanda).fill(w);
    await amanda.getByText('No conversation or message matches').waitFor();
    await filter.getByRole('button', { name: 'Active' }).click();
    await expect.poll(() => results(amanda).getByRole('option').count()).toBe(3);
  });

  it('storefront at 375 px: the search box and results fit', async () => {
    const narrow = await pages.newPage(375, 740);
    await signIn(narrow, server.url, 'storefront', 'amanda@acme.example');
    await searchBox(narrow).fill(`${w} crème`);
    await expect.poll(() => results(narrow).getByRole('option').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'storefront-search-375');
  });

  it('back-office: the header suggests conversations, messages and more as you type; Enter opens the Search page', async () => {
    const john = await pages.newPage();
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    const header = john.getByRole('combobox', { name: 'Search' });
    await header.pressSequentially(w.slice(0, 6), { delay: 20 });
    const suggestions = john.getByRole('listbox', { name: 'Search suggestions' });
    await expect.poll(() => suggestions.getByRole('option').count()).toBe(5);
    expect(await suggestions.locator('mark').first().textContent()).toBe(w);
    await screenshot(john, 'backoffice-header-search', { docs: false });
    // ↓ Enter: the first suggestion, its conversation
    await header.press('ArrowDown');
    await header.press('Enter');
    await john.waitForURL(new RegExp(`/admin/conversations/${conversationId}$`));
    // the words and Enter with nothing chosen: the Search page
    await header.fill('crème pallets');
    await header.press('Enter');
    await john.waitForURL(/\/admin\/search\?q=cr%C3%A8me\+pallets/);
    await john.getByRole('heading', { name: 'Search', level: 1 }).waitFor();
  });

  it('back-office: the Search page finds notes too, and its filters narrow the results', async () => {
    const john = await pages.newPage();
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    await john.goto(`${server.url}/admin/search?q=${w}`);
    const list = john.getByRole('list', { name: 'Search results' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(4);
    await john.getByText('4 results').waitFor();
    await list.getByText('Internal note:').waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-search');
    await john.getByLabel('Written by').selectOption('staff');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    expect(john.url()).toContain('authorSide=staff');
    await john.getByLabel('Written by').selectOption('');
    // Ruth wrote none of them; Amanda all
    await john.getByLabel('Customer User').fill('Ruth');
    await john
      .getByRole('listbox', { name: 'Customer users' })
      .getByRole('option', { name: /Ruth Ortiz/ })
      .click();
    await john.getByText('Nothing matches.').waitFor();
    await john.getByLabel('Customer User').fill('Amanda');
    await john
      .getByRole('listbox', { name: 'Customer users' })
      .getByRole('option', { name: /Amanda Cole/ })
      .click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(4);
    expect(john.url()).toMatch(/customerUserId=\d+/);
    await john.getByLabel('Status').selectOption('closed');
    await john.getByText('Nothing matches.').waitFor();

    // a file named after other words: found by its name, and with the message carrying it under "Has attachment"
    const other = uniqueWord();
    const { csrfToken } = (await (await john.request.get(`${server.url}/admin/api/session`)).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const pdf = { name: `${other}-pallets.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') };
    const { id } = (await (
      await john.request.post(`${server.url}/admin/api/attachments`, { headers, multipart: { file: pdf } })
    ).json()) as {
      id: number;
    };
    const post = (data: object) => john.request.post(`${server.url}/admin/api/conversations/${conversationId}/messages`, { headers, data });
    expect((await post({ body: `No photo of the ${other} pallets yet` })).status()).toBe(201);
    expect((await post({ body: `The ${other} pallets`, attachmentIds: [id] })).status()).toBe(201);
    await john.goto(`${server.url}/admin/search?q=${other}`);
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);
    await john.getByLabel('Attachments').selectOption('true');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    const texts = await list.getByRole('listitem').allInnerTexts();
    expect(texts.some((t) => t.includes(`📎 ${other}-pallets.pdf`))).toBe(true);
    expect(texts.some((t) => t.includes(`The ${other} pallets`))).toBe(true);
    expect(john.url()).toContain('hasAttachment=true');
  });

  it('back-office at 375 px: the header search and the Search page fit', async () => {
    const narrow = await pages.newPage(375, 740);
    await signIn(narrow, server.url, 'backoffice', 'john@parley.example');
    await narrow.goto(`${server.url}/admin/search?q=${w}`);
    await expect.poll(() => narrow.getByRole('list', { name: 'Search results' }).getByRole('listitem').count()).toBe(4);
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'backoffice-search-375');
    await narrow.getByRole('combobox', { name: 'Search' }).fill(w);
    await expect.poll(() => narrow.getByRole('listbox', { name: 'Search suggestions' }).getByRole('option').count()).toBe(5);
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'backoffice-header-search-375', { docs: false });
  });
});
