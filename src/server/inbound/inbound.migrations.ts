import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

export const inboundMigrations: ModuleMigrations = {
  '009_mail': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('inbound_mails'))
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('inbound_mails_sender').on('inbound_mails').columns(['sender', 'received_at']).execute();
    await db.schema.createIndex('inbound_mails_message_id').on('inbound_mails').column('message_id').execute();
  },
};
