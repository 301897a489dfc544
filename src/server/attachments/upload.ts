// An upload as it arrives: streamed to a spool file (a chunk at a time, never
// the whole file in memory) while its SHA-256 and size are counted; then its
// type is found from the content, an image gets its thumbnail, and both go
// into the store. Each refusal names the file and says why; a refused or
// failed upload leaves nothing behind.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { AppError } from '../kernel/errors';
import { detectContentType, hasThumbnail, typeAllowed } from './content-type';
import type { AttachmentStore } from './storage';

export interface AttachmentLimits {
  maxBytes: number;
  /** the allowlist: exact types, or families such as image/* */
  types: readonly string[];
}

export interface ReceivedFile {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  thumbnailKey: string | null;
}

export const THUMBNAIL_PX = 400;
export const THUMBNAIL_TYPE = 'image/webp';

/** The name as shown and given back: no folders, no control characters, at most 255 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, 255) || 'file';
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/** flushed to the disk behind the upload every this many bytes, so that the fsync at its end finds little left */
const FLUSH_EVERY = 4 << 20;

/** Writes the stream to the file chunk by chunk, waiting for the disk; answers its size and SHA-256. */
async function spool(source: Readable & { truncated?: boolean }, file: string) {
  const hash = crypto.createHash('sha256');
  // a large buffer: busboy's chunks are 64 KB, and waiting for the disk after each one costs more than the copy;
  // `flush`: on disk before a message may refer to it (the message's row is durable once posted, so must its file be)
  const out = fs.createWriteStream(file, { highWaterMark: 4 << 20, flush: true });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  let size = 0;
  // the disk writes back while the rest arrives: one fdatasync at a time, each for what was written before it
  let fd: number | undefined;
  out.once('open', (opened: number) => (fd = opened));
  let flushedAt = 0;
  let flushing = Promise.resolve();
  let inFlight = false;
  const flushBehind = () => {
    if (inFlight || fd === undefined || out.bytesWritten - flushedAt < FLUSH_EVERY) return;
    flushedAt = out.bytesWritten;
    inFlight = true;
    flushing = new Promise<void>((resolve) => fs.fdatasync(fd!, () => resolve())).then(() => {
      inFlight = false;
    });
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      hash.update(chunk);
      if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
      flushBehind();
    }
  } catch (error) {
    // the body broke off: the file is closed here and removed by the caller
    await flushing;
    out.destroy();
    throw error;
  }
  // a flush in flight ends before the file closes (its error, if any, the final fsync reports)
  await flushing;
  await Promise.race([new Promise<void>((resolve) => out.end(() => resolve())), failed]);
  return { size, sha256: hash.digest('hex'), truncated: source.truncated === true };
}

/** A thumbnail of at most 400 px a side, turned upright, without the image's metadata (sharp keeps none unless told). */
async function makeThumbnail(from: string, to: string): Promise<boolean> {
  try {
    await sharp(from, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toFile(to);
    return true;
  } catch {
    // content that passed for an image but does not decode: kept as a file, shown as a chip
    return false;
  }
}

/** Receives one uploaded file into the store, or refuses it with the reason. */
export async function receiveFile(
  file: { filename: string; file: Readable & { truncated?: boolean } },
  store: AttachmentStore,
  limits: AttachmentLimits,
): Promise<ReceivedFile> {
  const name = cleanFileName(file.filename);
  const key = crypto.randomUUID().replaceAll('-', '');
  const spooled = path.join(store.spoolDir, key);
  const thumbnail = `${spooled}-thumb`;
  try {
    const { size, sha256, truncated } = await spool(file.file, spooled);
    if (truncated || size > limits.maxBytes) {
      throw new AppError('ATTACHMENT_TOO_LARGE', `${name} is larger than ${megabytes(limits.maxBytes)}.`, {
        file: `${name}: larger than ${megabytes(limits.maxBytes)}`,
      });
    }
    if (size === 0) throw new AppError('ATTACHMENT_EMPTY', `${name} is empty.`, { file: `${name}: empty` });
    const contentType = await detectContentType(spooled, name);
    if (!typeAllowed(limits.types, contentType)) {
      throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', `${name} is a file of type ${contentType}, which may not be attached.`, {
        file: `${name}: type ${contentType} not allowed`,
      });
    }
    const thumbnailKey = hasThumbnail(contentType) && (await makeThumbnail(spooled, thumbnail)) ? `${key}-thumb` : null;
    if (thumbnailKey) await store.save(thumbnailKey, thumbnail, THUMBNAIL_TYPE);
    await store.save(key, spooled, contentType);
    return { name, contentType, size, sha256, storageKey: key, thumbnailKey };
  } finally {
    await fs.promises.rm(spooled, { force: true });
    await fs.promises.rm(thumbnail, { force: true });
  }
}
