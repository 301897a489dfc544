import type { ModuleMigrations } from '../db/migrations';

export const accountsMigrations: ModuleMigrations = {
  '001_initial': async (db) => {
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').columns(['side', 'user_id']).execute();
  },
  '010_password_tokens': async (db) => {
    await db.schema
      .createTable('password_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('password_tokens_user').on('password_tokens').columns(['side', 'user_id']).execute();
  },
  // the purge job finds expired sessions by their end
  '011_purge_indexes': async (db) => {
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
  },
};
