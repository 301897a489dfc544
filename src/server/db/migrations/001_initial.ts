import { sql, type Kysely, type CreateTableBuilder } from 'kysely';
import type { Dialect } from '../database';

// One migration for both databases: only the identity column differs.
export function up(dialect: Dialect) {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  return async (db: Kysely<unknown>) => {
    await withId(db.schema.createTable('backoffice_users'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('customers'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
      .addColumn('sales_rep_id', 'integer', (c) => c.references('backoffice_users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customers_parent').on('customers').column('parent_id').execute();
    await db.schema.createIndex('customers_name').on('customers').column('name').execute();

    await withId(db.schema.createTable('customer_users'))
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

    await withId(db.schema.createTable('commerce_records'))
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

    await withId(db.schema.createTable('conversations'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('customer_user_id', 'integer', (c) => c.notNull().references('customer_users.id'))
      .addColumn('owner_id', 'integer', (c) => c.references('backoffice_users.id').onDelete('set null'))
      .addColumn('source_record_id', 'integer', (c) =>
        c.references('commerce_records.id').onDelete('set null'),
      )
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

    await withId(db.schema.createTable('participants'))
      .addColumn('conversation_id', 'integer', (c) =>
        c.notNull().references('conversations.id').onDelete('cascade'),
      )
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

    await withId(db.schema.createTable('messages'))
      .addColumn('conversation_id', 'integer', (c) =>
        c.notNull().references('conversations.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('author_participant_id', 'integer', (c) => c.references('participants.id'))
      .addColumn('sent_by_backoffice_user_id', 'integer', (c) => c.references('backoffice_users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('messages_conversation_seq', ['conversation_id', 'seq'])
      .execute();

    await withId(db.schema.createTable('status_changes'))
      .addColumn('conversation_id', 'integer', (c) =>
        c.notNull().references('conversations.id').onDelete('cascade'),
      )
      .addColumn('from_status', 'text', (c) => c.notNull())
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('changed_by_backoffice_user_id', 'integer', (c) =>
        c.notNull().references('backoffice_users.id'),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('status_changes_conversation').on('status_changes').column('conversation_id').execute();

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

    await withId(db.schema.createTable('events'))
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

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
      .execute();
  };
}
