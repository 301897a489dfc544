// Real databases for tests: a SQLite file in a temporary folder, or a fresh
// PostgreSQL database created for the suite and dropped after it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/database';

export const ADMIN_PG_URL = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** In CI (or with PARLEY_REQUIRE_SERVICES=1) a missing service fails the run instead of skipping. */
export const servicesRequired = process.env.CI === 'true' || process.env.PARLEY_REQUIRE_SERVICES === '1';

export async function postgresAvailable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: ADMIN_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `PostgreSQL at ${ADMIN_PG_URL} did not answer (${(error as Error).message})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  database: Database;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-test-'));
    const database = openDatabase({ dataDir: dir });
    return {
      database,
      url: `file:${path.join(dir, 'parley.db')}`,
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `parley_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = ADMIN_PG_URL.replace(/\/[^/]*$/, `/${name}`);
  const database = openDatabase({ databaseUrl: url, dataDir: os.tmpdir() });
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: ADMIN_PG_URL });
      await c.connect();
      try {
        // pg's pool.end() resolves before its sockets have closed; a forced drop
        // would then kill them mid-goodbye (57P01 in the test process)
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
