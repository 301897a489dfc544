// The storage port on any S3-compatible service (AWS S3, MinIO, Ceph, R2, …),
// named by PARLEY_S3_URL: https://KEY:SECRET@endpoint/bucket?region=eu-west-1.
// Without KEY:SECRET the SDK's usual chain (environment, instance role)
// answers. Addressing is path-style (endpoint/bucket/key), which every
// compatible service takes; `?style=virtual` asks for bucket.endpoint/key.
// Downloads go straight from the store through URLs signed for 5 minutes.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Clock } from '../kernel/clock';
import type { AttachmentStore } from './storage';

/** how long a presigned download URL works */
export const PRESIGNED_SECONDS = 300;

export interface S3Location {
  endpoint: string;
  bucket: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
  /** where the browser fetches files from (the CSP's img-src allows it, for the larger view of an image) */
  origin: string;
}

export function parseS3Url(value: string): S3Location {
  const url = new URL(value);
  const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
  const forcePathStyle = url.searchParams.get('style') !== 'virtual';
  const endpoint = `${url.protocol}//${url.host}`;
  return {
    endpoint,
    bucket,
    region: url.searchParams.get('region') ?? 'us-east-1',
    credentials: url.username
      ? { accessKeyId: decodeURIComponent(url.username), secretAccessKey: decodeURIComponent(url.password) }
      : undefined,
    forcePathStyle,
    origin: forcePathStyle ? endpoint : `${url.protocol}//${bucket}.${url.host}`,
  };
}

export async function s3Store(location: S3Location, spoolDir: string, clock: Clock): Promise<AttachmentStore> {
  fs.mkdirSync(spoolDir, { recursive: true });
  const client = new S3Client({
    endpoint: location.endpoint,
    region: location.region,
    forcePathStyle: location.forcePathStyle,
    ...(location.credentials ? { credentials: location.credentials } : {}),
    // plain signed requests: not every compatible service takes the SDK's newer streaming checksums
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = location.bucket;
  // fail at start, not at the first upload, when the bucket or the credentials are wrong
  await client.send(new HeadBucketCommand({ Bucket }));
  return {
    kind: 's3',
    spoolDir,
    async save(key, file, contentType) {
      const { size } = await fs.promises.stat(file);
      await client.send(
        new PutObjectCommand({ Bucket, Key: key, Body: fs.createReadStream(file), ContentLength: size, ContentType: contentType }),
      );
      await fs.promises.rm(file, { force: true });
    },
    async read(key, range) {
      const object = await client.send(
        new GetObjectCommand({ Bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      return object.Body as Readable;
    },
    presign(key, terms) {
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ResponseContentType: terms.contentType,
        ResponseContentDisposition: terms.disposition,
      });
      return getSignedUrl(client, command, { expiresIn: PRESIGNED_SECONDS, signingDate: new Date(clock.now()) });
    },
    async remove(keys) {
      await Promise.all(keys.map((Key) => client.send(new DeleteObjectCommand({ Bucket, Key }))));
    },
  };
}
