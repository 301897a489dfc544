// Where the bytes of attachments live: the storage port, and its local disk
// implementation (PARLEY_DATA_DIR/attachments). The S3 one is s3-storage.ts.
// Uploads arrive in a spool folder on local disk either way (their type and
// size are known only once they are whole); a kept one is then moved in.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface ByteRange {
  start: number;
  /** inclusive */
  end: number;
}

export interface DownloadTerms {
  contentType: string;
  /** the whole Content-Disposition header */
  disposition: string;
}

export interface AttachmentStore {
  readonly kind: 'disk' | 's3';
  /** local folder where uploads are written while they arrive */
  readonly spoolDir: string;
  /** takes a finished upload (a local file, removed or moved) in under the key */
  save(key: string, file: string, contentType: string): Promise<void>;
  /** the stored bytes, or a range of them */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** S3: a URL the browser fetches directly for 5 minutes; the disk answers null (Parley serves the bytes) */
  presign(key: string, terms: DownloadTerms): Promise<string | null>;
  /** removes what is stored under the keys; a key with nothing stored is no error */
  remove(keys: readonly string[]): Promise<void>;
}

export function diskStore(root: string): AttachmentStore {
  const spoolDir = path.join(root, '.incoming');
  fs.mkdirSync(spoolDir, { recursive: true });
  // two hex characters of the (random) key spread the files over 256 folders
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key);
  return {
    kind: 'disk',
    spoolDir,
    async save(key, file) {
      await fs.promises.mkdir(path.dirname(fileOf(key)), { recursive: true });
      await fs.promises.rename(file, fileOf(key));
    },
    async read(key, range) {
      const stream = fs.createReadStream(fileOf(key), range ? { start: range.start, end: range.end } : {});
      // open before answering, so a missing file is an error here rather than a cut response
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      return stream;
    },
    presign: () => Promise.resolve(null),
    async remove(keys) {
      await Promise.all(keys.map((key) => fs.promises.rm(fileOf(key), { force: true })));
    },
  };
}
