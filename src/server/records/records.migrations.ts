import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

export const recordsMigrations: ModuleMigrations = {
  '001_initial': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('commerce_records'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('customer_user_id', 'integer', (c) => c.notNull().references('customer_users.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('total', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('commerce_records_type_number', ['type', 'number'])
      .execute();
    await db.schema
      .createIndex('commerce_records_customer_user')
      .on('commerce_records')
      .columns(['customer_user_id', 'type', 'created_at'])
      .execute();
    await db.schema
      .createIndex('commerce_records_customer')
      .on('commerce_records')
      .columns(['customer_id', 'type', 'created_at'])
      .execute();
  },
  // A deleted record is kept, marked, until its conversations have let go of
  // it (conversations.sources, a durable consumer of record.deleted), and is
  // never shown again: a record's deletion and its conversations' are the
  // business of two modules.
  '004_records_deleted_at': async (db) => {
    await db.schema.alterTable('commerce_records').addColumn('deleted_at', 'text').execute();
  },
  '006_service_tokens': async (db) => {
    await db.schema.alterTable('commerce_records').addColumn('external_id', 'text').execute();
    await db.schema.alterTable('commerce_records').addColumn('lines', 'text').execute();
    await db.schema.createIndex('commerce_records_external_id').unique().on('commerce_records').columns(['type', 'external_id']).execute();
    await db.schema.createIndex('commerce_records_updated').on('commerce_records').columns(['type', 'updated_at', 'id']).execute();
  },
};
