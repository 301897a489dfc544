// Attachments in Debian's Chromium against the built server: attaching by the
// button, by drag and drop and by pasting, a progress bar with a cancel,
// refusals per file before any upload, thumbnails with a larger view, chips
// that download, and an SVG or HTML file with a script that never runs when
// opened from either side.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  attachAndSend,
  chipOf,
  downloadChip,
  downloadedBytes,
  openWithoutRunning,
  withAttachmentScene,
  widePhoto as photo,
} from '../support/attachment-pages';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { HTML_WITH_SCRIPT, SVG_WITH_SCRIPT } from '../support/attachments';
import { screenshot, seriousViolations, signIn, thread, type Pages } from '../support/web';

let server: RunningServer;
let pages: Pages;

/** Drops files on an element as a browser does: dragenter, dragover, drop, with a DataTransfer holding them. */
async function dropFiles(page: Page, selector: string, files: { name: string; type: string; text: string }[]) {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type }));
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent(selector, type, { dataTransfer: transfer });
}

describe.skipIf(!chromiumAvailable())('attachments in a browser', () => {
  let amanda: Page;
  let john: Page;
  let conversationId = 0;

  withAttachmentScene(
    () => ({}),
    (scene) => {
      ({ server, pages, amanda, john, conversationId } = scene);
    },
  );

  it('attaches a photo by the button: progress, thumbnail, a larger view on click', async () => {
    await amanda.goto(`${server.url}/conversations?conversation=${conversationId}`);
    await thread(amanda).getByText('See the photo').waitFor();
    await amanda.getByTestId('attach-input').setInputFiles([{ name: 'pallet.png', mimeType: 'image/png', buffer: await photo() }]);
    const tray = amanda.getByRole('list', { name: 'Files to send' });
    await tray.getByText('pallet.png').waitFor();
    await expect.poll(() => tray.getByRole('progressbar').count()).toBe(0);
    await amanda.getByLabel('Message', { exact: true }).fill('Here is the damage');
    await amanda.getByRole('button', { name: 'Send' }).click();
    const thumb = thread(amanda).getByRole('button', { name: 'View pallet.png' }).locator('img');
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([400, 250]);
    await expect.poll(() => tray.count()).toBe(0);
    await screenshot(amanda, 'storefront-attachments-thread');
    await thread(amanda).getByRole('button', { name: 'View pallet.png' }).click();
    const viewer = amanda.getByRole('dialog', { name: 'pallet.png' });
    await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
    await screenshot(amanda, 'storefront-attachments-viewer');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await viewer.waitFor({ state: 'detached' });
  });

  it('shows a progress bar while a file uploads, and cancels it', async () => {
    const cdp = await amanda.context().newCDPSession(amanda);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 60_000 });
    try {
      await amanda
        .getByTestId('attach-input')
        .setInputFiles([{ name: 'scan.txt', mimeType: 'text/plain', buffer: Buffer.alloc(900_000, 'x') }]);
      const bar = amanda.getByRole('progressbar', { name: 'Uploading scan.txt' });
      await bar.waitFor();
      await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(0);
      await screenshot(amanda, 'storefront-attachments-progress', { docs: false });
      await amanda.getByRole('button', { name: 'Cancel upload of scan.txt' }).click();
      await expect.poll(() => amanda.getByRole('list', { name: 'Files to send' }).count()).toBe(0);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    }
  });

  it('refuses, per file and before any upload, one too large and one of a type not allowed', async () => {
    const uploads: string[] = [];
    amanda.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/attachments')) uploads.push(r.url());
    });
    await amanda.getByTestId('attach-input').setInputFiles([
      { name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(1_200_000, 1) },
      { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
    ]);
    const tray = amanda.getByRole('list', { name: 'Files to send' });
    await tray.getByText('Too large: at most 1 MB.').waitFor();
    await tray.getByText('This type of file may not be attached.').waitFor();
    expect(uploads).toEqual([]);
    expect(await seriousViolations(amanda)).toEqual([]);
    await screenshot(amanda, 'storefront-attachments-refused', { docs: false });
    await amanda.getByRole('button', { name: 'Remove huge.pdf' }).click();
    await amanda.getByRole('button', { name: 'Remove setup.exe' }).click();
  });

  it('attaches by drag and drop onto the thread and by pasting; a message of files only; the chip downloads', async () => {
    await dropFiles(amanda, '.thread', [{ name: 'lines.csv', type: 'text/csv', text: 'sku,qty\nA-1,4\n' }]);
    const tray = amanda.getByRole('list', { name: 'Files to send' });
    await tray.getByText('lines.csv').waitFor();
    const pasted = await amanda.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['pasted words'], 'note.txt', { type: 'text/plain' }));
      return dt;
    });
    await amanda.getByLabel('Message', { exact: true }).evaluate((box, dt) => {
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, pasted);
    await tray.getByText('note.txt').waitFor();
    await expect.poll(() => tray.getByRole('progressbar').count()).toBe(0);
    await amanda.getByRole('button', { name: 'Send' }).click();
    await chipOf(amanda, 'lines.csv').waitFor();
    // the list's preview of a message of files only
    await amanda.locator(`a[href="/conversations?conversation=${conversationId}"]`).getByText('📎 lines.csv').waitFor();
    expect((await downloadedBytes(await downloadChip(amanda, 'lines.csv'))).toString()).toBe('sku,qty\nA-1,4\n');
  });

  it('never runs the script of an uploaded SVG or HTML file, opened from either side', async () => {
    await attachAndSend(amanda, [
      { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: SVG_WITH_SCRIPT },
      { name: 'page.html', mimeType: 'text/html', buffer: HTML_WITH_SCRIPT },
    ]);
    await chipOf(amanda, 'page.html').waitFor();
    await john.goto(`${server.url}/admin/conversations/${conversationId}`);
    for (const page of [amanda, john]) {
      const title = await page.title();
      for (const name of ['logo.svg', 'page.html']) await openWithoutRunning(page, server.url, name);
      expect(await page.title()).toBe(title);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    }
    expect(pages.dialogs).toEqual([]);
  });

  it('starts a conversation from the storefront whose first message is only a file', async () => {
    // a page of its own: the other tests keep Amanda's on their conversation
    const page = await pages.newPage();
    await signIn(page, server.url, 'storefront', 'amanda@acme.example');
    await page.getByRole('button', { name: 'Create Conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Conversation' });
    await dialog.getByLabel('Subject').fill('Photo of the damaged crate');
    await dialog.getByTestId('attach-input').setInputFiles([{ name: 'crate.png', mimeType: 'image/png', buffer: await photo() }]);
    await expect.poll(() => dialog.getByRole('list', { name: 'Files to send' }).getByRole('progressbar').count()).toBe(0);
    await screenshot(page, 'storefront-create-with-file', { docs: false });
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'detached' });
    await thread(page).getByRole('button', { name: 'View crate.png' }).locator('img').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('starts a conversation from the back-office with a file in its first message', async () => {
    const { customerUser } = await (await john.request.get(`${server.url}/admin/api/conversations/${conversationId}`)).json();
    await john.goto(`${server.url}/admin/conversations/new?customerUserId=${(customerUser as { id: number }).id}`);
    await john.getByLabel('Name').fill('Your signed quote');
    await john
      .getByTestId('attach-input')
      .setInputFiles([{ name: 'signed-quote.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    await expect.poll(() => john.getByRole('list', { name: 'Files to send' }).getByRole('progressbar').count()).toBe(0);
    await screenshot(john, 'backoffice-create-with-file', { docs: false });
    await john.getByRole('button', { name: 'Create Conversation' }).click();
    await thread(john)
      .getByRole('link', { name: /signed-quote\.pdf/ })
      .waitFor();
    expect(john.url()).toMatch(/\/admin\/conversations\/\d+$/);
  });

  it('shows the files in the back-office thread and its All messages tab, and attaches from there; 375 px on both sides', async () => {
    await john.goto(`${server.url}/admin/conversations/${conversationId}`);
    await thread(john).getByRole('button', { name: 'View pallet.png' }).locator('img').waitFor();
    await john
      .getByTestId('attach-input')
      .setInputFiles([{ name: 'quote.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    await expect.poll(() => john.getByRole('list', { name: 'Files to send' }).getByRole('progressbar').count()).toBe(0);
    await john.getByRole('button', { name: 'Add Message' }).click();
    await thread(john)
      .getByRole('link', { name: /quote\.pdf/ })
      .waitFor();
    await thread(amanda)
      .getByRole('link', { name: /quote\.pdf/ })
      .waitFor();
    expect(await seriousViolations(john)).toEqual([]);
    await screenshot(john, 'backoffice-attachments-thread');
    await john.getByRole('tab', { name: 'All messages' }).click();
    await john
      .getByRole('table', { name: 'All messages' })
      .getByRole('link', { name: /lines\.csv/ })
      .waitFor();
    await screenshot(john, 'backoffice-attachments-all-messages', { docs: false });

    for (const [side, url] of [
      ['storefront', `${server.url}/conversations?conversation=${conversationId}`],
      ['backoffice', `${server.url}/admin/conversations/${conversationId}`],
    ] as const) {
      const narrow = await pages.newPage(375, 760);
      await signIn(narrow, server.url, side, side === 'storefront' ? 'amanda@acme.example' : 'john@parley.example');
      await narrow.goto(url);
      await thread(narrow)
        .getByRole('link', { name: /quote\.pdf/ })
        .waitFor();
      await thread(narrow).evaluate((el) => (el.scrollTop = el.scrollHeight));
      await narrow.getByRole('button', { name: 'Attach' }).scrollIntoViewIfNeeded();
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(narrow, `${side}-attachments-375`);
    }
  });
});
