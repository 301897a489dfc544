import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

export const peopleMigrations: ModuleMigrations = {
  '001_initial': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('backoffice_users'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withId(dialect, db.schema.createTable('customers'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
      .addColumn('sales_rep_id', 'integer', (c) => c.references('backoffice_users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customers_parent').on('customers').column('parent_id').execute();
    await db.schema.createIndex('customers_name').on('customers').column('name').execute();

    await withId(dialect, db.schema.createTable('customer_users'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customer_users_customer').on('customer_users').column('customer_id').execute();
  },
  // The sync API keys rows by the store's own ids. A unique index rather than
  // a UNIQUE column: SQLite cannot add one; both databases let NULLs repeat.
  '006_service_tokens': async (db) => {
    for (const table of ['customers', 'customer_users', 'backoffice_users']) {
      await db.schema.alterTable(table).addColumn('external_id', 'text').execute();
      await db.schema.alterTable(table).addColumn('updated_at', 'text').execute();
      await db.schema.createIndex(`${table}_external_id`).unique().on(table).column('external_id').execute();
      await db.schema.createIndex(`${table}_updated`).on(table).columns(['updated_at', 'id']).execute();
    }
    await db.schema.alterTable('backoffice_users').addColumn('deactivated_at', 'text').execute();
  },
};
