// SQLite's write thread on a real database file: every command runs on the
// thread, in the order asked, and is answered once durable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { AppError } from '../kernel/errors';
import type { CommandRunner } from './group-commit';
import { createWriter, type Writer } from './writer';

const entry = pathToFileURL(path.resolve('test/fixtures/write-thread-entry.ts'));
const actor = { kind: 'backoffice_user', id: 1, role: 'administrator', name: 'Test' } as const;
// the thread runs the fixture's commands; this side never runs one itself
const notHere: CommandRunner = () => Promise.reject(new Error('ran on the main connection'));

describe('write thread', () => {
  let dir: string;
  let database: Database;
  let writer: Writer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-thread-'));
    database = openDatabase({ dataDir: dir });
    await sql`create table notes (id integer primary key autoincrement, text text not null)`.execute(database.db);
    writer = createWriter(database, notHere, { thread: entry });
  });
  afterAll(async () => {
    await writer.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const note = (text: string) => writer.command({ name: 'note', actor, args: text }).then((outcome) => outcome.value as number);
  const texts = async () => (await sql<{ text: string }>`select text from notes order by id`.execute(database.db)).rows.map((r) => r.text);

  it('commits every command in the order asked, across batches, and answers each with its own result', async () => {
    await sql`delete from notes`.execute(database.db);
    const asked = Array.from({ length: 600 }, (_, i) => `note-${i}`);
    // more than one batch (256) and more than the batches in flight at once
    const ids = await Promise.all(asked.map(note));
    expect(await texts()).toEqual(asked);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(asked.length);
  });

  it('keeps the WAL bounded under steady writes: the checkpoint thread copies it and has it start over', async () => {
    // a writer of its own whose WAL starts over past 64 KB; its connections never checkpoint by themselves below 256 MB
    const small = createWriter(database, notHere, { thread: entry, walRestartBytes: 64 << 10 });
    const wal = `${database.sqlite!.name}-wal`;
    let largest = 0;
    const text = 'x'.repeat(4000);
    try {
      // 2,000 notes of 4 KB, 20 at a time, paced: 8 MB through the WAL over
      // some 30 checkpoint intervals, so that a busy machine delaying the
      // checkpoint thread a few intervals does not make the WAL look unbounded
      for (let round = 0; round < 100; round++) {
        await Promise.all(Array.from({ length: 20 }, (_, i) => small.command({ name: 'note', actor, args: `${round}-${i}-${text}` })));
        largest = Math.max(largest, fs.statSync(wal).size);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    } finally {
      await small.close();
    }
    const rows = await sql<{ n: number }>`select count(*) as n from notes where length(text) > 4000`.execute(database.db);
    expect(rows.rows[0]!.n).toBeGreaterThanOrEqual(2000);
    expect(largest).toBeLessThan(3 << 20);
  });

  it("gives a command's AppError back whole, and rolls back only that command", async () => {
    await sql`delete from notes`.execute(database.db);
    const [a, failed, b] = await Promise.allSettled([note('a'), writer.command({ name: 'fail', actor, args: null }), note('b')]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('fulfilled');
    expect(failed.status).toBe('rejected');
    const error = (failed as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'CONVERSATION_CLOSED',
      status: 409,
      message: 'This conversation is closed.',
      fields: { body: 'Closed.' },
    });
    expect(await texts()).toEqual(['a', 'b']);
  });

  it('fails what a dying thread had not answered, and the next write starts a new thread', async () => {
    await sql`delete from notes`.execute(database.db);
    await expect(writer.command({ name: 'exit', actor, args: null })).rejects.toThrow(/thread stopped/);
    await expect(note('after')).resolves.toBeGreaterThan(0);
    expect(await texts()).toEqual(['after']);
  });
});
