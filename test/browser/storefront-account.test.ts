// The storefront's sign-in paths in Debian's Chromium against the built
// server: "Forgot your password?" (the link's mail waits in the outbox while
// email is not set up, and the page says so), the store's sign-in handoff
// straight into Ask A Question (/sso → /ask?record=order:<id>), a failed
// handoff shown on the sign-in page, and My Account. Screenshots at 1280 and 375 px.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { apiAs, horizontalOverflow, screenshot, seriousViolations, signIn, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

const now = () => Math.floor(Date.now() / 1000);

describe.skipIf(!chromiumAvailable())('storefront sign-in paths in a browser', () => {
  let key: Uint8Array;
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ iat: now(), exp: now() + 120, aud: 'parley', jti: crypto.randomUUID(), ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    // the store's setup: the handoff's shared secret, and an order of a customer user it put in
    const john = await apiAs(server.url, 'backoffice', 'john@parley.example');
    await john('PUT', '/integrations/handoff', { method: 'hs256', audience: 'parley', storeUrl: 'https://shop.example.com/login' });
    key = new TextEncoder().encode((await john<{ secret: string }>('POST', '/integrations/handoff/secret')).secret);
    const { secret } = await john<{ secret: string }>('POST', '/integrations/tokens', {
      label: 'Store',
      scopes: ['directory:write', 'records:write'],
    });
    const store = (path: string, body: unknown) =>
      fetch(`${server.url}/integration/v1${path}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => expect(r.status, path).toBe(201));
    await store('/customers/C-9', { name: 'Initech' });
    await store('/customer-users/U-9', {
      email: 'peter@initech.example',
      firstName: 'Peter',
      lastName: 'Gibbons',
      role: 'buyer',
      customerExternalId: 'C-9',
    });
    await store('/orders/O-9', {
      number: 'SO-9009',
      status: 'Processing',
      total: '10.00',
      currency: 'USD',
      createdAt: '2026-11-01T10:00:00Z',
      customerUserExternalId: 'U-9',
    });
  });

  it('offers “Forgot your password?” and says honestly where the link went', async () => {
    const page = await pages.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot Your Password?' }).waitFor();
    await page.getByRole('button', { name: 'Send Reset Link' }).click();
    await page.getByText('This value should not be blank.').waitFor();
    await page.getByLabel('Email').fill('amanda@acme.example');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send Reset Link' }).click();
    await page.getByText('Email is not set up on this Parley yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'storefront-forgot-password');

    // the link's mail is in the outbox, where John finds it; it sets a new password once
    const john = await apiAs(server.url, 'backoffice', 'john@parley.example');
    const { items } = await john<{ items: { id: number; to: string; kind: string }[] }>('GET', '/mail/outbox');
    const kept = items.find((m) => m.to === 'amanda@acme.example' && m.kind === 'password-reset')!;
    const { text } = await john<{ text: string }>('GET', `/mail/outbox/${kept.id}`);
    const link = /(\/reset-password\?token=[\w-]+)/.exec(text)![1]!;
    await page.goto(`${server.url}${link}`);
    await page.getByRole('textbox', { name: 'New Password', exact: true }).fill('amandas-new-password');
    await page.getByRole('button', { name: 'Set Password' }).click();
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await page.getByRole('link', { name: 'Sign In' }).click();
    await page.getByLabel('Email').fill('amanda@acme.example');
    await page.getByLabel('Password').fill('amandas-new-password');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByRole('heading', { name: 'Conversations', level: 1 }).waitFor();

    // My Account: sign out everywhere
    await page.getByRole('button', { name: /Amanda Cole/ }).click();
    await page.getByRole('menuitem', { name: 'My Account' }).click();
    await page.getByRole('heading', { name: 'My Account' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign Out Everywhere' }).click();
    await page.getByRole('heading', { name: 'Sign In' }).waitFor();
  });

  it('takes the store’s customer straight to Ask A Question for their order', async () => {
    const page = await pages.newPage();
    const token = await sign({ sub: 'U-9' });
    await page.goto(`${server.url}/sso?token=${token}&return=${encodeURIComponent('/ask?record=order:O-9')}`);
    const dialog = page.getByRole('dialog', { name: 'Ask A Question' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Subject').inputValue()).toBe('Order SO-9009');
    expect(page.url()).toMatch(/\/orders\/\d+\?ask=1$/);
    await dialog.getByLabel('Your Message').fill('When will it ship?');
    await dialog.getByRole('button', { name: 'Send' }).click();
    // issue 17, defect 10: the new conversation opens
    await page.waitForURL(/\/conversations\?conversation=\d+$/);
    await page.getByRole('log', { name: 'Messages' }).getByText('When will it ship?').waitFor();

    // the next deep link to it opens the Questions list
    await page.goto(`${server.url}/ask?record=order:O-9`);
    await page.getByRole('menuitem', { name: /Order SO-9009/ }).waitFor();
    await screenshot(page, 'storefront-ask-deep-link');
    await page.getByRole('menuitem', { name: /Order SO-9009/ }).click();
    await page.waitForURL(/\/conversations\?conversation=\d+$/);
    const conversation = new URL(page.url()).pathname + new URL(page.url()).search;

    // a handoff straight into that conversation, in another browser
    const other = await pages.newPage();
    await other.goto(`${server.url}/sso?token=${await sign({ sub: 'U-9' })}&return=${encodeURIComponent(conversation)}`);
    await other.getByRole('log', { name: 'Messages' }).getByText('When will it ship?').waitFor();
    expect(other.url()).toBe(`${server.url}${conversation}`);
    // an order that is not theirs
    await page.goto(`${server.url}/ask?record=order:nope`);
    await page.getByText('We could not find this order among yours.').waitFor();
  });

  it('shows the Administrator how the handoff is set up', async () => {
    const john = await pages.newPage();
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    await john.goto(`${server.url}/admin/settings/integrations`);
    await john.getByRole('heading', { name: 'Sign-in from the store' }).waitFor();
    await john.getByText(/A secret is set \(hs_/).waitFor();
    expect(await john.getByLabel('HS256 with a shared secret').isChecked()).toBe(true);
    await john.getByLabel('RS256 / ES256 against the store’s JWKS').check();
    await john.getByRole('button', { name: 'Save', exact: true }).click();
    await john.getByText('Give the URL of the store’s JWKS.').waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await john.getByRole('heading', { name: 'Sign-in from the store' }).scrollIntoViewIfNeeded();
    await screenshot(john, 'backoffice-handoff');
  });

  it('shows why a handoff failed on the sign-in page, and fits 375 px', async () => {
    const page = await pages.newPage(375, 740);
    const expired = await sign({ sub: 'U-9', iat: now() - 400, exp: now() - 100 });
    await page.goto(`${server.url}/sso?token=${expired}`);
    await page.getByText('The sign-in link from the store has expired.').waitFor();
    expect(page.url()).toBe(`${server.url}/sign-in?handoff=HANDOFF_EXPIRED`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'storefront-handoff-failed-375');
  });
});
