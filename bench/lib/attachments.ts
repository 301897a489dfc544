// The attachments benchmark: upload and download speed through Parley beside
// the raw disk's write and read speed measured in the same run, on the same
// folder, with the same files (the target: at least half); and the
// server's memory while ten uploads of the largest allowed file run at once
// (an upload streams to disk, so it should grow by far less than the 250 MB
// in flight; target under 150 MB). Both write paths end with an fsync: an
// upload is on disk before it is answered.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { signIn, type Session } from './http';
import { rssMb, startParley } from './processes';

export interface AttachmentsResult {
  kind: 'attachments';
  fileMb: number;
  files: number;
  rawWriteMbps: number;
  rawReadMbps: number;
  uploadMbps: number;
  downloadMbps: number;
  /** RSS before the ten concurrent uploads, and its highest point during them */
  rssBeforeMb: number;
  rssMaxMb: number;
}

const round = (x: number) => Math.round(x * 10) / 10;
const seconds = (start: number) => (performance.now() - start) / 1000;

async function rawDisk(folder: string, content: Buffer, files: number) {
  fs.mkdirSync(folder, { recursive: true });
  const names = Array.from({ length: files }, (_, i) => path.join(folder, `raw-${i}`));
  let start = performance.now();
  for (const name of names) {
    // 64 KB at a time, as a stream writes it
    const out = fs.openSync(name, 'w');
    for (let at = 0; at < content.length; at += 65_536) fs.writeSync(out, content, at, Math.min(65_536, content.length - at));
    // durable, as Parley makes an upload before answering
    fs.fsyncSync(out);
    fs.closeSync(out);
  }
  const write = seconds(start);
  start = performance.now();
  for (const name of names) {
    for await (const chunk of fs.createReadStream(name)) void chunk;
  }
  const read = seconds(start);
  for (const name of names) fs.rmSync(name);
  const mb = (content.length * files) / 1_048_576;
  return { rawWriteMbps: round(mb / write), rawReadMbps: round(mb / read) };
}

// node:http, not fetch: undici's FormData and body reader cost the load
// generator more than the server spends (a CPU profile of the server showed it
// idle 57 % of an upload run), and the figure is the server's
const multipartOf = (content: Buffer, name: string) => {
  const boundary = `----parleybench${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  return { body: [head, content, Buffer.from(`\r\n--${boundary}--\r\n`)], type: `multipart/form-data; boundary=${boundary}` };
};

function exchange(url: string, options: http.RequestOptions, body?: Buffer[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      // a download's bytes are counted by their arrival, and dropped
      const keep = res.headers['content-type']?.includes('json') ?? false;
      res.on('data', (chunk: Buffer) => keep && chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const part of body ?? []) req.write(part);
    req.end();
  });
}

async function upload(base: string, session: Session, content: Buffer, name: string): Promise<number> {
  const { body, type } = multipartOf(content, name);
  const length = body.reduce((n, b) => n + b.length, 0);
  const res = await exchange(
    `${base}/admin/api/attachments`,
    { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': type, 'content-length': length } },
    body,
  );
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return (JSON.parse(res.text) as { id: number }).id;
}

async function download(base: string, session: Session, id: number) {
  const res = await exchange(`${base}/admin/api/attachments/${id}`, { headers: { cookie: session.cookie } });
  if (res.status !== 200) throw new Error(`download failed: ${res.status}`);
}

export async function runAttachmentsBenchmark(options: {
  dataDir: string;
  parleyLog: string;
  fileMb?: number;
  files?: number;
  /** more of the server's environment (a quick check on an empty folder seeds the demo data) */
  env?: NodeJS.ProcessEnv;
}) {
  const fileMb = options.fileMb ?? 25;
  const files = options.files ?? 10;
  // text, so that the type check passes; random, so that nothing compresses it
  const content = Buffer.from(crypto.randomBytes((fileMb * 1_048_576) / 2).toString('hex'));
  const raw = await rawDisk(path.join(options.dataDir, 'raw-disk'), content, files);
  const parley = await startParley(options.dataDir, options.parleyLog, { PARLEY_ATTACHMENT_MAX_MB: String(fileMb), ...options.env });
  try {
    const session = await signIn(parley.base, 'backoffice', 'john@parley.example', 'parley-demo');
    const mb = (content.length * files) / 1_048_576;
    let start = performance.now();
    const ids: number[] = [];
    for (let i = 0; i < files; i++) ids.push(await upload(parley.base, session, content, `bench-${i}.txt`));
    const uploadMbps = round(mb / seconds(start));
    start = performance.now();
    for (const id of ids) await download(parley.base, session, id);
    const downloadMbps = round(mb / seconds(start));

    const rssBeforeMb = rssMb(parley.pid) ?? NaN;
    let rssMaxMb = rssBeforeMb;
    const sampler = setInterval(() => (rssMaxMb = Math.max(rssMaxMb, rssMb(parley.pid) ?? 0)), 50);
    await Promise.all(Array.from({ length: files }, (_, i) => upload(parley.base, session, content, `together-${i}.txt`)));
    clearInterval(sampler);
    return {
      kind: 'attachments',
      fileMb,
      files,
      ...raw,
      uploadMbps,
      downloadMbps,
      rssBeforeMb: round(rssBeforeMb),
      rssMaxMb: round(rssMaxMb),
    } satisfies AttachmentsResult;
  } finally {
    await parley.stop();
  }
}
