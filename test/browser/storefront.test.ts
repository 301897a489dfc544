// The seed's storefront pages end to end in Debian's Chromium against the
// built server with fresh demo data: Amanda asks, reads and replies; the
// back-office answers through its API; other customers see what they may.
// A long thread and the polling fallback are in storefront-thread.test.ts.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { textOf } from '../live/client';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import {
  apiAs,
  horizontalOverflow,
  screenshot,
  seriousViolations,
  signIn as signInOn,
  thread,
  type Pages,
  withServerAndPages,
} from '../support/web';

const BLANK = 'This value should not be blank.';
const XSS_SUBJECT = '<img src=x onerror=alert(1)>';
const XSS_BODY = '[x](javascript:alert(1)) and <script>alert(2)</script> and [ok](https://example.com/)';

let server: RunningServer;
let pages: Pages;
let amanda: Page;

const newPage = (width?: number, height?: number) => pages.newPage(width, height);
const signIn = (page: Page, email: string) => signInOn(page, server.url, 'storefront', email);
const conversationId = (page: Page) => Number(new URL(page.url()).searchParams.get('conversation'));

/** The back-office side, through its own API and session, as the brief's staff would act. */
async function backoffice(email: string) {
  const api = await apiAs(server.url, 'backoffice', email);
  const post = (path: string, body: unknown = {}) => api('POST', path, body);
  /** "I am typing" over the back-office's live socket, as its reply box sends it */
  const typing = async (conversationId: number) => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/admin/api/live`, { headers: { cookie: api.cookie } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'resume', lastEventId: null }));
    await new Promise((resolve) => socket.on('message', (data) => textOf(data).includes('"ready"') && resolve(null)));
    socket.send(JSON.stringify({ type: 'typing', conversationId }));
    return () => socket.close();
  };
  return Object.assign(post, { typing });
}

describe.skipIf(!chromiumAvailable())('storefront in a browser', () => {
  withServerAndPages({}, async (started, opened) => {
    server = started;
    pages = opened;
  });

  it('signs in: a wrong password says so, then the seeded unread count shows and drops on reading', async () => {
    amanda = await newPage();
    await amanda.goto(`${server.url}/`);
    await expect.poll(() => new URL(amanda.url()).pathname).toBe('/sign-in');
    expect(await seriousViolations(amanda)).toEqual([]);

    await amanda.getByLabel('Email').fill('amanda@acme.example');
    await amanda.getByLabel('Password').fill('wrong-password');
    await amanda.getByRole('button', { name: 'Sign In' }).click();
    await amanda
      .getByRole('alert')
      .filter({ hasText: /password is wrong/ })
      .waitFor();

    await signIn(amanda, 'amanda@acme.example');
    expect(new URL(amanda.url()).pathname).toBe('/conversations');
    const nav = amanda.getByRole('navigation', { name: 'Profiles & Addresses' });
    for (const name of ['Conversations', 'Orders', 'Requests for Quote', 'Quotes']) {
      await nav.getByRole('link', { name }).waitFor();
    }
    await expect.poll(() => nav.getByRole('link', { name: 'Conversations' }).textContent()).toContain('2');

    await amanda.getByRole('link', { name: /^Order SO-1001/ }).click();
    await thread(amanda).getByRole('separator', { name: 'Unread Messages' }).waitFor();
    await amanda.getByRole('heading', { name: 'Order SO-1001', level: 2 }).waitFor();
    await expect.poll(() => amanda.getByTestId('unread-total').count()).toBe(0);
    expect(await amanda.locator('.conversation-item .badge').count()).toBe(0);
  });

  it('asks two questions from order SO-1001 and opens one from the Questions dropdown', async () => {
    await amanda.getByRole('navigation', { name: 'Profiles & Addresses' }).getByRole('link', { name: 'Orders' }).click();
    await amanda.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await amanda.getByRole('link', { name: 'SO-1001' }).click();
    await amanda.getByRole('heading', { name: 'Order SO-1001', level: 1 }).waitFor();
    expect(await seriousViolations(amanda)).toEqual([]);

    const ask = async (subject: string | null, message: string) => {
      await amanda.getByRole('button', { name: 'Questions' }).click();
      await amanda.getByRole('menuitem', { name: 'Ask New Question' }).click();
      const form = amanda.getByRole('dialog', { name: 'Ask A Question' });
      expect(await form.getByLabel('Subject').inputValue()).toBe('Order SO-1001');
      if (subject) await form.getByLabel('Subject').fill(subject);
      await form.getByLabel('Your Message').fill(message);
      await form.getByRole('button', { name: 'Send' }).click();
      await form.waitFor({ state: 'detached' });
      // the new conversation opens (issue 17, defect 10); Back returns to the order
      await thread(amanda).getByText(message).waitFor();
      await amanda.goBack();
      await amanda.getByRole('heading', { name: 'Order SO-1001', level: 1 }).waitFor();
    };
    await ask(null, 'When will the rest of the order ship?');
    await amanda.getByRole('button', { name: 'Questions' }).click();
    await amanda.getByRole('menuitem', { name: /When will the rest of the order ship\?/ }).waitFor();
    await amanda.keyboard.press('Escape');

    await ask('Order SO-1001: invoice copy', 'Could you send a copy of the invoice?');
    await amanda.getByRole('button', { name: 'Questions' }).click();
    const items = amanda.getByRole('menuitem');
    await expect.poll(() => items.count()).toBe(4); // the seeded one, two new, Ask New Question
    expect(await items.last().textContent()).toBe('Ask New Question');
    await amanda.getByRole('menuitem', { name: /invoice copy/ }).click();

    await expect.poll(() => new URL(amanda.url()).pathname).toBe('/conversations');
    await amanda.getByRole('heading', { name: 'Order SO-1001: invoice copy', level: 2 }).waitFor();
    await thread(amanda).getByText('Could you send a copy of the invoice?').waitFor();
    await amanda.locator('.pane').getByRole('link', { name: 'Order SO-1001' }).waitFor();
    expect(await amanda.locator('.pane .status').textContent()).toBe('Active');
  });

  it('a record without questions has Ask A Question, which becomes Questions once asked', async () => {
    await amanda.goto(`${server.url}/quotes`);
    await amanda.getByRole('link', { name: 'Q-3001' }).click();
    await amanda.getByRole('button', { name: 'Ask A Question' }).click();
    const form = amanda.getByRole('dialog', { name: 'Ask A Question' });
    expect(await form.getByLabel('Subject').inputValue()).toBe('Quote Q-3001');
    await form.getByLabel('Your Message').fill('Is this quote valid until January?');
    await form.getByRole('button', { name: 'Send' }).click();
    // the new conversation opens (issue 17, defect 10)
    await amanda.getByRole('heading', { name: 'Quote Q-3001', level: 2 }).waitFor();
    await amanda.locator('.pane').getByRole('link', { name: 'Quote Q-3001' }).click();
    await amanda.getByRole('button', { name: 'Questions' }).click();
    await amanda.getByRole('menuitem', { name: /valid until January/ }).click();
    await amanda.getByRole('heading', { name: 'Quote Q-3001', level: 2 }).waitFor();
  });

  it('creates a conversation: blank fields are refused without sending, then it opens', async () => {
    const posts: string[] = [];
    amanda.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/conversations')) posts.push(r.url());
    });
    await amanda.getByRole('button', { name: 'Create Conversation' }).click();
    const form = amanda.getByRole('dialog', { name: 'New Conversation' });
    await form.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => form.getByText(BLANK).count()).toBe(2);
    expect(await form.getByLabel('Subject').getAttribute('aria-invalid')).toBe('true');
    expect(posts).toEqual([]);

    await form.getByLabel('Subject').fill('Bulk pricing for 2027');
    await form.getByLabel('Your Message').fill('Can we get **volume** pricing?');
    await form.getByRole('button', { name: 'Send' }).click();
    await amanda.getByRole('heading', { name: 'Bulk pricing for 2027', level: 2 }).waitFor();
    await thread(amanda).locator('strong', { hasText: 'volume' }).waitFor();
    await amanda.getByRole('link', { name: /^Bulk pricing for 2027/ }).waitFor();
    expect(posts).toHaveLength(1);
  });

  it('sends with Enter, breaks lines with Shift+Enter, and retries a refused message exactly once', async () => {
    const reply = amanda.getByLabel('Message', { exact: true });
    await reply.fill('First line');
    await reply.press('Shift+Enter');
    await reply.pressSequentially('second line');
    await reply.press('Enter');
    await thread(amanda).locator('.message-body p', { hasText: 'First line' }).locator('br').waitFor({ state: 'attached' });
    expect(await reply.inputValue()).toBe('');

    // the server refuses the first attempt: the message stays, marked failed
    await amanda.route('**/api/conversations/*/messages', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 503, json: { error: { code: 'UNAVAILABLE', message: 'Try later.' } } })
        : route.fallback(),
    );
    await reply.fill('Please confirm the delivery address.');
    await reply.press('Enter');
    const failed = thread(amanda).locator('.message-failed');
    await failed.getByText('Try later.').waitFor();
    await amanda.unroute('**/api/conversations/*/messages');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await failed.waitFor({ state: 'detached' });
    // both messages may still be on their way (posting does not wait for the first)
    await expect.poll(() => thread(amanda).locator('.message-sending').count()).toBe(0);
    await expect.poll(() => thread(amanda).getByText('Please confirm the delivery address.').count()).toBe(1);

    const id = conversationId(amanda);
    const stored = await amanda.request.get(`${server.url}/api/conversations/${id}/messages`);
    const bodies = ((await stored.json()) as { items: { body: string }[] }).items.map((m) => m.body);
    expect(bodies.filter((b) => b === 'Please confirm the delivery address.')).toHaveLength(1);
  });

  it('shows a back-office reply (author name and initials), typing and a close live, without a reload', async () => {
    const id = conversationId(amanda);
    const charlie = await backoffice('charlie@parley.example');
    await charlie(`/conversations/${id}/messages`, { body: 'Yes, **confirmed** for Friday.' });
    const message = thread(amanda).getByRole('article', { name: /^Charlie Sheen/ });
    // pushed over the live socket: well before the 10 s fallback poll
    await message.waitFor({ timeout: 5_000 });
    expect(await message.locator('.avatar').textContent()).toBe('CS');
    expect(await message.locator('.message-body').textContent()).toBe('Yes, confirmed for Friday.');
    // the pane was open: it is read at once, so no badge comes back
    await amanda.waitForTimeout(500);
    expect(await amanda.getByTestId('unread-total').count()).toBe(0);

    // Charlie starts typing: the pane says so, and the note goes once his message lands
    const stopTyping = await charlie.typing(id);
    const typingNote = amanda.locator('.typing-note');
    await expect.poll(() => typingNote.textContent(), { timeout: 5_000 }).toBe('Charlie Sheen is typing…');
    expect(await typingNote.getAttribute('aria-live')).toBe('polite');
    await charlie(`/conversations/${id}/messages`, { body: 'One more thing.' });
    await expect.poll(() => typingNote.textContent(), { timeout: 5_000 }).toBe('');
    stopTyping();

    // closed by the back-office while open: the reply box gives way to the note
    await charlie(`/conversations/${id}/close`);
    await amanda.getByRole('note').filter({ hasText: 'This conversation is closed.' }).waitFor({ timeout: 5_000 });
    await thread(amanda).getByText('Charlie Sheen closed the conversation.').waitFor();
    expect(await amanda.getByLabel('Message', { exact: true }).count()).toBe(0);
    expect(await amanda.locator('.pane .status').textContent()).toBe('Closed');
  });

  it('a closed conversation has no reply box and says why; the page passes axe; screenshot', async () => {
    // ten unread replies elsewhere: the badges say "9+" (and show in the screenshot)
    const charlie = await backoffice('charlie@parley.example');
    for (let n = 1; n <= 10; n++) await charlie('/conversations/2/messages', { body: `Express shipping option ${n}.` });
    await amanda.getByRole('link', { name: /^Payment terms/ }).click();
    await amanda.getByRole('heading', { name: 'Payment terms', level: 2 }).waitFor();
    expect(await amanda.locator('.pane .status').textContent()).toBe('Closed');
    await amanda.getByRole('note').filter({ hasText: 'This conversation is closed.' }).waitFor();
    expect(await amanda.getByLabel('Message', { exact: true }).count()).toBe(0);
    expect(await seriousViolations(amanda)).toEqual([]);

    // the seeded "Order SO-1001" (the questions asked above share its name)
    await amanda.locator('a[href="/conversations?conversation=1"]').click();
    await thread(amanda).getByText('Anything else I can help with?').waitFor();
    expect(await seriousViolations(amanda)).toEqual([]);
    const badge = amanda.locator('a[href="/conversations?conversation=2"] .badge');
    await badge.waitFor({ timeout: 15_000 });
    expect(await badge.textContent()).toBe('9+ unread');
    expect(await amanda.getByTestId('unread-total').textContent()).toBe('9+ unread');
    await amanda.mouse.move(0, 0);
    await screenshot(amanda, 'storefront-conversations');
  });

  it('renders HTML and javascript: links from subjects and messages as text, running nothing', async () => {
    await amanda.getByRole('button', { name: 'Create Conversation' }).click();
    const form = amanda.getByRole('dialog', { name: 'New Conversation' });
    await form.getByLabel('Subject').fill(XSS_SUBJECT);
    await form.getByLabel('Your Message').fill(XSS_BODY);
    await form.getByRole('button', { name: 'Send' }).click();
    const title = amanda.getByRole('heading', { level: 2, name: XSS_SUBJECT });
    await title.waitFor();
    const body = thread(amanda).locator('.message-body').last();
    await expect.poll(() => body.textContent()).toContain('<script>alert(2)</script>');
    expect(await body.textContent()).toContain('[x](javascript:alert(1))');
    expect(await amanda.locator('img[src="x"], .thread script, a[href^="javascript"]').count()).toBe(0);
    const safe = body.getByRole('link', { name: 'ok' });
    expect(await safe.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await safe.getAttribute('target')).toBe('_blank');
    await amanda.reload();
    await title.waitFor();
    await amanda.waitForTimeout(300);
    expect(pages.dialogs).toEqual([]);
  });

  it('at 375 px the list and the conversation are separate views with Back, and nothing overflows', async () => {
    const narrow = await newPage(375, 740);
    await signIn(narrow, 'amanda@acme.example');
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await narrow
      .getByRole('link', { name: /^Order SO-1001(?!:)/ })
      .first()
      .click();
    await narrow.getByRole('heading', { name: 'Order SO-1001', level: 2 }).waitFor();
    expect(await narrow.getByRole('heading', { name: 'Conversations', level: 1 }).isVisible()).toBe(false);
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'storefront-conversation-375');

    await narrow.getByRole('button', { name: 'Back' }).click();
    await narrow.getByRole('heading', { name: 'Conversations', level: 1 }).waitFor();
    expect(await narrow.getByRole('heading', { name: 'Order SO-1001', level: 2 }).count()).toBe(0);

    await narrow.goto(`${server.url}/orders`);
    await narrow.getByRole('link', { name: 'SO-1001' }).click();
    await narrow.getByRole('button', { name: 'Questions' }).click();
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
  });

  it('Marlene sees Amanda’s and Ruth’s conversations; Nancy sees none of them', async () => {
    const marlene = await newPage();
    await signIn(marlene, 'marlene@acme.example');
    await marlene.getByRole('link', { name: /^Order SO-1101/ }).waitFor();
    await marlene.getByRole('link', { name: /^Payment terms/ }).waitFor();
    await marlene.getByRole('link', { name: /^Order SO-1101/ }).click();
    await marlene.locator('.pane').getByText('Started by Ruth Ortiz').waitFor();
    await thread(marlene).locator('.message').first().waitFor();
    expect(await thread(marlene).getByRole('separator', { name: 'Unread Messages' }).count()).toBe(0);
    // Ruth's order is Acme West's: Marlene reads the questions about it, and asks hers about Acme's own records
    await marlene.goto(`${server.url}/orders`);
    await marlene.getByRole('link', { name: 'SO-1101' }).click();
    await marlene.getByRole('button', { name: 'Questions' }).click();
    await marlene.getByRole('menuitem', { name: /^Order SO-1101/ }).waitFor();
    expect(await marlene.getByRole('menuitem', { name: 'Ask New Question' }).count()).toBe(0);

    const nancy = await newPage();
    await signIn(nancy, 'nancy@globex.example');
    await nancy.getByRole('link', { name: /^Quote Q-3201/ }).waitFor();
    for (const name of [/^Order SO-1001/, /^Order SO-1101/, /^Payment terms/, /^Bulk pricing/]) {
      expect(await nancy.getByRole('link', { name }).count()).toBe(0);
    }
    await nancy.goto(`${server.url}/conversations?conversation=1`);
    await nancy.locator('.pane').getByRole('alert').waitFor();
    expect(await nancy.locator('.pane').getByRole('alert').count()).toBe(1);

    await nancy.getByRole('button', { name: 'Nancy Sallee' }).click();
    await nancy.getByRole('menuitem', { name: 'Sign Out' }).click();
    await nancy.getByRole('button', { name: 'Sign In' }).waitFor();
    await nancy.goto(`${server.url}/orders`);
    await expect.poll(() => new URL(nancy.url()).pathname).toBe('/sign-in');
  });
});
