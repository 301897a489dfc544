// Settings > Users in Debian's Chromium against the built server: John
// (Administrator) invites Sam, passes on the set-password link (shown, since
// email is not set up), Sam chooses a password and signs in; John changes
// Sam's role, then deactivates Sam, whose open back-office is signed out at
// once. Screenshots at 1280 and 375 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { horizontalOverflow, screenshot, seriousViolations, signIn, type Pages, withServerAndPages } from '../support/web';

let server: RunningServer;
let pages: Pages;

describe.skipIf(!chromiumAvailable())('Settings > Users in a browser', () => {
  let john: Page;
  let sam: Page;
  let link = '';

  withServerAndPages({ PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    john = await pages.newPage(1280, 800, (context) => context.grantPermissions(['clipboard-read', 'clipboard-write']));
  });

  it('invites a user and shows the set-password link to pass on', async () => {
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    await john.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users', exact: true }).click();
    await john.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await john.getByRole('row').filter({ hasText: 'Charlie Sheen' }).waitFor();
    expect(await john.getByRole('row').filter({ hasText: 'John Doe' }).getByText('(you)').count()).toBe(1);

    await john.getByRole('button', { name: 'Invite User' }).click();
    const dialog = john.getByRole('dialog', { name: 'Invite User' });
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => dialog.getByText('This value should not be blank.').count()).toBe(3);
    await dialog.getByLabel('Email').fill('sam@parley.example');
    await dialog.getByLabel('First Name').fill('Sam');
    await dialog.getByLabel('Last Name').fill('Jones');
    expect(await seriousViolations(john)).toEqual([]);
    await dialog.getByRole('button', { name: 'Invite' }).click();

    const shown = john.getByRole('status').filter({ hasText: 'Email is not set up yet' });
    await shown.waitFor();
    link = await john.getByLabel('Link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/admin/set-password\\?token=[A-Za-z0-9_-]{43}$`));
    await john.getByRole('button', { name: 'Copy', exact: true }).click();
    await john.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await john.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const row = john.getByRole('row').filter({ hasText: 'Sam Jones' });
    expect(await row.getByText('No password yet').count()).toBe(1);
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-users');
  });

  it('lets the invited user choose a password once, and sign in', async () => {
    sam = await pages.newPage();
    await sam.goto(link);
    await sam.getByRole('heading', { name: 'Choose Your Password' }).waitFor();
    await sam.getByLabel('New Password').fill('short');
    await sam.getByRole('button', { name: 'Set Password' }).click();
    await sam.getByText('Use at least 10 characters.').waitFor();
    await sam.getByLabel('New Password').fill('sams-own-password');
    await sam.getByRole('button', { name: 'Set Password' }).click();
    await sam.getByRole('heading', { name: 'Your password is set' }).waitFor();
    expect(await seriousViolations(sam)).toEqual([]);

    // the link works once
    const again = await pages.newPage();
    await again.goto(link);
    await again.getByLabel('New Password').fill('another-password');
    await again.getByRole('button', { name: 'Set Password' }).click();
    await again.getByText('This link does not work any more').waitFor();

    await sam.getByRole('link', { name: 'Sign In' }).click();
    await sam.getByLabel('Email').fill('sam@parley.example');
    await sam.getByLabel('Password').fill('sams-own-password');
    await sam.getByRole('button', { name: 'Sign In' }).click();
    await sam.getByRole('heading', { name: 'Conversations', level: 1 }).waitFor();
  });

  it('changes the role, and deactivating signs the user out at once', async () => {
    await john.getByRole('button', { name: 'Done' }).click();
    const row = john.getByRole('row').filter({ hasText: 'Sam Jones' });
    await row.getByLabel('Role of Sam Jones').selectOption('administrator');
    await expect.poll(() => row.getByLabel('Role of Sam Jones').inputValue()).toBe('administrator');

    await row.getByRole('button', { name: /Deactivate/ }).click();
    const confirm = john.getByRole('dialog', { name: 'Deactivate user?' });
    await confirm.getByText('signed out everywhere at once').waitFor();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => row.getByText('Deactivated').count()).toBe(1);

    // Sam's open back-office: the socket closes and the sign-in page shows, at once or on the next call
    const signInPage = sam.getByRole('heading', { name: 'Sign in to the back-office' });
    if (!(await signInPage.isVisible()))
      await sam
        .getByRole('link', { name: 'Customers', exact: true })
        .click({ timeout: 2_000 })
        .catch(() => undefined);
    await signInPage.waitFor();

    await row.getByRole('button', { name: /Reactivate/ }).click();
    await expect.poll(() => row.getByText('Active', { exact: true }).count()).toBe(1);
    await row.getByRole('button', { name: /Send Password Reset/ }).click();
    await john.getByRole('heading', { name: 'Password reset link for Sam Jones' }).waitFor();
  });

  it('fits 375 px', async () => {
    const narrow = await pages.newPage(375, 740);
    await signIn(narrow, server.url, 'backoffice', 'john@parley.example');
    await narrow.goto(`${server.url}/admin/settings/users`);
    await narrow.getByRole('row').filter({ hasText: 'Sam Jones' }).waitFor();
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(narrow)).toEqual([]);
    await screenshot(narrow, 'backoffice-users-375');
  });

  it('is not offered to a Sales Manager', async () => {
    const charlie = await pages.newPage();
    await signIn(charlie, server.url, 'backoffice', 'charlie@parley.example');
    expect(await charlie.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
    await charlie.goto(`${server.url}/admin/settings/users`);
    await charlie.getByText('Only Administrators manage users.').waitFor();
  });
});
