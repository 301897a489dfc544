import path from 'node:path';
import type { Clock } from '../kernel/clock';
import { parseS3Url, s3Store } from './s3-storage';
import { diskStore, type AttachmentStore } from './storage';

/** The store the configuration names: S3 when PARLEY_S3_URL is set, else PARLEY_DATA_DIR/attachments. */
export function openAttachmentStore(dataDir: string, s3Url: string | undefined, clock: Clock): Promise<AttachmentStore> {
  if (s3Url) return s3Store(parseS3Url(s3Url), path.join(dataDir, 'attachments', '.incoming'), clock);
  return Promise.resolve(diskStore(path.join(dataDir, 'attachments')));
}

/** The origin the browser fetches stored files from, when it is not Parley's own (S3). */
export const attachmentOrigin = (s3Url: string | undefined) => (s3Url ? parseS3Url(s3Url).origin : undefined);
