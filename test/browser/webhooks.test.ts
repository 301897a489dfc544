// Settings > Webhooks in Debian's Chromium against the built server: John
// (Administrator) adds an endpoint pointing at a receiver this test starts,
// copies its secret, sends a test event and sees it delivered in the log; the
// receiver checks the delivery with standardwebhooks. Screenshots at 1280
// and 375 px; Charlie (Sales Manager) gets no Settings menu.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { horizontalOverflow, screenshot, seriousViolations, signIn, type Pages, withServerAndPages } from '../support/web';
import { startReceiver, verified, type Receiver } from '../support/webhook-receiver';

let server: RunningServer;
let pages: Pages;
let receiver: Receiver;

describe.skipIf(!chromiumAvailable())('Settings > Webhooks in a browser', () => {
  let john: Page;
  let endpointUrl = '';

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  withServerAndPages({ PARLEY_WEBHOOKS_ALLOW_PRIVATE: 'true', PARLEY_SIGNIN_PER_EMAIL: '100' }, async (started, opened) => {
    server = started;
    pages = opened;
    john = await pages.newPage();
  });

  it('adds an endpoint, shows its secret, sends a test event and logs its delivery', async () => {
    await signIn(john, server.url, 'backoffice', 'john@parley.example');
    await john.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await john.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await john.getByText('No endpoints yet.').waitFor();
    await john.getByRole('link', { name: 'Add Endpoint' }).click();

    await john.getByRole('heading', { name: 'Add Endpoint', level: 1 }).waitFor();
    await john.getByLabel('URL').fill(receiver.url('crm'));
    await john.getByLabel('Description').fill('Our CRM');
    await john.getByRole('checkbox', { name: 'conversation.created' }).check();
    expect(await john.getByRole('checkbox', { name: 'message.created' }).isChecked()).toBe(true);
    expect(await seriousViolations(john)).toEqual([]);
    await john.getByRole('button', { name: 'Add Endpoint' }).click();

    await john.getByRole('heading', { name: receiver.url('crm'), level: 1 }).waitFor();
    endpointUrl = john.url();
    await john.getByRole('button', { name: 'Show' }).click();
    const secret = (await john.getByLabel('Secret', { exact: true }).textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);

    await john.getByRole('button', { name: 'Send test event' }).click();
    const log = john.getByRole('table', { name: 'Deliveries' });
    await log.getByText('Delivered · 200').waitFor();
    await expect.poll(() => log.getByText('webhook.test').count()).toBe(1);
    const [test] = receiver.received('crm');
    expect(verified(test!, secret)).toMatchObject({ type: 'webhook.test' });

    await log.getByRole('button', { name: 'webhook.test' }).click();
    await log.getByText('webhook-id').waitFor();
    await john.getByRole('button', { name: 'Hide' }).click();
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-webhook');

    await john.getByRole('link', { name: 'Webhooks' }).first().click();
    const row = john.getByRole('table', { name: 'Webhook endpoints' }).getByRole('row').nth(1);
    await expect.poll(() => row.textContent()).toContain('Delivered · 200');
    expect(await row.textContent()).toContain('conversation.created, message.created');
    expect(await row.textContent()).toContain('Active');
    await screenshot(john, 'backoffice-webhooks');
  });

  it('fits a 375 px screen', async () => {
    const narrow = await pages.newPage(375, 800);
    await signIn(narrow, server.url, 'backoffice', 'john@parley.example');
    await narrow.goto(endpointUrl);
    await narrow.getByRole('table', { name: 'Deliveries' }).getByText('Delivered · 200').waitFor();
    expect(await horizontalOverflow(narrow)).toBeLessThanOrEqual(375);
    await screenshot(narrow, 'backoffice-webhook-375');
  });

  it('shows a Sales Manager no Settings', async () => {
    const charlie = await pages.newPage();
    await signIn(charlie, server.url, 'backoffice', 'charlie@parley.example');
    const menu = charlie.getByRole('navigation', { name: 'Main' });
    await menu.getByRole('link', { name: 'Conversations', exact: true }).waitFor();
    expect(await menu.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
  });
});
