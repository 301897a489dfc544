import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

export const mailMigrations: ModuleMigrations = {
  '009_mail': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('mail_outbox'))
      .addColumn('dedupe_key', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('html', 'text', (c) => c.notNull())
      .addColumn('headers', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mail_outbox_dedupe').on('mail_outbox').column('dedupe_key').unique().execute();
    await db.schema.createIndex('mail_outbox_message_id').on('mail_outbox').column('message_id').execute();
    await db.schema
      .createIndex('mail_outbox_pending')
      .on('mail_outbox')
      .columns(['next_attempt_at', 'id'])
      .where(sql.ref('state'), '=', sql.lit('pending'))
      .execute();

    await withId(dialect, db.schema.createTable('mail_keys'))
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // the first instance to migrate makes the key; every other one reads it
    await sql`insert into mail_keys (secret, created_at) values (${randomBytes(32).toString('base64url')}, ${new Date().toISOString()})`.execute(
      db,
    );
  },
};
