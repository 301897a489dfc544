// Files for the attachment tests, made here: images by sharp, an executable's
// first bytes, text; and the multipart body a browser would send.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { MessageAttachment } from '../../src/shared/api';
import type { Agent } from './api';
import { ok } from './fixtures';

export type { MessageAttachment };

export function multipart(filename: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = `----parley${randomUUID().replaceAll('-', '')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads as `who`, answering the raw response. */
export function upload(who: Agent, filename: string, content: Buffer, type?: string) {
  const { payload, headers } = multipart(filename, content, type);
  return who.request('POST', '/attachments', payload, headers);
}

/** Uploads as `who`, which must succeed. */
export async function uploaded(who: Agent, filename: string, content: Buffer): Promise<MessageAttachment> {
  return ok<MessageAttachment>(await upload(who, filename, content), 201);
}

/** A photo as a camera makes one: 1200 × 900, with EXIF (camera, GPS-like comment). */
export const photo = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'ParleyCam', ImageDescription: 'secret location' } })
    .toBuffer();

export const png = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 1 } } })
    .png()
    .toBuffer();

/** The start of a Windows executable: what file-type knows it by. */
export const exe = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);

export const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>window.parent.pwned = 1; document.title = "pwned"</script><rect width="10" height="10"/></svg>',
);
export const HTML_WITH_SCRIPT = Buffer.from(
  '<!doctype html><title>x</title><script>document.title = "pwned"; window.opener && (window.opener.pwned = 1)</script><p>hi</p>',
);
