// The database's tables, as Kysely sees them. Each module declares its own
// tables in its `<noun>.table.ts`, by adding them to this interface
// (declaration merging), so that this folder names no module and a new
// module's tables need no change here.
//
// Times are ISO-8601 UTC strings with milliseconds ("2026-11-27T16:40:43.123Z"):
// they sort as text and read the same on SQLite and PostgreSQL.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the modules
export interface DB {}
