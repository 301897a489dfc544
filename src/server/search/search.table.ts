// The SQLite full-text tables (FTS5, external content: the terms only, the
// text stays in messages and conversations). PostgreSQL has none: its index
// is on an expression of those tables' columns (search.migrations.ts).
export interface MessageSearchTable {
  rowid: number;
  body: string;
}

export interface ConversationSearchTable {
  rowid: number;
  name: string;
}

declare module '../db/schema' {
  interface DB {
    messages_fts: MessageSearchTable;
    conversations_fts: ConversationSearchTable;
  }
}
