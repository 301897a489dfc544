import { sql, type QueryExecutorProvider } from 'kysely';
import type { ModuleMigrations } from '../db/migrations';
import { withId } from '../db/migrations';

// Every message moves its conversation in each activity index and its
// participants' unread counts in the unread indexes. Entries for a NULL user
// or record serve no query (each one asks for `column = ?`), yet each post
// moved them too: a participant is either a customer user or a back-office
// user, and most conversations have no source record. Partial indexes leave
// those rows out (on the small bench data: 18 to 15 pages written per post,
// 560 to 470 µs of SQL at 4 posts per commit).
const partial = [
  {
    name: 'participants_customer_user_unread',
    table: 'participants',
    columns: ['customer_user_id', 'unread_count'],
    notNull: 'customer_user_id',
  },
  {
    name: 'participants_backoffice_user_unread',
    table: 'participants',
    columns: ['backoffice_user_id', 'unread_count'],
    notNull: 'backoffice_user_id',
  },
  {
    name: 'conversations_source_activity',
    table: 'conversations',
    columns: ['source_record_id', 'last_activity_at desc', 'id desc'],
    notNull: 'source_record_id',
  },
] as const;

/**
 * What the posts would have set: an Active conversation whose last text message
 * is a customer's waits since the first customer text after the last staff one.
 * (A conversation closed and reopened since waits on nobody; the backfill cannot
 * tell, and counts it waiting.)
 */
export async function backfillAwaitingStaff(db: QueryExecutorProvider) {
  await sql`
    update conversations set awaiting_staff_since = (
      select min(m.created_at) from messages m join participants p on p.id = m.author_participant_id
      where m.conversation_id = conversations.id and m.type = 'text' and p.customer_user_id is not null
        and m.seq > coalesce((
          select max(s.seq) from messages s join participants sp on sp.id = s.author_participant_id
          where s.conversation_id = conversations.id and s.type = 'text' and sp.backoffice_user_id is not null), 0)
    )
    where status = 'active'`.execute(db);
}

export const conversationsMigrations: ModuleMigrations = {
  '001_initial': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('conversations'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('customer_user_id', 'integer', (c) => c.notNull().references('customer_users.id'))
      .addColumn('owner_id', 'integer', (c) => c.references('backoffice_users.id').onDelete('set null'))
      .addColumn('source_record_id', 'integer', (c) => c.references('commerce_records.id').onDelete('set null'))
      .addColumn('messages_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_activity_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Each list reads one of these in order and stops after a page.
    const listIndex = (name: string, lead: string[]) =>
      db.schema
        .createIndex(name)
        .on('conversations')
        .columns([...lead, 'last_activity_at desc', 'id desc'])
        .execute();
    await listIndex('conversations_customer_user_activity', ['customer_user_id']);
    await listIndex('conversations_customer_activity', ['customer_id']);
    await listIndex('conversations_activity', []);
    await listIndex('conversations_source_activity', ['source_record_id']);
    await listIndex('conversations_owner_activity', ['owner_id']);
    // the back-office grid's default view filters by status; its total counts from this index alone
    await listIndex('conversations_status_activity', ['status']);

    await withId(dialect, db.schema.createTable('participants'))
      .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
      .addColumn('customer_user_id', 'integer', (c) => c.references('customer_users.id'))
      .addColumn('backoffice_user_id', 'integer', (c) => c.references('backoffice_users.id'))
      .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('participants_conversation_customer_user')
      .unique()
      .on('participants')
      .columns(['conversation_id', 'customer_user_id'])
      .where(sql.ref('customer_user_id'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('participants_conversation_backoffice_user')
      .unique()
      .on('participants')
      .columns(['conversation_id', 'backoffice_user_id'])
      .where(sql.ref('backoffice_user_id'), 'is not', null)
      .execute();
    // every message bumps the unread count of the thread's other participants;
    // the partial unique indexes above cannot serve `where conversation_id = ?`
    await db.schema.createIndex('participants_conversation').on('participants').column('conversation_id').execute();
    await db.schema
      .createIndex('participants_customer_user_unread')
      .on('participants')
      .columns(['customer_user_id', 'unread_count'])
      .execute();
    await db.schema
      .createIndex('participants_backoffice_user_unread')
      .on('participants')
      .columns(['backoffice_user_id', 'unread_count'])
      .execute();

    await withId(dialect, db.schema.createTable('messages'))
      .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('author_participant_id', 'integer', (c) => c.references('participants.id'))
      .addColumn('sent_by_backoffice_user_id', 'integer', (c) => c.references('backoffice_users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('messages_conversation_seq', ['conversation_id', 'seq'])
      .execute();

    await withId(dialect, db.schema.createTable('status_changes'))
      .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
      .addColumn('from_status', 'text', (c) => c.notNull())
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('changed_by_backoffice_user_id', 'integer', (c) => c.notNull().references('backoffice_users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('status_changes_conversation').on('status_changes').column('conversation_id').execute();
  },
  '002_partial_indexes': async (db) => {
    for (const index of partial) {
      await db.schema.dropIndex(index.name).execute();
      await db.schema
        .createIndex(index.name)
        .on(index.table)
        .columns([...index.columns])
        .where(sql.ref(index.notNull), 'is not', null)
        .execute();
    }
  },
  '008_people': async (db) => {
    await db.schema
      .alterTable('conversations')
      .addColumn('last_public_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db
      .updateTable('conversations' as never)
      .set({ last_public_seq: sql.ref('last_seq') } as never)
      .execute();
    await db.schema
      .alterTable('participants')
      .addColumn('guest', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('participants').addColumn('removed_at', 'text').execute();
    // a customer user's visibility reads their guest conversations on every request: few rows, one index
    await db.schema
      .createIndex('participants_guest')
      .on('participants')
      .columns(['customer_user_id', 'conversation_id'])
      .where(sql.ref('guest'), '=', 1)
      .execute();
  },
  '008_routing': async (db) => {
    await db.schema
      .createTable('conversation_settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  '014_mentions': async (db, dialect) => {
    await withId(dialect, db.schema.createTable('mentions'))
      .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
      .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
      .addColumn('backoffice_user_id', 'integer', (c) => c.notNull().references('backoffice_users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mentions_message_user').unique().on('mentions').columns(['message_id', 'backoffice_user_id']).execute();
    // the Mentions view: `exists (… where backoffice_user_id = ? and conversation_id = c.id)`
    await db.schema.createIndex('mentions_user_conversation').on('mentions').columns(['backoffice_user_id', 'conversation_id']).execute();
  },
  // The inbox's "Waiting on us": since when the customer has waited for staff.
  // Set by the post's own UPDATE of the conversation (thread.ts,
  // post-statement.ts), so it costs no statement; only waiting conversations
  // are in the index, which gives the view its order (oldest first) and count.
  '017_inbox': async (db) => {
    await db.schema.alterTable('conversations').addColumn('awaiting_staff_since', 'text').execute();
    await backfillAwaitingStaff(db);
    await db.schema
      .createIndex('conversations_awaiting_staff')
      .on('conversations')
      .columns(['awaiting_staff_since', 'id'])
      .where(sql.ref('awaiting_staff_since'), 'is not', null)
      .execute();
  },
  // list previews show the last text message, not a status line after it: kept by the UPDATE every text post already makes
  '019_bo_last_text_seq': async (db) => {
    await db.schema
      .alterTable('conversations')
      .addColumn('last_text_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update conversations set last_text_seq = coalesce((select max(m.seq) from messages m where m.conversation_id = conversations.id and m.type = 'text'), 0)`.execute(
      db,
    );
  },
};
