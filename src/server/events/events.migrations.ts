import { sql } from 'kysely';
import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';
import { EVENTS_PER_TRANSACTION_BITS } from './positions';

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
  // PostgreSQL: event ids become positions in transaction order (see
  // positions.ts), so that event-writing transactions no longer queue behind
  // one lock through their commits. SQLite keeps its ids: one writer commits
  // in id order already.
  '005_event_positions': async (db, dialect) => {
    if (dialect !== 'postgres') return;
    await sql`alter table events alter column id drop default`.execute(db);
    await sql`drop sequence if exists events_id_seq`.execute(db);
    await sql`alter table events alter column id type bigint`.execute(db);
    await sql`alter table event_consumers alter column position type bigint`.execute(db);
    // every position from now on lies above every id handed out before
    const { rows } = await sql<{ base: string }>`select (coalesce(max(id), 0) + 1)::text as base from events`.execute(db);
    const base = BigInt(rows[0]!.base);
    const shift = EVENTS_PER_TRANSACTION_BITS;
    await sql
      .raw(
        `create or replace function parley_event_id(n integer) returns bigint language sql volatile as
         $$ select ${base}::bigint + (pg_current_xact_id()::text::bigint << ${shift}) + n $$`,
      )
      .execute(db);
    // The oldest transaction still running; with `pass_over_others`, passing
    // over those seen to be another database's (they never write our events),
    // so that another database's long transaction holds nothing up here. One
    // whose database cannot be seen (not yet listed, or hidden for lack of
    // privilege) still counts. Reading pg_stat_activity costs about 0.4 ms, so
    // readers ask for it only when the horizon has not moved for a while.
    await sql
      .raw(
        `create or replace function parley_event_horizon(pass_over_others boolean) returns bigint language sql stable as
         $$ select ${base}::bigint + (case when not pass_over_others then pg_snapshot_xmin(s)::text::bigint else coalesce(
              (select min(x::text::bigint) from pg_snapshot_xip(s) as x
               where (x::text::bigint % 4294967296)::text::xid not in (
                 select a.backend_xid from pg_stat_activity a
                 where a.backend_xid is not null and a.datid <> (select oid from pg_database where datname = current_database()))),
              pg_snapshot_xmax(s)::text::bigint) end << ${shift})
            from pg_current_snapshot() as s $$`,
      )
      .execute(db);
  },
  '011_scheduled_jobs': async (db) => {
    await db.schema
      .createTable('scheduled_jobs')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('last_run_at', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_result', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
