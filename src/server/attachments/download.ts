// How a file leaves: never as a page of Parley's. Only raster images and PDF
// open in the browser, everything else (SVG and HTML above all) downloads; the
// type is the stored one, never sniffed; and the answer carries a CSP that
// sandboxes it (no scripts, no requests, an opaque origin) even when opened
// directly. Range requests let a player or a resumed download take a part.
import type { FastifyReply } from 'fastify';
import { AppError } from '../kernel/errors';
import { opensInline } from './content-type';
import type { AttachmentRow } from './attachments.table';
import type { AttachmentStore, ByteRange } from './storage';
import { THUMBNAIL_TYPE } from './upload';

export const ATTACHMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Content-Disposition with an ASCII fallback name and the exact one in RFC 5987 form. */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/** One range of `Range: bytes=…`; undefined for the whole file (no header, or one we do not serve: several ranges, other units). */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const m = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const [, from = '', to = ''] = m;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

const withCharset = (type: string) => (type.startsWith('text/') ? `${type}; charset=utf-8` : type);

function commonHeaders(reply: FastifyReply, type: string, disposition: string) {
  reply
    .header('content-type', withCharset(type))
    .header('content-disposition', disposition)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', ATTACHMENT_CSP)
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, max-age=300');
}

/** Answers the file: its bytes (the disk), or a redirect to a 5-minute presigned URL (S3). */
export async function sendAttachment(reply: FastifyReply, store: AttachmentStore, row: AttachmentRow, rangeHeader: string | undefined) {
  const disposition = contentDisposition(row.name, opensInline(row.content_type));
  const presigned = await store.presign(row.storage_key, { contentType: withCharset(row.content_type), disposition });
  if (presigned) return reply.header('cache-control', 'no-store').redirect(presigned, 302);
  const size = Number(row.size);
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    throw new AppError('RANGE_NOT_SATISFIABLE', `${row.name} has ${size} bytes.`, undefined, { 'content-range': `bytes */${size}` });
  }
  commonHeaders(reply, row.content_type, disposition);
  reply.header('accept-ranges', 'bytes').header('etag', `"${row.sha256}"`);
  if (range) {
    reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
    reply.header('content-length', range.end - range.start + 1);
  } else {
    reply.header('content-length', size);
  }
  return reply.send(await store.read(row.storage_key, range));
}

/** An image's thumbnail, always through Parley (small, and same-origin for the thread's <img>). */
export async function sendThumbnail(reply: FastifyReply, store: AttachmentStore, row: AttachmentRow) {
  if (!row.thumbnail_key) throw new AppError('ATTACHMENT_NOT_FOUND', `${row.name} has no thumbnail.`);
  commonHeaders(reply, THUMBNAIL_TYPE, contentDisposition(`${row.name}.webp`, true));
  return reply.send(await store.read(row.thumbnail_key));
}
