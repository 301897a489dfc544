import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

export const eventsMigrations: ModuleMigrations = {
  '001_initial': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('events'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'integer')
      .addColumn('customer_id', 'integer')
      .addColumn('customer_user_id', 'integer')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // a resuming client replays the events it may see after its last id
    await db.schema.createIndex('events_customer_user').on('events').columns(['customer_user_id', 'id']).execute();
    await db.schema.createIndex('events_customer').on('events').columns(['customer_id', 'id']).execute();
  },
  '003_event_consumers': async (db) => {
    await db.schema
      .createTable('event_consumers')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
