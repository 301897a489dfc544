import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

export const attachmentsMigrations: ModuleMigrations = {
  // no foreign keys to messages or conversations: a deleted conversation's
  // files are removed by the attachments.cleanup consumer, store and rows together
  '012_attachments': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('attachments'))
      .addColumn('uploader_kind', 'text', (c) => c.notNull())
      .addColumn('uploader_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('thumbnail_key', 'text')
      .addColumn('message_id', 'integer')
      .addColumn('conversation_id', 'integer')
      .addColumn('staff_only', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachments_message').on('attachments').columns(['message_id', 'id']).execute();
    await db.schema.createIndex('attachments_conversation').on('attachments').column('conversation_id').execute();
    // the orphan purge's question: uploads no message took, oldest first
    await db.schema
      .createIndex('attachments_unused')
      .on('attachments')
      .column('created_at')
      .where(sql.ref('message_id'), 'is', null)
      .execute();
  },
  // the key of signed download links (webhooks, mail): the first instance to migrate makes it, every other one reads it
  '012_attachment_keys': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('attachment_keys'))
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into attachment_keys (secret, created_at) values (${randomBytes(32).toString('base64url')}, ${new Date().toISOString()})`.execute(
      db,
    );
  },
};
