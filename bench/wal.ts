// DATABASE_URL=postgres://… npx tsx bench/wal.ts [--data-dir D] [--posts N]
// What one post writes to PostgreSQL's WAL, table and index by table and
// index: counts, not times, so it says the same on a busy machine as on a
// quiet one (other databases' records are left out). Starts Parley on the
// bench data, posts N messages one at a time after a checkpoint, and reads
// the records between two WAL positions with pg_walinspect.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parseOptions } from './options';
import { signIn } from './lib/http';
import { startParley } from './lib/processes';
import type { Manifest } from './data/plan';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) throw new Error('DATABASE_URL must name the PostgreSQL bench database');
const options = parseOptions(process.argv.slice(2));
const postsFlag = process.argv.indexOf('--posts');
const posts = postsFlag >= 0 ? Number(process.argv[postsFlag + 1]) : 300;
const manifest = JSON.parse(fs.readFileSync(path.join(options.dataDir, 'manifest.json'), 'utf8')) as Manifest;

const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query('create extension if not exists pg_walinspect');
const { rows: self } = await client.query<{ oid: string }>('select oid::text from pg_database where datname = current_database()');
const databaseOid = self[0]!.oid;
const walPosition = async () => (await client.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn')).rows[0]!.lsn;

fs.mkdirSync(path.join(options.dataDir, 'logs'), { recursive: true });
const server = await startParley(options.dataDir, path.join(options.dataDir, 'logs', 'wal.log'));
try {
  const posters = await Promise.all(
    manifest.posters
      .slice(0, 20)
      .map(async (p) => ({ ...(await signIn(server.base, 'storefront', p.email, 'parley-demo')), ids: p.conversationIds })),
  );
  await client.query('checkpoint');
  const start = await walPosition();
  for (let i = 0; i < posts; i++) {
    const poster = posters[i % posters.length]!;
    const res = await fetch(`${server.base}/api/conversations/${poster.ids[i % poster.ids.length]}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: poster.cookie, 'x-csrf-token': poster.csrf },
      body: JSON.stringify({ body: `Bench message ${i}: could you confirm the delivery date?` }),
    });
    if (res.status !== 201) throw new Error(`post answered ${res.status}: ${await res.text()}`);
  }
  // the consumers' cursors and the like belong to the posts too
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const end = await walPosition();

  const { rows: relations } = await client.query<{ node: string; name: string }>(
    'select pg_relation_filenode(oid)::text as node, relname as name from pg_class where pg_relation_filenode(oid) is not null',
  );
  const names = new Map(relations.map((r) => [r.node, r.name]));
  const { rows } = await client.query<{ manager: string; type: string; length: number; fpi: number; blocks: string | null }>(
    `select resource_manager as manager, record_type as type, record_length as length, fpi_length as fpi, block_ref as blocks
     from pg_get_wal_records_info($1, $2)`,
    [start, end],
  );
  const totals = new Map<string, { records: number; bytes: number; fpi: number }>();
  for (const r of rows) {
    const rel = /rel \d+\/(\d+)\/(\d+)/.exec(r.blocks ?? '');
    if (rel && rel[1] !== databaseOid) continue;
    const key = `${rel ? (names.get(rel[2]!) ?? `relation ${rel[2]}`) : '(no relation)'} ${r.manager}/${r.type}`;
    const t = totals.get(key) ?? { records: 0, bytes: 0, fpi: 0 };
    t.records++;
    t.bytes += r.length;
    t.fpi += r.fpi;
    totals.set(key, t);
  }
  const all = [...totals.values()].reduce((a, t) => ({ records: a.records + t.records, bytes: a.bytes + t.bytes }), {
    records: 0,
    bytes: 0,
  });
  console.log(
    `${posts} posts: ${(all.records / posts).toFixed(1)} WAL records and ${(all.bytes / posts).toFixed(0)} bytes a post (full-page images included)`,
  );
  console.log('bytes/post  records/post  of which full-page  relation and record');
  for (const [key, t] of [...totals].sort((a, b) => b[1].bytes - a[1].bytes)) {
    if (t.records / posts < 0.05) continue;
    console.log(
      `${(t.bytes / posts).toFixed(0).padStart(10)}  ${(t.records / posts).toFixed(2).padStart(12)}  ${(t.fpi / posts).toFixed(0).padStart(17)}  ${key}`,
    );
  }
} finally {
  await server.stop();
  await client.end();
}
