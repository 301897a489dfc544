// The unread rules on a real SQLite database: unread = messages after my last
// read one, not counting my own; writing marks the thread read for the writer
// (whoever really wrote it: a message written in my name is news to me); a new
// participant has read nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { migrateToLatest } from '../db/migrations';
import { migrations } from '../modules';
import { writerForTests } from '../../../test/support/in-write';
import { appendMessage, participantFor } from './thread';
import { countUnreadAfter } from './messages.repo';
import { preview } from './unread.service';

describe('unread rules', () => {
  let dir: string;
  let database: Database;
  const conversation = { id: 0, customer_id: 0, customer_user_id: 0 };
  const writerFor = () => writerForTests(database);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-unit-'));
    database = openDatabase({ dataDir: dir });
    await migrateToLatest(database, migrations);
    const db = database.db;
    const at = new Date().toISOString();
    const bo = await db
      .insertInto('backoffice_users')
      .values({ email: 'c@x', first_name: 'C', last_name: 'S', role: 'sales_manager', password_hash: '!', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const customer = await db
      .insertInto('customers')
      .values({ name: 'Acme', parent_id: null, sales_rep_id: bo.id, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await db
      .insertInto('customer_users')
      .values({
        customer_id: customer.id,
        email: 'a@x',
        first_name: 'A',
        last_name: 'C',
        role: 'buyer',
        password_hash: '!',
        deleted_at: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const conv = await db
      .insertInto('conversations')
      .values({
        name: 'T',
        status: 'active',
        customer_id: customer.id,
        customer_user_id: user.id,
        owner_id: bo.id,
        source_record_id: null,
        messages_count: 0,
        last_seq: 0,
        last_public_seq: 0,
        last_text_seq: 0,
        last_activity_at: at,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    Object.assign(conversation, { id: conv.id, customer_id: customer.id, customer_user_id: user.id });
    Object.assign(ids, { bo: bo.id, user: user.id });
  });
  const ids = { bo: 0, user: 0 };
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const participant = (kind: 'customer_user' | 'backoffice_user') =>
    database.db
      .selectFrom('participants')
      .selectAll()
      .where(kind === 'customer_user' ? 'customer_user_id' : 'backoffice_user_id', '=', kind === 'customer_user' ? ids.user : ids.bo)
      .executeTakeFirstOrThrow();

  it("counts others' messages after my last read one, never my own", async () => {
    const writer = writerFor();
    await writer.run(async (ctx) => {
      const amanda = await participantFor(ctx, conversation, { kind: 'customer_user', id: ids.user });
      const charlie = await participantFor(ctx, conversation, { kind: 'backoffice_user', id: ids.bo });
      await appendMessage(ctx, conversation, { type: 'text', body: 'q1', authorParticipantId: amanda.id, sentByBackofficeUserId: null });
      await appendMessage(ctx, conversation, { type: 'text', body: 'q2', authorParticipantId: amanda.id, sentByBackofficeUserId: null });
      await appendMessage(ctx, conversation, { type: 'text', body: 'a1', authorParticipantId: charlie.id, sentByBackofficeUserId: null });
    });
    const amanda = await participant('customer_user');
    const charlie = await participant('backoffice_user');
    // Charlie's reply read Amanda's two questions for him; Amanda has his answer unread
    expect([amanda.last_read_seq, amanda.unread_count]).toEqual([2, 1]);
    expect([charlie.last_read_seq, charlie.unread_count]).toEqual([3, 0]);
    expect(await countUnreadAfter(database.db, conversation.id, 0, amanda.id, false)).toBe(1);
    expect(await countUnreadAfter(database.db, conversation.id, 0, charlie.id, true)).toBe(2);
  });

  it('a message someone else wrote in my name is unread for me, and read by the one who wrote it', async () => {
    const writer = writerFor();
    const amandaBefore = await participant('customer_user');
    await writer.run(async (ctx) => {
      await appendMessage(ctx, conversation, {
        type: 'text',
        body: 'q3',
        authorParticipantId: amandaBefore.id,
        sentByBackofficeUserId: null,
      });
      // Charlie, taking part, writes in Amanda's name (as an Administrator may)
      await appendMessage(ctx, conversation, {
        type: 'text',
        body: 'a2',
        authorParticipantId: amandaBefore.id,
        sentByBackofficeUserId: ids.bo,
      });
    });
    const amanda = await participant('customer_user');
    const charlie = await participant('backoffice_user');
    expect([amanda.last_read_seq, amanda.unread_count]).toEqual([4, 1]); // q3 read by writing it; a2 is news to her
    expect([charlie.last_read_seq, charlie.unread_count]).toEqual([5, 0]);
    // counted again from the start, the same: a1 and a2
    expect(await countUnreadAfter(database.db, conversation.id, 0, amanda.id, false)).toBe(2);
  });

  it('a new participant starts with everything others wrote unread', async () => {
    const writer = writerFor();
    const other = await database.db
      .insertInto('backoffice_users')
      .values({ email: 'j@x', first_name: 'J', last_name: 'D', role: 'administrator', password_hash: '!', created_at: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = await writer.run((ctx) => participantFor(ctx, conversation, { kind: 'backoffice_user', id: other.id }));
    expect(p.unread_count).toBe(5);
  });

  it('group commit: a failing job rolls back alone, the others commit', async () => {
    const writer = writerFor();
    const before = await database.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const amanda = await participant('customer_user');
    const jobs = Array.from({ length: 20 }, (_, i) =>
      writer.run(async (ctx) => {
        await appendMessage(ctx, conversation, {
          type: 'text',
          body: `m${i}`,
          authorParticipantId: amanda.id,
          sentByBackofficeUserId: null,
        });
        if (i === 7) throw new Error('job 7 fails after writing');
        return i;
      }),
    );
    const results = await Promise.allSettled(jobs);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const after = await database.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(19);
    const seqs = (
      await database.db.selectFrom('messages').select('seq').where('conversation_id', '=', conversation.id).orderBy('seq').execute()
    ).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(database.sqlite!.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('previews plain text cut with an ellipsis', () => {
    expect(preview('short', 50)).toBe('short');
    expect(preview('a\n\nb', 50)).toBe('a b');
    const cut = preview('x'.repeat(80), 50);
    expect(cut).toHaveLength(50);
    expect(cut.endsWith('…')).toBe(true);
  });
});
