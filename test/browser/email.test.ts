// Email in Debian's Chromium against the built server, with no SMTP server
// (so every mail is kept in the outbox) and no notification delay: Amanda
// (Buyer) sets her email preferences (no digest offered to a Buyer), a new
// conversation of hers notifies its owner, and John (Administrator) reads
// that mail in Settings > Email > Outbox, and the mail itself as a mail client
// renders its HTML. Screenshots at 1280 and 375 px.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, horizontalOverflow, screenshot, seriousViolations, signIn, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

/** A conversation Amanda starts through the API, as her browser would. */
async function amandaAsks(subject: string) {
  const session = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'amanda@acme.example', password: 'parley-demo' }),
  });
  const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const created = await fetch(`${server.url}/api/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ subject, message: 'Is **SO-1001** on its way?' }),
  });
  expect(created.status).toBe(201);
}

describe.skipIf(!chromiumAvailable())('email in a browser', () => {
  withServerAndPages({ PARLEY_NOTIFY_DELAY_S: '0', PARLEY_SIGNIN_PER_EMAIL: '100' }, (started, opened) => {
    server = started;
    pages = opened;
  });

  it('lets a Buyer choose her email preferences, saved at once', async () => {
    const amanda: Page = await pages.newPage();
    await signIn(amanda, server.url, 'storefront', 'amanda@acme.example');
    await amanda.getByRole('link', { name: 'Email preferences' }).click();
    await amanda.getByRole('heading', { name: 'Email preferences', level: 1 }).waitFor();
    const delay = amanda.getByLabel('One email a few minutes after a message I have not read');
    await delay.waitFor();
    expect(await delay.isChecked()).toBe(true);
    expect(await amanda.getByLabel('A daily digest').count()).toBe(0);
    await amanda.getByLabel('Never').click();
    await amanda.getByText('Saved.').waitFor();
    await amanda.reload();
    await amanda.getByLabel('Never').waitFor();
    expect(await amanda.getByLabel('Never').isChecked()).toBe(true);
    expect(await seriousViolations(amanda)).toEqual([]);
    await screenshot(amanda, 'storefront-email-preferences');
    await delay.click();
    await amanda.getByText('Saved.').waitFor();

    const narrow = await pages.newPage(375, 800);
    await signIn(narrow, server.url, 'storefront', 'amanda@acme.example');
    await narrow.goto(`${server.url}/email-preferences`);
    await narrow.getByLabel('Never').waitFor();
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'storefront-email-preferences-375');
  });

  it('shows an Administrator the mails kept in the outbox, with their text and headers', async () => {
    const subject = `Outbox ${randomUUID().slice(0, 8)}`;
    await amandaAsks(subject);
    const john = await pages.newPage();
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    await john.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Email: Outbox' }).click();
    await john.getByRole('heading', { name: 'Outbox', level: 1 }).waitFor();
    const row = john.getByRole('button', { name: `${subject}: a new message` });
    for (let i = 0; i < 40 && (await row.count()) === 0; i++) {
      await john.waitForTimeout(500);
      await john.getByRole('button', { name: 'Refresh' }).click();
    }
    await row.click();
    await john.getByRole('heading', { name: `${subject}: a new message`, level: 2 }).waitFor();
    await john.getByText('## Reply above this line ##').waitFor();
    await john.getByText('List-Unsubscribe-Post').waitFor();
    expect(await john.getByRole('table', { name: 'Outbox' }).getByText('Kept (no SMTP server)').count()).toBeGreaterThan(0);
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-outbox');

    const narrow = await pages.newPage(375, 800);
    await signIn(narrow, server.url, 'backoffice', 'john@parley.example');
    await narrow.goto(`${server.url}/admin/settings/email/outbox`);
    await narrow.getByRole('table', { name: 'Outbox' }).waitFor();
    await screenshot(narrow, 'backoffice-outbox-375');
  });

  it('renders a notification as a mail client shows it: greeting, the message in light Markdown, a link, no images', async () => {
    const subject = `Rendered ${randomUUID().slice(0, 8)}`;
    await amandaAsks(subject);
    const john = await apiAs(server.url, 'backoffice', 'john@parley.example');
    type Listed = { items: { id: number; subject: string }[] };
    let id: number | undefined;
    for (let i = 0; i < 40 && id === undefined; i++) {
      id = (await john<Listed>('GET', '/mail/outbox')).items.find((m) => m.subject === `${subject}: a new message`)?.id;
      if (id === undefined) await new Promise((r) => setTimeout(r, 500));
    }
    const mail = await john<{ html: string; to: string }>('GET', `/mail/outbox/${id!}`);
    const page = await pages.newPage(720, 560);
    await page.setContent(mail.html);
    await page.getByText(`You have a new message in "${subject}".`).waitFor();
    expect(await page.locator('strong', { hasText: 'SO-1001' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Open the conversation' }).getAttribute('href')).toMatch(
      /^http:\/\/localhost:3000\/admin\/conversations\/\d+$/,
    );
    expect(await page.locator('img, script').count()).toBe(0);
    await screenshot(page, 'mail-notification');
  });
});
