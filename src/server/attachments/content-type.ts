// What a file is, by its content: `file-type` reads its magic numbers (and,
// for Office and OpenDocument files, the zip's entries). Text has none, so a
// file that is valid UTF-8 without NUL takes its type from its name's
// extension among the text kinds; anything else unknown is
// application/octet-stream, which no allowlist should hold.
import fs from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

export const DEFAULT_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/tiff',
  'application/pdf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/csv',
  'text/plain',
  'application/zip',
];

const TEXT_BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  svg: 'image/svg+xml',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  md: 'text/markdown',
};

// the old Office formats are all OLE compound files (so is an .msi): only their extension tells them apart
const COMPOUND_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/** Raster images and PDF open in the browser; everything else (SVG and HTML above all) is downloaded. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'application/pdf']);
export const opensInline = (contentType: string) => INLINE.has(contentType);

/** Images sharp can make a thumbnail of (not SVG: it is never drawn from its source). */
const THUMBNAILED = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/tiff']);
export const hasThumbnail = (contentType: string) => THUMBNAILED.has(contentType);

async function looksLikeText(path: string): Promise<boolean> {
  const file = await fs.open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(8192), 0, 8192, 0);
    const sample = buffer.subarray(0, bytesRead);
    if (sample.includes(0)) return false;
    // stream: a character cut at the sample's end is not an error
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  } finally {
    await file.close();
  }
}

/** The file's type, from its content (the name only tells text kinds and old Office files apart). */
export async function detectContentType(path: string, name: string): Promise<string> {
  const found = await fileTypeFromFile(path);
  const extension = extensionOf(name);
  if (found) return found.mime === 'application/x-cfb' ? (COMPOUND_BY_EXTENSION[extension] ?? found.mime) : found.mime;
  if (await looksLikeText(path)) return TEXT_BY_EXTENSION[extension] ?? 'text/plain';
  return 'application/octet-stream';
}

/** Whether the allowlist holds the type: exact types, or a family such as image/*. */
export function typeAllowed(allowed: readonly string[], contentType: string): boolean {
  return allowed.some((a) => a === contentType || (a.endsWith('/*') && contentType.startsWith(a.slice(0, -1))));
}
