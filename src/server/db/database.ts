import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { DB } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  dialect: Dialect;
  db: Kysely<DB>;
  /** the raw SQLite handle, for pragmas and checkpoints; absent on PostgreSQL */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
}

export function openDatabase(config: DatabaseConfig): Database {
  const file = sqliteFile(config);
  return file === undefined ? openPostgres(config.databaseUrl!) : openSqlite(file);
}

/** The SQLite file the configuration names; undefined for PostgreSQL. */
export function sqliteFile(config: DatabaseConfig): string | undefined {
  const url = config.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return undefined;
  return url?.startsWith('file:') ? url.slice('file:'.length) : path.join(config.dataDir, 'parley.db');
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // 1 KB pages for a new database (an existing one keeps its own): a post
  // changes a few bytes in a dozen scattered pages (its conversation in each
  // list index, the unread counts, the event's indexes), and the WAL, its fsync
  // and the checkpoints copy whole pages. On the bench data 4 KB pages wrote
  // 32.5 KB of WAL per post and 1 KB pages 13.5 KB, and the statements ran
  // faster too (306 -> 233 us per post at 32 per commit).
  sqlite.pragma('page_size = 1024');
  sqlite.pragma('journal_mode = WAL');
  // FULL: every commit is fsynced before it returns, so an acknowledged write
  // survives a power cut. The write batcher keeps that to one fsync per batch.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  // Checkpoint when the WAL holds 40 MB instead of SQLite's 1,000 pages: each
  // post dirties about a dozen scattered pages, and a page written many times
  // between two checkpoints is copied into the database once. (Post benchmark,
  // small data: 2,550/s with 10 MB, 2,780/s with 40 MB; 1,000 pages cost a third.)
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${Math.round((40 << 20) / pageSize)}`);
  const statements = withStatementCache(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) });
  rawConnections.set(db, statements);
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    close: () => db.destroy(),
  };
}

type StatementCache = ReturnType<typeof withStatementCache>;

/** SQLite connections by their Kysely instance. */
const rawConnections = new WeakMap<Kysely<DB>, StatementCache>();
/** The writer's open transactions, and their connection. */
const heldTransactions = new WeakMap<Kysely<DB>, StatementCache>();

/**
 * The connection behind `trx` when it is a transaction the writer holds (see
 * `holdsConnection`), for direct use: inside it every statement runs on that
 * one connection anyway, and a query through Kysely costs more than most of
 * them take. Anything else (a plain `db`, whose connection a batch may be
 * holding between two statements) gets undefined and goes through Kysely.
 */
export function rawSqlite(trx: Kysely<DB>): StatementCache | undefined {
  return heldTransactions.get(trx);
}

/** Marks `trx` as the writer's transaction on `db`'s connection (see `rawSqlite`). */
export function holdsConnection(trx: Kysely<DB>, db: Kysely<DB>) {
  const raw = rawConnections.get(db);
  if (raw) heldTransactions.set(trx, raw);
}

/** Ends what `holdsConnection` began, once the transaction is committed or rolled back. */
export function releaseConnection(trx: Kysely<DB>) {
  heldTransactions.delete(trx);
}

/**
 * Kysely prepares every query anew; compiling SQL is a good part of a short
 * query's cost, so statements are kept by their text. Safe because Kysely only
 * calls all()/run() on them (never a long-lived iterate()) and SQLite
 * re-prepares a statement by itself when the schema changes.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

// PostgreSQL returns int8 (count(*), sums) as strings; ours stay far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

/** Connections per instance (the bench's PostgreSQL ceiling uses as many). */
export const POSTGRES_POOL_SIZE = 10;

function openPostgres(url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: POSTGRES_POOL_SIZE,
    // Our list queries join up to eleven tables, written driving table first.
    // Left to search join orders, PostgreSQL spent 6-8 ms planning each one for
    // 0.5 ms of execution; held to the written order it plans in under 1 ms.
    options: '-c join_collapse_limit=1',
  });
  // An idle pooled connection that the server ends (a restart, a dropped
  // database) is replaced on next use; without a listener it would crash the process.
  pool.on('error', (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
  return { dialect: 'postgres', db, close: () => db.destroy() };
}

/** SQL texts that run as named prepared statements on PostgreSQL, by name. */
const statementNames = new Map<string, string>();

/**
 * Has PostgreSQL parse and plan this SQL text once per connection instead of
 * on every run: for the hot path's statements, which are built once with
 * their values as parameters (see writes/precompiled.ts). The post's one
 * statement spent 0.35 ms planning each time for 0.4 ms of execution. Only
 * fixed texts belong here: every name stays prepared on every connection.
 */
export function prepareOnPostgres(sqlText: string) {
  // A prepared `select *` keeps its columns: once another instance's migration
  // adds one, PostgreSQL refuses the old plan ("cached plan must not change
  // result type") on every connection that prepared it. Name the columns.
  if (/\bselect\s+\*|"\w+"\.\*/i.test(sqlText)) throw new Error(`a prepared statement must name its columns, not *: ${sqlText}`);
  if (!statementNames.has(sqlText)) statementNames.set(sqlText, `parley_${statementNames.size + 1}`);
}

/** The pool as Kysely sees it, running the texts given to `prepareOnPostgres` as named statements. */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  const listened = new WeakSet<pg.PoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      // a connection the server ends while it is checked out (between a
      // transaction's statements) emits 'error' on the client, where the pool
      // does not listen: without a listener it would crash the process
      if (!listened.has(client)) {
        listened.add(client);
        client.on('error', (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
      }
      const query = (sqlOrCursor: unknown, parameters?: readonly unknown[]) => {
        if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as pg.Submittable);
        const name = statementNames.get(sqlOrCursor);
        return client.query(
          name ? { name, text: sqlOrCursor, values: [...(parameters ?? [])] } : { text: sqlOrCursor, values: [...(parameters ?? [])] },
        );
      };
      return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() };
    },
    end: () => pool.end(),
  };
}
