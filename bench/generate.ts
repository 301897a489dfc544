// npm run bench:data -- --size small|large
// Builds the bench database: the app's own migration and demo seed, then
// customers, users, conversations and messages written in bulk (see
// data/plan.ts for their shape). SQLite by default, under .bench-data/<size>;
// PostgreSQL when DATABASE_URL=postgres://… names an empty database.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrations';
import { migrations } from '../src/server/modules';
import { seedDemoData } from '../src/server/seed/demo';
import { hashPassword } from '../src/server/accounts';
import { attachSearchIndex, catchUpIndex } from '../src/server/search';
import { parseOptions, removeDatabaseFiles, scaleOf } from './options';
import { generate, type DemoIds } from './data/plan';
import { postgresSink, sqliteSink } from './data/sinks';
import { tableNames, type Table } from './data/tables';

const options = parseOptions(process.argv.slice(2));
const databaseUrl = process.env.DATABASE_URL && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined;
const started = performance.now();

fs.mkdirSync(options.dataDir, { recursive: true });
if (!databaseUrl) removeDatabaseFiles(options.dataDir);
const database = openDatabase({ databaseUrl, dataDir: options.dataDir });
await migrateToLatest(database, migrations);
if (!(await seedDemoData(database))) {
  throw new Error('The database already has data: point DATABASE_URL at an empty database (SQLite files are recreated).');
}

const db = database.db;
const userId = async (email: string) =>
  (await db.selectFrom('customer_users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const boId = async (email: string) =>
  (await db.selectFrom('backoffice_users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const customerId = async (name: string) =>
  (await db.selectFrom('customers').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const countWhere = async (column: 'customer_user_id' | 'customer_id', value: number) =>
  Number(
    (
      await db
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(column, '=', value)
        .executeTakeFirstOrThrow()
    ).n,
  );

const amanda = await userId('amanda@acme.example');
const acme = await customerId('Acme Corporation');
const demo: DemoIds = {
  acme,
  acmeWest: await customerId('Acme West'),
  globex: await customerId('Globex Inc.'),
  amanda,
  marlene: await userId('marlene@acme.example'),
  john: await boId('john@parley.example'),
  charlie: await boId('charlie@parley.example'),
  amandaConversations: await countWhere('customer_user_id', amanda),
  acmeConversations: await countWhere('customer_id', acme),
};
const nextId = {} as Record<Table, number>;
for (const table of tableNames) {
  const row = await sql<{ n: number | null }>`select max(id) as n from ${sql.table(table)}`.execute(db);
  nextId[table] = Number(row.rows[0]?.n ?? 0) + 1;
}
const input = { scale: scaleOf(options.size), now: Date.now(), passwordHash: await hashPassword('parley-demo'), demo, nextId };

let manifest;
if (database.sqlite) {
  const sqlite = database.sqlite;
  // Nothing here needs to survive a power cut: the file is rebuilt on failure.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  manifest = await generate(input, sqliteSink(sqlite));
  // the full-text index takes messages in batches after their writes (search.indexer.ts): all of them, now
  attachSearchIndex(database);
  catchUpIndex(database);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('journal_mode = WAL');
  // fold the WALs into the files so that a copy of parley.db and of its search index's file is the whole database
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('search.wal_checkpoint(TRUNCATE)');
} else {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('set synchronous_commit = off');
  manifest = await generate(input, postgresSink(client));
  for (const table of tableNames) {
    await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  // statistics and the visibility map, as a database in steady state has them
  await client.query('vacuum analyze');
  await client.end();
}
await database.close();

const file = path.join(options.dataDir, 'manifest.json');
fs.writeFileSync(file, `${JSON.stringify({ ...manifest, dialect: database.dialect, generatedAt: new Date().toISOString() }, null, 2)}\n`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const c = manifest.counts;
console.log(
  `Generated ${options.size} on ${database.dialect}: ${c.customers} customers, ${c.customerUsers} customer users, ` +
    `${c.conversations} conversations, ${c.messages} messages in ${seconds} s\n  ${database.sqlite ? path.join(options.dataDir, 'parley.db') : 'PostgreSQL'}; manifest ${file}`,
);
