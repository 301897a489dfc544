import { sql } from 'kysely';
import type { ModuleMigrations } from '../db/migrations';

export const notificationsMigrations: ModuleMigrations = {
  '009_mail': async (db) => {
    await db.schema
      .createTable('notification_watches')
      .addColumn('participant_id', 'integer', (c) => c.primaryKey())
      .addColumn('conversation_id', 'integer', (c) => c.notNull())
      .addColumn('notified_seq', 'integer', (c) => c.notNull())
      .addColumn('since_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // the sender's question: what waits, oldest first
    await db.schema
      .createIndex('notification_watches_waiting')
      .on('notification_watches')
      .column('since_at')
      .where(sql.ref('since_at'), 'is not', null)
      .execute();
    await db.schema
      .createTable('notification_preferences')
      .addColumn('user_kind', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('new_messages', 'text', (c) => c.notNull())
      .addColumn('assigned', 'integer', (c) => c.notNull())
      .addColumn('status_changes', 'integer', (c) => c.notNull())
      .addColumn('digest_sent_on', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_preferences_pk', ['user_kind', 'user_id'])
      .execute();
  }, // the daily digest's window starts where the last one ended, on the data's
  // clock (the one of messages), apart from the day it was settled for
  '016_digest': async (db) => {
    await db.schema.alterTable('notification_preferences').addColumn('digest_since', 'text').execute();
  },
};
