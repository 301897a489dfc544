import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

export const integrationMigrations: ModuleMigrations = {
  '006_service_tokens': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('service_tokens'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_by_backoffice_user_id', 'integer', (c) => c.references('backoffice_users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
  },
  '010_handoff': async (db) => {
    await db.schema
      .createTable('handoff_settings')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('jwks_url', 'text')
      .addColumn('secret', 'text')
      .addColumn('store_url', 'text')
      .addColumn('updated_at', 'text')
      .execute();
    await db.schema
      .createTable('handoff_jtis')
      .addColumn('jti', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('handoff_jtis_expires').on('handoff_jtis').column('expires_at').execute();
  },
};
