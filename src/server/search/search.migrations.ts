import { sql } from 'kysely';
import type { ModuleMigrations } from '../db/migrations';

// The full-text index is kept current in the write's own transaction, so a
// message is found the moment its post is answered, whichever path wrote it
// (the post statement, the general path, the seed, an import, the bench data)
// and a deleted conversation's messages leave it with them.
//
// SQLite: FTS5 tables over the messages' bodies and the conversations'
// names, with external content (the text stays in its own table; the index
// holds only the terms), kept by triggers. unicode61 with remove_diacritics 2
// folds case and accents; the prefix indexes make "in", "inv", "invo"… cheap.
//
// PostgreSQL: GIN indexes on an expression, no column to keep: the `simple`
// configuration (no stemming, no stop words) over the text with accents
// removed (unaccent, wrapped in an immutable function as an index needs),
// and every character but letters and digits made a space first, so that
// words are what FTS5's tokenizer finds: PostgreSQL's own parser would drop
// `<script>` as an HTML tag and keep "amanda@acme.example" as one word.
// parley_search_term makes one term of a query from any text, quoted, so that
// no user input is ever parsed as tsquery syntax.
const fts = (table: string, content: string, column: string) => [
  `create virtual table ${table} using fts5(${column}, content='${content}', content_rowid='id',
     tokenize='unicode61 remove_diacritics 2', prefix='2 3')`,
  `create trigger ${table}_insert after insert on ${content} begin
     insert into ${table}(rowid, ${column}) values (new.id, new.${column}); end`,
  `create trigger ${table}_delete after delete on ${content} begin
     insert into ${table}(${table}, rowid, ${column}) values ('delete', old.id, old.${column}); end`,
  `create trigger ${table}_update after update of ${column} on ${content} begin
     insert into ${table}(${table}, rowid, ${column}) values ('delete', old.id, old.${column});
     insert into ${table}(rowid, ${column}) values (new.id, new.${column}); end`,
  `insert into ${table}(${table}) values ('rebuild')`,
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
  'create index conversations_search on conversations using gin (parley_search_text(name))',
];

export const searchMigrations: ModuleMigrations = {
  '013_search': async (db, dialect) => {
    const statements =
      dialect === 'postgres'
        ? postgres
        : [...fts('messages_fts', 'messages', 'body'), ...fts('conversations_fts', 'conversations', 'name')];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
