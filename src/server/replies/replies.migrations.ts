import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

export const repliesMigrations: ModuleMigrations = {
  '015_saved_replies': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('saved_replies'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('owner_id', 'integer', (c) => c.notNull().references('backoffice_users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // the palette: my personal replies and the shared ones
    await db.schema.createIndex('saved_replies_owner').on('saved_replies').columns(['owner_id', 'shared']).execute();
  },
};
