// Full-text search over conversation names, message bodies and attached
// files' names (three tables of hits in search.repo.ts): FTS5 on SQLite,
// where the messages' index lives in a file of its own (search.file.ts),
// new messages reach it in batches on a thread of its own
// (search.indexer.ts) and are read from their table until then, and GIN
// indexes kept in each write's transaction on PostgreSQL
// (search.migrations.ts). Who finds what follows the conversations'
// visibility rule.
export { storefrontSearchRoutes, backofficeSearchRoutes } from './search.routes';
export { searchMigrations } from './search.migrations';
export { registerSearchFunctions } from './score';
export { attachSearchIndex, catchUpIndex, createIndexer, searchIndexConsumer, type Indexer } from './search.indexer';
