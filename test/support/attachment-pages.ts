// What the browser tests of attachments do on either store (the disk, S3):
// the server's settings and the people at their pages, a photo, attaching and
// sending files, reading a download, and opening an SVG or HTML file with a
// script without it running.
import type { Download, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { RunningServer } from './server';
import { apiAs, signIn, thread, withServerAndPages, type Pages } from './web';

export const ATTACHMENT_PAGES_ENV = {
  PARLEY_ATTACHMENT_MAX_MB: '1',
  // SVG and HTML allowed here, to show they never run
  PARLEY_ATTACHMENT_TYPES: 'image/png,image/jpeg,application/pdf,text/csv,text/plain,image/svg+xml,text/html',
};

export interface AttachmentScene {
  server: RunningServer;
  pages: Pages;
  /** Amanda's conversation "Damaged pallet", whose first message is "See the photo" */
  conversationId: number;
  /** signed in on the storefront */
  amanda: Page;
  /** signed in on the back-office */
  john: Page;
}

/** Inside a describe: `withServerAndPages` with the attachment settings and `env`, then the scene, handed to `ready`. */
export function withAttachmentScene(env: () => Record<string, string>, ready: (scene: AttachmentScene) => void) {
  withServerAndPages(
    () => ({ ...ATTACHMENT_PAGES_ENV, ...env() }),
    async (server, pages) => {
      const api = await apiAs(server.url, 'storefront', 'amanda@acme.example');
      const { conversation } = await api<{ conversation: { id: number } }>('POST', '/conversations', {
        subject: 'Damaged pallet',
        message: 'See the photo',
      });
      const amanda = await pages.newPage();
      await signIn(amanda, server.url, 'storefront', 'amanda@acme.example');
      const john = await pages.newPage();
      await signIn(john, server.url, 'backoffice', 'john@parley.example');
      ready({ server, pages, conversationId: conversation.id, amanda, john });
    },
  );
}

/** 1600 × 1000: its thumbnail is 400 × 250. */
export const widePhoto = () =>
  sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 40, g: 110, b: 170 } } })
    .composite([{ input: Buffer.from('<svg width="1600" height="1000"><circle cx="800" cy="500" r="300" fill="#f5b041"/></svg>') }])
    .png()
    .toBuffer();

export interface FileToAttach {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Attaches by the button, waits for every upload to finish, types `message` if any, and sends. */
export async function attachAndSend(page: Page, files: FileToAttach[], message?: string) {
  await page.getByTestId('attach-input').setInputFiles(files);
  await expect.poll(() => page.getByRole('list', { name: 'Files to send' }).getByRole('progressbar').count()).toBe(0);
  if (message !== undefined) await page.getByLabel('Message', { exact: true }).fill(message);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** The chip of a file in the open thread. */
export const chipOf = (page: Page, name: string) => thread(page).getByRole('link', { name: new RegExp(name.replace('.', '\\.')) });

export async function downloadedBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Clicks the chip and answers the download it starts, which must carry the file's name. */
export async function downloadChip(page: Page, name: string): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), chipOf(page, name).click()]);
  expect(download.suggestedFilename()).toBe(name);
  return download;
}

/**
 * An SVG or HTML file with a script, from the open thread: shown as a chip
 * (never an <img>), whose click downloads it, and whose link opened directly
 * in a tab downloads it again, never rendered. Answers both downloads.
 */
export async function openWithoutRunning(page: Page, origin: string, name: string): Promise<Download[]> {
  const chip = chipOf(page, name);
  expect(await chip.locator('img').count()).toBe(0);
  const clicked = await downloadChip(page, name);
  const tab = await page.context().newPage();
  const direct = tab.waitForEvent('download');
  await tab.goto(`${origin}${await chip.getAttribute('href')}`).catch(() => undefined);
  const opened = await direct;
  expect(await tab.title()).not.toBe('pwned');
  await tab.close();
  return [clicked, opened];
}
