// Full-text search over conversation names, message bodies and attached
// files' names (three tables of hits in search.repo.ts): FTS5 on SQLite,
// where new messages reach the index in batches (search.indexer.ts) and are
// read from their table until then, and GIN indexes kept in each write's
// transaction on PostgreSQL (search.migrations.ts). Who finds what follows
// the conversations' visibility rule.
export { storefrontSearchRoutes, backofficeSearchRoutes } from './search.routes';
export { searchMigrations } from './search.migrations';
export { registerSearchFunctions } from './score';
export { catchUpIndex, searchCommands, searchIndexConsumer } from './search.indexer';
