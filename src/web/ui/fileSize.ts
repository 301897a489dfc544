/** 2.4 MB, 340 KB, 12 bytes: sizes as people read them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1_048_576) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / 1_048_576;
  return `${mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)} MB`;
}

/** A short label for a file's kind, shown on its chip. */
export function fileKindLabel(contentType: string, name: string): string {
  if (contentType === 'application/pdf') return 'PDF';
  if (contentType.startsWith('image/')) return 'IMG';
  if (/wordprocessing|msword|opendocument\.text/.test(contentType)) return 'DOC';
  if (/spreadsheet|ms-excel|text\/csv/.test(contentType)) return 'XLS';
  if (/presentation|powerpoint/.test(contentType)) return 'PPT';
  if (contentType === 'application/zip') return 'ZIP';
  const extension = /\.([a-z0-9]{1,4})$/i.exec(name)?.[1];
  return extension ? extension.toUpperCase() : 'FILE';
}

/** Whether the allowlist holds the type: exact types, or families such as image/*. */
export const typeAllowed = (allowed: readonly string[], type: string) =>
  allowed.some((a) => a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1))));
