// Attachments in Debian's Chromium with the files on an S3-compatible store
// (s3rver, started here): the thumbnail of a photo renders and its larger view
// comes from the store through the presigned redirect (which the page's CSP
// must let in), a file's chip downloads from the store with its name and
// bytes, and an SVG or HTML file with a script never runs, on either side.
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  attachAndSend,
  chipOf,
  downloadChip,
  downloadedBytes,
  openWithoutRunning,
  widePhoto,
  withAttachmentScene,
} from '../support/attachment-pages';
import { HTML_WITH_SCRIPT, SVG_WITH_SCRIPT } from '../support/attachments';
import { chromiumAvailable } from '../support/browser';
import type { RunningServer } from '../support/server';
import { testS3Store } from '../support/stores';
import { screenshot, thread, type Pages } from '../support/web';

const s3 = testS3Store();

/** The answers the page had from the S3 store, as `status content-type`. */
function answersFromTheStore(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(`${s3.origin()}/`)) seen.push(`${r.status()} ${r.headers()['content-type']}`);
  });
  return seen;
}

/** A download that came from a presigned URL of the store (not through Parley), signed to download as `name`. */
async function expectFromTheStore(download: Download, name: string, type: string) {
  const url = new URL(download.url());
  expect(url.origin).toBe(s3.origin());
  expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
  // what the store answers that URL with. s3rver applies the signed
  // response-content-type and response-content-disposition as AWS S3 does
  // (its response-header-override middleware). The type alone proves little,
  // the object was stored with it too; the disposition exists only as the
  // signed override, so it is what keeps an SVG or HTML file from rendering.
  // The type is the stored one, text said to be UTF-8 as the disk says it.
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(type.startsWith('text/') ? `${type}; charset=utf-8` : type);
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}

describe.skipIf(!chromiumAvailable())('attachments on S3 in a browser', () => {
  let server: RunningServer;
  let pages: Pages;
  let amanda: Page;
  let john: Page;
  let conversationId = 0;

  withAttachmentScene(
    () => s3.env,
    (scene) => {
      ({ server, pages, amanda, john, conversationId } = scene);
    },
  );

  it('attaches a photo by the button: its thumbnail renders, and its larger view comes from the store, on both sides', async () => {
    await amanda.goto(`${server.url}/conversations?conversation=${conversationId}`);
    await thread(amanda).getByText('See the photo').waitFor();
    await attachAndSend(amanda, [{ name: 'pallet.png', mimeType: 'image/png', buffer: await widePhoto() }], 'Here is the damage');
    // the photo and its thumbnail, both kept on S3
    await expect.poll(async () => (await s3.keys()).length).toBe(2);
    await john.goto(`${server.url}/admin/conversations/${conversationId}`);
    for (const page of [amanda, john]) {
      const fromTheStore = answersFromTheStore(page);
      const view = thread(page).getByRole('button', { name: 'View pallet.png' });
      // the thumbnail comes through Parley (read from S3), the image itself must load, not only its element
      await expect
        .poll(() => view.locator('img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
        .toEqual([400, 250]);
      if (page === amanda) await screenshot(amanda, 'storefront-attachments-s3-thread', { docs: false });
      await view.click();
      const viewer = page.getByRole('dialog', { name: 'pallet.png' });
      // a redirect to the store's origin, which the CSP's img-src must allow
      await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
      expect(fromTheStore).toEqual(['200 image/png']);
      await viewer.getByRole('button', { name: 'Close' }).click();
      await viewer.waitFor({ state: 'detached' });
    }
  });

  it("downloads a file's chip from the store, with its name and bytes, on both sides", async () => {
    const lines = Buffer.from('sku,qty\nA-1,4\n');
    await attachAndSend(amanda, [{ name: 'lines.csv', mimeType: 'text/csv', buffer: lines }]);
    await chipOf(amanda, 'lines.csv').waitFor();
    await john.reload();
    for (const page of [amanda, john]) {
      const download = await downloadChip(page, 'lines.csv');
      expect(await downloadedBytes(download)).toEqual(lines);
      await expectFromTheStore(download, 'lines.csv', 'text/csv');
    }
  });

  it('never runs the script of an SVG or HTML file on the store, opened from either side', async () => {
    await attachAndSend(amanda, [
      { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: SVG_WITH_SCRIPT },
      { name: 'page.html', mimeType: 'text/html', buffer: HTML_WITH_SCRIPT },
    ]);
    await chipOf(amanda, 'page.html').waitFor();
    await john.reload();
    for (const page of [amanda, john]) {
      const title = await page.title();
      for (const [name, type, bytes] of [
        ['logo.svg', 'image/svg+xml', SVG_WITH_SCRIPT],
        ['page.html', 'text/html', HTML_WITH_SCRIPT],
      ] as const) {
        for (const download of await openWithoutRunning(page, server.url, name)) {
          expect(await downloadedBytes(download)).toEqual(bytes);
          await expectFromTheStore(download, name, type);
        }
      }
      expect(await page.title()).toBe(title);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    }
    expect(pages.dialogs).toEqual([]);
  });
});
