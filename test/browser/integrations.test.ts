// Settings > Integrations in Debian's Chromium against the built server: John
// (Administrator) creates a token, sees its secret once, the store uses it
// against /integration/v1, John revokes it and the store is refused; Charlie
// (Sales Manager) has no Settings. Screenshots at 1280 and 375 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { horizontalOverflow, screenshot, seriousViolations, signIn, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

describe.skipIf(!chromiumAvailable())('Settings > Integrations in a browser', () => {
  let john: Page;
  let secret = '';

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    john = await pages.newPage(1280, 800, (context) => context.grantPermissions(['clipboard-read', 'clipboard-write']));
  });

  const storeCall = (token: string) =>
    fetch(`${server.url}/integration/v1/customers/browser-acme`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Browser Acme' }),
    });

  it('creates a token and shows its secret once, with a copy button', async () => {
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    await john.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await john.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    await expect.poll(() => john.getByText('No service tokens yet.').count()).toBe(1);

    await john.getByRole('button', { name: 'Create Token' }).click();
    const dialog = john.getByRole('dialog', { name: 'Create Token' });
    await dialog.getByRole('button', { name: 'Create Token' }).click();
    await expect.poll(() => dialog.getByText('This value should not be blank.').count()).toBe(1);
    await expect.poll(() => dialog.getByText('Choose at least one scope.').count()).toBe(1);
    await dialog.getByLabel('Label').fill('ERP sync');
    await dialog.getByLabel(/directory:write/).check();
    await dialog.getByLabel(/records:write/).check();
    expect(await seriousViolations(john)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create Token' }).click();

    const shown = john.getByRole('status').filter({ hasText: 'you will not see it again' });
    await shown.waitFor();
    secret = await john.getByLabel('Token secret').inputValue();
    expect(secret).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    await john.getByRole('button', { name: 'Copy', exact: true }).click();
    await john.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await john.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    const row = john.getByRole('row').filter({ hasText: 'ERP sync' });
    expect(await row.textContent()).toContain('directory:write');
    expect(await row.getByText('Never', { exact: true }).count()).toBe(2);
    expect(await row.getByText('Active').count()).toBe(1);
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-integrations');

    // the secret is nowhere once dismissed, nor after a reload
    await john.getByRole('button', { name: 'Done' }).click();
    await john.reload();
    await john.getByRole('row').filter({ hasText: 'ERP sync' }).waitFor();
    expect(await john.content()).not.toContain(secret);
  });

  it('the store uses it with fetch; revoked, it is refused', async () => {
    const res = await storeCall(secret);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(res.headers.get('ratelimit-limit')).toBe('600');

    await john.reload();
    const row = john.getByRole('row').filter({ hasText: 'ERP sync' });
    // Last Used is filled in; only Expires still says Never
    await expect.poll(() => row.getByText('Never', { exact: true }).count()).toBe(1);

    await row.getByRole('button', { name: /Revoke/ }).click();
    const confirm = john.getByRole('dialog', { name: 'Revoke token?' });
    await confirm.getByText('This cannot be undone.').waitFor();
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.getByText('Revoked').count()).toBe(1);

    const refused = await storeCall(secret);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('rotates a token into a new secret, and fits 375 px', async () => {
    const narrow = await pages.newPage(375, 740);
    await signIn(narrow, server.url, 'backoffice', 'john@parley.example');
    await narrow.goto(`${server.url}/admin/settings/integrations`);
    await narrow.getByRole('button', { name: 'Create Token' }).click();
    const dialog = narrow.getByRole('dialog', { name: 'Create Token' });
    await dialog.getByLabel('Label').fill('Storefront handoff');
    await dialog.getByLabel(/conversations:read/).check();
    await dialog.getByRole('button', { name: 'Create Token' }).click();
    const first = await narrow.getByLabel('Token secret').inputValue();
    await narrow.getByRole('button', { name: 'Done' }).click();

    await narrow
      .getByRole('row')
      .filter({ hasText: 'Storefront handoff' })
      .getByRole('button', { name: /Rotate/ })
      .click();
    await narrow.getByRole('dialog', { name: 'Rotate token?' }).getByRole('button', { name: 'Rotate' }).click();
    const rotated = await narrow.getByLabel('Token secret').inputValue();
    expect(rotated).not.toBe(first);
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(narrow)).toEqual([]);
    await screenshot(narrow, 'backoffice-integrations-375');
  });

  it('is not offered to a Sales Manager', async () => {
    const charlie = await pages.newPage();
    await signIn(charlie, server.url, 'backoffice', 'charlie@parley.example');
    expect(await charlie.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).count()).toBe(0);
    await charlie.goto(`${server.url}/admin/settings/integrations`);
    await charlie.getByText('Only Administrators manage integrations.').waitFor();
  });
});
