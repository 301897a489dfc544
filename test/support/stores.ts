// The two places attachments are kept, for the attachment tests to run on
// each: the local disk, and an S3-compatible server (s3rver, from npm) that
// the test starts itself. `env` is filled in by `start` (the S3 server's
// port is known once it listens), before the suite builds its app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
// @ts-expect-error -- s3rver ships no types; it is used here only
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';
import type { Agent } from './api';

export interface TestStore {
  name: 'disk' | 's3';
  env: Record<string, string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** every key that holds bytes now */
  keys(): Promise<string[]>;
}

function diskTestStore(): TestStore {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-attachments-'));
  const root = path.join(dataDir, 'attachments');
  return {
    name: 'disk',
    env: { PARLEY_DATA_DIR: dataDir },
    start: () => Promise.resolve(),
    stop: () => fs.promises.rm(dataDir, { recursive: true, force: true }),
    keys: () =>
      Promise.resolve(
        fs.existsSync(root)
          ? fs
              .readdirSync(root, { recursive: true, withFileTypes: true })
              .flatMap((e) => (e.isFile() && !e.parentPath.includes('.incoming') ? [e.name] : []))
          : [],
      ),
  };
}

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}

function s3TestStore(): TestStore {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-attachments-'));
  const objects = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-s3rver-'));
  const server = new (S3rver as new (options: object) => S3rverInstance)({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: objects,
    configureBuckets: [{ name: 'parley' }],
  });
  let client: S3Client | undefined;
  const env: Record<string, string> = { PARLEY_DATA_DIR: dataDir };
  return {
    name: 's3',
    env,
    async start() {
      const { port } = await server.run();
      // s3rver's fixed credentials
      env.PARLEY_S3_URL = `http://S3RVER:S3RVER@127.0.0.1:${port}/parley?region=us-east-1`;
      client = new S3Client({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
    },
    async stop() {
      await server.close();
      await fs.promises.rm(dataDir, { recursive: true, force: true });
      await fs.promises.rm(objects, { recursive: true, force: true });
    },
    async keys() {
      const listed = await client!.send(new ListObjectsV2Command({ Bucket: 'parley' }));
      return (listed.Contents ?? []).map((o) => o.Key!);
    },
  };
}

function startedAroundTheFile(stores: TestStore[]): TestStore[] {
  beforeAll(async () => {
    for (const store of stores) await store.start();
  });
  afterAll(async () => {
    for (const store of stores) await store.stop();
  });
  return stores;
}

/** The disk and an S3 server, started before the file's suites and stopped after them (call at the top of a test file). */
export function testStores(): TestStore[] {
  return startedAroundTheFile([diskTestStore(), s3TestStore()]);
}

/** An S3 server alone, started and stopped as `testStores` does; its `env` names it once started. */
export function testS3Store(): TestStore & { origin(): string } {
  const store = s3TestStore();
  startedAroundTheFile([store]);
  return { ...store, origin: () => new URL(store.env.PARLEY_S3_URL!).origin };
}

export interface Fetched {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
  /** the presigned URL it came from (S3), or null */
  via: string | null;
}

/** A download as a browser makes it: following the redirect to a presigned URL (S3), with the same Range. */
export async function download(who: Agent, url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const res = await who.request('GET', url, undefined, headers);
  if (res.statusCode !== 302) return { status: res.statusCode, headers: res.headers, body: res.rawPayload, via: null };
  const location = String(res.headers.location);
  const direct = await fetch(location, { headers });
  return {
    status: direct.status,
    headers: Object.fromEntries(direct.headers),
    body: Buffer.from(await direct.arrayBuffer()),
    via: location,
  };
}
