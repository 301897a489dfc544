import { sql, type Kysely } from 'kysely';
import type { ModuleMigrations } from '../db/migrations';

// The migrations in the order they came; what stands now is 024's scope
// tokens and prefixes, 025's file of its own for the messages' index
// (search.file.ts), and PostgreSQL's 023. A message is found the moment its
// post is answered, whichever path wrote it (the post statement, the general
// path, the seed, an import, the bench data), and a deleted conversation's
// messages leave the answers with it.
//
// SQLite: contentless FTS5 tables (the terms only; the text stays in
// messages and conversations) over the messages' bodies and the
// conversations' names, kept by triggers. unicode61 with remove_diacritics 2
// folds case and accents; the prefix indexes (of 3 and 4 letters since
// 024) make "inv", "invo"… cheap. Each row also carries `scope` tokens: its conversation's customer
// user (u12), customer (k3) and guests (g45; since 024, before it the
// conversation's id, v97), and `note` for an internal note,
// so that a Buyer's query matches only within their own messages inside the
// index (search.repo.ts), however many other messages share its words. A
// conversation's customer and customer user do not change; if they did, the
// rescope trigger would index its messages again.
// (The scope as 013 to 021 wrote it; 024 replaced the conversation's id with its guests.)
const scopeOf = (c: string) => `'u' || ${c}.customer_user_id || ' k' || ${c}.customer_id || ' v' || ${c}.id`;
const messageRowV1 = (m: string) => `${m}.id, ${m}.body, ${scopeOf('c')} || case when ${m}.type = 'note' then ' note' else '' end`;
const tokenizer = `tokenize='unicode61 remove_diacritics 2', prefix='2 3', content='', contentless_delete=1`;
/**
 * PostgreSQL's search upkeep as it stands after the migrations below, each
 * part by name (the search-cost bench drops it for a round and makes it again).
 */
export const pgUpkeep = {
  messagesVector: 'alter table messages add column search_vector tsvector generated always as (parley_search_text(body)) stored',
  messagesIndex: 'create index messages_search on messages using gin (search_vector)',
  conversationsIndex: 'create index conversations_search on conversations using gin (parley_search_text(name))',
  attachmentsIndex: 'create index attachments_search on attachments using gin (parley_search_text(name)) where message_id is not null',
};

const sqlite = [
  `create virtual table messages_fts using fts5(body, scope, ${tokenizer})`,
  `create virtual table conversations_fts using fts5(name, scope, ${tokenizer})`,
  `create trigger messages_fts_insert after insert on messages begin
     insert into messages_fts(rowid, body, scope) select ${messageRowV1('new')} from conversations c where c.id = new.conversation_id; end`,
  `create trigger messages_fts_delete after delete on messages begin delete from messages_fts where rowid = old.id; end`,
  `create trigger messages_fts_update after update of body, type on messages begin
     delete from messages_fts where rowid = old.id;
     insert into messages_fts(rowid, body, scope) select ${messageRowV1('new')} from conversations c where c.id = new.conversation_id; end`,
  `create trigger conversations_fts_insert after insert on conversations begin
     insert into conversations_fts(rowid, name, scope) values (new.id, new.name, ${scopeOf('new')}); end`,
  `create trigger conversations_fts_delete after delete on conversations begin delete from conversations_fts where rowid = old.id; end`,
  `create trigger conversations_fts_update after update of name, customer_id, customer_user_id on conversations begin
     delete from conversations_fts where rowid = old.id;
     insert into conversations_fts(rowid, name, scope) values (new.id, new.name, ${scopeOf('new')}); end`,
  `create trigger conversations_fts_rescope after update of customer_id, customer_user_id on conversations begin
     delete from messages_fts where rowid in (select id from messages where conversation_id = new.id);
     insert into messages_fts(rowid, body, scope) select ${messageRowV1('m')} from messages m join conversations c on c.id = m.conversation_id
       where m.conversation_id = new.id; end`,
  `insert into messages_fts(rowid, body, scope) select ${messageRowV1('m')} from messages m join conversations c on c.id = m.conversation_id`,
  `insert into conversations_fts(rowid, name, scope) select c.id, c.name, ${scopeOf('c')} from conversations c`,
];

const postgres = [
  'create extension if not exists unaccent',
  `create or replace function parley_search_text(text) returns tsvector
     language sql immutable parallel safe strict
     as $$ select to_tsvector('simple'::regconfig,
       regexp_replace(public.unaccent('public.unaccent'::regdictionary, $1), '[^[:alnum:]]+', ' ', 'g')) $$`,
  `create or replace function parley_search_term(term text, prefix boolean) returns tsquery
     language sql stable parallel safe strict
     as $$ select to_tsquery('simple'::regconfig, '''' ||
       regexp_replace(public.unaccent('public.unaccent'::regdictionary, term), '[^[:alnum:]]+', ' ', 'g')
       || '''' || case when prefix then ':*' else '' end) $$`,
  'create index messages_search on messages using gin (parley_search_text(body))',
  pgUpkeep.conversationsIndex,
];

// Attachment names, once a message carries the file: FTS5 rows with the
// same scope tokens (`note` for a file on an internal note), and on
// PostgreSQL a GIN index over the names of attached files only.
const attachmentRowV1 = (a: string) => `${a}.id, ${a}.name, ${scopeOf('c')} || case when ${a}.staff_only = 1 then ' note' else '' end`;
const sqliteAttachments = [
  `create virtual table attachments_fts using fts5(name, scope, ${tokenizer})`,
  `create trigger attachments_fts_insert after insert on attachments when new.message_id is not null begin
     insert into attachments_fts(rowid, name, scope) select ${attachmentRowV1('new')} from conversations c where c.id = new.conversation_id; end`,
  `create trigger attachments_fts_attach after update of message_id, conversation_id, staff_only, name on attachments begin
     delete from attachments_fts where rowid = old.id;
     insert into attachments_fts(rowid, name, scope) select ${attachmentRowV1('new')} from conversations c
       where c.id = new.conversation_id and new.message_id is not null; end`,
  `create trigger attachments_fts_delete after delete on attachments begin delete from attachments_fts where rowid = old.id; end`,
  `create trigger conversations_fts_rescope_attachments after update of customer_id, customer_user_id on conversations begin
     delete from attachments_fts where rowid in (select id from attachments where conversation_id = new.id);
     insert into attachments_fts(rowid, name, scope) select ${attachmentRowV1('a')} from attachments a join conversations c on c.id = a.conversation_id
       where a.conversation_id = new.id and a.message_id is not null; end`,
  `insert into attachments_fts(rowid, name, scope) select ${attachmentRowV1('a')} from attachments a join conversations c on c.id = a.conversation_id
     where a.message_id is not null`,
];
const postgresAttachments = [pgUpkeep.attachmentsIndex];

// 021: messages reach their index in batches (search.indexer.ts), not by
// their insert's trigger. FTS5 writes a segment and its bookkeeping at every
// commit that touched it, about six 1 KB pages whatever the commit holds, so
// indexing each post in its own write cost the post path 13 % (bench
// `--only search-cost`); hundreds of messages a commit share those pages.
// `search_progress` says how far the index reaches: every message up to
// `messages_up_to` is indexed, every later one is not yet (ids only grow, and
// SQLite's one writer commits them in order), and search reads those few from
// the messages themselves (search.repo.ts), so a message is still found the
// moment its post is answered. The triggers that follow an edit, a deletion
// or a move keep to the indexed messages; the indexer reads the later ones as
// they are when it comes. The new table also has a prefix index of four
// letters: a prefix without one of its exact length is merged in full before
// the first row comes out (5 ms for "date"* at 2,000,000 messages), and the
// last word of a query is a prefix, most often three or four letters long
// while it is being typed.
const batchedTokenizer = `tokenize='unicode61 remove_diacritics 2', prefix='2 3 4', content='', contentless_delete=1`;
const indexed = (id: string) => `${id} <= (select messages_up_to from search_progress)`;
const sqliteBatches = [
  'drop trigger messages_fts_insert',
  'drop trigger messages_fts_delete',
  'drop trigger messages_fts_update',
  'drop trigger conversations_fts_rescope',
  'drop table messages_fts',
  `create virtual table messages_fts using fts5(body, scope, ${batchedTokenizer})`,
  'create table search_progress (id integer primary key check (id = 1), messages_up_to integer not null)',
  'insert into search_progress (id, messages_up_to) select 1, coalesce(max(id), 0) from messages',
  `insert into messages_fts(rowid, body, scope) select ${messageRowV1('m')} from messages m join conversations c on c.id = m.conversation_id`,
  `create trigger messages_fts_delete after delete on messages when ${indexed('old.id')} begin
     delete from messages_fts where rowid = old.id; end`,
  `create trigger messages_fts_update after update of body, type on messages when ${indexed('old.id')} begin
     delete from messages_fts where rowid = old.id;
     insert into messages_fts(rowid, body, scope) select ${messageRowV1('new')} from conversations c where c.id = new.conversation_id; end`,
  `create trigger conversations_fts_rescope after update of customer_id, customer_user_id on conversations begin
     delete from messages_fts where rowid in (select id from messages where conversation_id = new.id and ${indexed('id')});
     insert into messages_fts(rowid, body, scope) select ${messageRowV1('m')} from messages m join conversations c on c.id = m.conversation_id
       where m.conversation_id = new.id and ${indexed('m.id')}; end`,
];

// FTS5 writes its index in leaves of about `pgsz` bytes (4,050 by default,
// for 4 KB database pages), each one a row of its %_data table. A new Parley
// database has 1 KB pages (db/database.ts), where a row over the page size
// less 35 bytes overflows into a chain of pages: 96 % of the default leaves
// did, so each leaf read followed a chain of five pages. A leaf goes a few
// bytes past pgsz (903 for 900), so on pages under 4 KB it is the page size
// less 124, and `optimize` writes the leaves already there again at that
// size; on 4 KB pages and larger the default fits. At 2,000,000 messages,
// a Buyer's newest 250 matches of "delivery date" came from the index in
// 0.8 ms instead of 1.6 ms, and the index grew 5 %.
export const FTS_TABLES = ['messages_fts', 'conversations_fts', 'attachments_fts'];
async function leavesFitPages(db: Kysely<unknown>) {
  const { rows } = await sql<{ page_size: number }>`pragma page_size`.execute(db);
  const pageSize = rows[0]!.page_size;
  if (pageSize >= 4096) return;
  const pgsz = pageSize - 124;
  for (const table of FTS_TABLES) {
    await sql.raw(`insert into ${table}(${table}, rank) values ('pgsz', ${pgsz})`).execute(db);
    await sql.raw(`insert into ${table}(${table}) values ('optimize')`).execute(db);
  }
}

// PostgreSQL: each message's search vector stored in its row, the GIN index
// on it. With the index on the expression, every match tested outside the
// index and every hit ranked computed the vector again (unaccent, a regex,
// to_tsvector: 18 us a message): a Buyer's plan, which starts from their own
// conversations' messages, spent 110 of 114 ms doing that at 200,000
// messages, and the back-office's ranking 23 ms for 1,001 hits. Messages
// only: names are short and few, and attachment rows are read whole. The
// query's terms are immutable as the text's vector is (the same unaccent):
// the planner then makes the tsquery once, where a stable function in a
// filter ran again for every row tested (another 6 us a message).
const postgresVectors = [
  'alter function parley_search_term(text, boolean) immutable',
  pgUpkeep.messagesVector,
  'drop index messages_search',
  pgUpkeep.messagesIndex,
];

// 024: a row's scope names its conversation's guests (g45 for each customer
// user taking part as a guest) instead of the conversation's id (v97). A
// Buyer or Administrator who is a guest somewhere then matches `u12 OR g12`
// (or their customers' k tokens OR g12) whatever the number of their guest
// conversations, and most rows, whose conversations have no guest, carry two
// tokens instead of three. The id token was a new term for every
// conversation, with its three prefix entries: indexing 20,000 messages of
// the large bench data cost 18.2 us each with it and 14.7 us with the guests
// (the median of five slices, alternating). Adding or taking out a guest
// writes the conversation's indexed rows again, as a change of customer does.
const guestsOf = (c: string) =>
  `coalesce((select ' g' || group_concat(p.customer_user_id, ' g') from participants p where p.conversation_id = ${c}.id and p.guest = 1), '')`;
const scopeWithGuests = (c: string) => `'u' || ${c}.customer_user_id || ' k' || ${c}.customer_id || ${guestsOf(c)}`;
export const messageRow = (m: string) =>
  `${m}.id, ${m}.body, ${scopeWithGuests('c')} || case when ${m}.type = 'note' then ' note' else '' end`;
const attachmentRow = (a: string) =>
  `${a}.id, ${a}.name, ${scopeWithGuests('c')} || case when ${a}.staff_only = 1 then ' note' else '' end`;
const conversationRow = (c: string) => `${c}.id, ${c}.name, ${scopeWithGuests(c)}`;
/** Writes the three tables' rows of the conversations `c.id` passes (of their indexed messages only). */
const refill = (conversation: (column: string) => string) => [
  `insert into messages_fts(rowid, body, scope) select ${messageRow('m')} from messages m join conversations c on c.id = m.conversation_id
     where ${conversation('m.conversation_id')} and ${indexed('m.id')}`,
  `insert into conversations_fts(rowid, name, scope) select ${conversationRow('c')} from conversations c where ${conversation('c.id')}`,
  `insert into attachments_fts(rowid, name, scope) select ${attachmentRow('a')} from attachments a join conversations c on c.id = a.conversation_id
     where ${conversation('a.conversation_id')} and a.message_id is not null`,
];
/** Every row of one conversation in the three tables, written again with its scope as it now is. */
const rescope = (id: string) => [
  `delete from messages_fts where rowid in (select id from messages where conversation_id = ${id} and ${indexed('id')})`,
  `delete from conversations_fts where rowid = ${id}`,
  `delete from attachments_fts where rowid in (select id from attachments where conversation_id = ${id})`,
  ...refill((column) => `${column} = ${id}`),
];
const trigger = (name: string, on: string, statements: string[]) =>
  `create trigger ${name} ${on} begin ${statements.map((st) => `${st};`).join('\n')} end`;
/** A guest added, changed or taken out: the conversation's rows written again with its scope as it now is. */
const guestTriggers = (rescopeOf: (conversationId: string) => string[]) => [
  trigger('participants_fts_guest_added', 'after insert on participants when new.guest = 1', rescopeOf('new.conversation_id')),
  trigger(
    'participants_fts_guest_changed',
    'after update of guest on participants when old.guest <> new.guest',
    rescopeOf('new.conversation_id'),
  ),
  trigger('participants_fts_guest_deleted', 'after delete on participants when old.guest = 1', rescopeOf('old.conversation_id')),
];
// The same migration makes the prefix indexes those of 3 and 4 letters: a
// last word of one or two letters is a whole word (query.ts, MIN_PREFIX), so
// the 2-letter index served nothing, and it was a third of each message's
// indexing. The tables are made again for it (FTS5 keeps its prefixes for
// the table's life).
const prefixes34 = `tokenize='unicode61 remove_diacritics 2', prefix='3 4', content='', contentless_delete=1`;
const sqliteGuests = [
  ...[
    'conversations_fts_insert',
    'conversations_fts_update',
    'conversations_fts_rescope',
    'conversations_fts_rescope_attachments',
    'messages_fts_update',
    'attachments_fts_insert',
    'attachments_fts_attach',
  ].map((name) => `drop trigger ${name}`),
  ...FTS_TABLES.map((table) => `drop table ${table}`),
  `create virtual table messages_fts using fts5(body, scope, ${prefixes34})`,
  `create virtual table conversations_fts using fts5(name, scope, ${prefixes34})`,
  `create virtual table attachments_fts using fts5(name, scope, ${prefixes34})`,
  trigger('conversations_fts_insert', 'after insert on conversations', [
    `insert into conversations_fts(rowid, name, scope) select ${conversationRow('c')} from conversations c where c.id = new.id`,
  ]),
  trigger('conversations_fts_update', 'after update of name on conversations', [
    'delete from conversations_fts where rowid = old.id',
    `insert into conversations_fts(rowid, name, scope) select ${conversationRow('c')} from conversations c where c.id = new.id`,
  ]),
  trigger('conversations_fts_rescope', 'after update of customer_id, customer_user_id on conversations', rescope('new.id')),
  trigger('messages_fts_update', `after update of body, type on messages when ${indexed('old.id')}`, [
    'delete from messages_fts where rowid = old.id',
    `insert into messages_fts(rowid, body, scope) select ${messageRow('new')} from conversations c where c.id = new.conversation_id`,
  ]),
  trigger('attachments_fts_insert', 'after insert on attachments when new.message_id is not null', [
    `insert into attachments_fts(rowid, name, scope) select ${attachmentRow('new')} from conversations c where c.id = new.conversation_id`,
  ]),
  trigger('attachments_fts_attach', 'after update of message_id, conversation_id, staff_only, name on attachments', [
    'delete from attachments_fts where rowid = old.id',
    `insert into attachments_fts(rowid, name, scope) select ${attachmentRow('new')} from conversations c
       where c.id = new.conversation_id and new.message_id is not null`,
  ]),
  ...guestTriggers(rescope),
  // every row again, with the new scope (leavesFitPages then sizes the leaves and merges each table into one segment)
  ...refill(() => '1 = 1'),
];

// 025: the messages' index moves to a file of its own, written by a thread
// of its own (search.file.ts says why). Triggers cannot write to another
// file, so what followed an indexed message's edit, deletion or change of
// scope in the write's own transaction is now an entry in `search_queue`,
// which the index thread applies with its next batch; until then search
// reads the queued messages from their table. Conversation names and files'
// names stay here, kept by their triggers as before.
const queueConversation = (id: string) => `insert into search_queue (message_id) select id from messages where conversation_id = ${id}`;
/** A conversation's name and files written again with its scope as it now is, and its messages queued for the same. */
const rescopeQueued = (id: string) => [
  `delete from conversations_fts where rowid = ${id}`,
  `delete from attachments_fts where rowid in (select id from attachments where conversation_id = ${id})`,
  ...refill((column) => `${column} = ${id}`).slice(1),
  queueConversation(id),
];
const sqliteFile = [
  ...[
    'messages_fts_delete',
    'messages_fts_update',
    'conversations_fts_rescope',
    'participants_fts_guest_added',
    'participants_fts_guest_changed',
    'participants_fts_guest_deleted',
  ].map((name) => `drop trigger ${name}`),
  'drop table messages_fts',
  'drop table search_progress',
  // autoincrement: the index thread deletes the entries it applied, and an id used again would fall behind its progress
  'create table search_queue (id integer primary key autoincrement, message_id integer not null)',
  trigger('messages_fts_delete', 'after delete on messages', ['insert into search_queue (message_id) values (old.id)']),
  trigger('messages_fts_update', 'after update of body, type on messages', ['insert into search_queue (message_id) values (new.id)']),
  trigger('conversations_fts_rescope', 'after update of customer_id, customer_user_id on conversations', rescopeQueued('new.id')),
  ...guestTriggers(rescopeQueued),
];

export const searchMigrations: ModuleMigrations = {
  '013_search': async (db, dialect) => {
    for (const statement of dialect === 'postgres' ? postgres : sqlite) await sql.raw(statement).execute(db);
  },
  '020_search_attachments': async (db, dialect) => {
    for (const statement of dialect === 'postgres' ? postgresAttachments : sqliteAttachments) await sql.raw(statement).execute(db);
  },
  // PostgreSQL's GIN index stays in the write's transaction: its pending list already batches the index's writes
  '021_search_batches': async (db, dialect) => {
    if (dialect === 'sqlite') for (const statement of sqliteBatches) await sql.raw(statement).execute(db);
  },
  '022_search_leaves': async (db, dialect) => {
    if (dialect === 'sqlite') await leavesFitPages(db);
  },
  '023_search_vectors': async (db, dialect) => {
    if (dialect === 'postgres') for (const statement of postgresVectors) await sql.raw(statement).execute(db);
  },
  '024_search_guests': async (db, dialect) => {
    if (dialect !== 'sqlite') return;
    for (const statement of sqliteGuests) await sql.raw(statement).execute(db);
    await leavesFitPages(db);
  },
  '025_search_file': async (db, dialect) => {
    if (dialect === 'sqlite') for (const statement of sqliteFile) await sql.raw(statement).execute(db);
  },
};
