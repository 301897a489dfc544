import { sql } from 'kysely';
import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

export const webhooksMigrations: ModuleMigrations = {
  '007_webhooks': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('webhook_endpoints'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('event_types', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('include_staff_only', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('previous_secret', 'text')
      .addColumn('previous_secret_until', 'text')
      .addColumn('disabled_reason', 'text')
      .addColumn('disabled_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(dialect, db.schema.createTable('webhook_deliveries'))
      .addColumn('endpoint_id', 'integer', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
      // PostgreSQL's event ids are positions past 2^31 (events/positions.ts)
      .addColumn('event_id', dialect === 'postgres' ? 'bigint' : 'integer')
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('lane', 'integer')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('first_attempt_at', 'text')
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // the fan-out runs at least once: a second run of one event adds nothing
    await db.schema
      .createIndex('webhook_deliveries_event')
      .on('webhook_deliveries')
      .columns(['endpoint_id', 'event_id'])
      .unique()
      .execute();
    // the worker's questions, on pending rows only: each endpoint's due ones in id order, and whether a lane has an older one
    for (const [name, columns] of [
      ['webhook_deliveries_pending', ['endpoint_id', 'id']],
      ['webhook_deliveries_lanes', ['endpoint_id', 'lane', 'id']],
    ] as const)
      await db.schema
        .createIndex(name)
        .on('webhook_deliveries')
        .columns([...columns])
        .where(sql.ref('state'), '=', sql.lit('pending'))
        .execute();
    // the log, newest first
    await db.schema.createIndex('webhook_deliveries_log').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();

    await withId(dialect, db.schema.createTable('webhook_attempts'))
      .addColumn('delivery_id', 'integer', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
      .addColumn('endpoint_id', 'integer', (c) => c.notNull())
      .addColumn('attempted_at', 'text', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('ok', 'integer', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .execute();
    await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'id']).execute();
  },
};
