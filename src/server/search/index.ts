// Full-text search over conversation names, message bodies and attached
// files' names (three tables of hits in search.repo.ts), kept
// current in each write's own transaction: FTS5 on SQLite, a GIN index on
// PostgreSQL (search.migrations.ts). Who finds what follows the
// conversations' visibility rule.
export { storefrontSearchRoutes, backofficeSearchRoutes } from './search.routes';
export { searchMigrations } from './search.migrations';
export { registerSearchScore } from './score';
